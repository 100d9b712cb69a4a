#!/usr/bin/env bash
# Load on the review site: wrk against the demo county's case list (a
# signed-in session), while a nightly `hedui run` records runs at the same
# time (which the server imports on the next list request). Not a timed
# test; the figure goes to bench/RESULTS.md.
#   bench/web_load.sh [HEDUI_BINARY] [WORK_DIR] [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HEDUI=${1:-$ROOT/build/hedui}
WORK=${2:-/tmp/hedui_web_load}
SECONDS_=${3:-20}
CONFIGS=$ROOT/configs
server_pid=""
runner_pid=""
cleanup() {
  if [ -n "$runner_pid" ]; then kill "$runner_pid" 2>/dev/null || true; wait "$runner_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ ! -d "$WORK/data/runs" ]; then
  rm -rf "$WORK"
  "$HEDUI" demo --dir "$WORK" --configs "$CONFIGS" >/dev/null 2>&1
  # `hedui demo` makes the administrator, password demo-admin-2026.
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$HEDUI" serve --data "$WORK/data" --port "$port" >"$WORK/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
cookie=$(curl -s -D - -o /dev/null -F user=admin -F password=demo-admin-2026 \
  "http://127.0.0.1:$port/login" | tr -d '\r' | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
cases=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/cases" | grep -o '共 [0-9]* 件' | head -1)
echo "case list: $cases (50 a page)"

# Nightly runs, one after another, for as long as wrk runs (RUNS=0: none).
rm -f "$WORK/stop-runs"
[ "${RUNS:-1}" = 0 ] || (
  n=0
  while [ ! -e "$WORK/stop-runs" ]; do
    "$HEDUI" run --data "$WORK/data" --rules "$CONFIGS/rules/demo.toml" \
      --as-of 2026-11-30 --out "$WORK/reports-load" >/dev/null 2>&1
    n=$((n + 1))
    echo "$n" >"$WORK/runs-during-load"
  done
) &
[ "${RUNS:-1}" = 0 ] || runner_pid=$!

wrk -t2 -c16 -d"${SECONDS_}s" -H "Cookie: $cookie" "http://127.0.0.1:$port/cases" | tee "$WORK/wrk.txt"
# The loop ends after the run in progress (a kill would leave the loop's
# subshell running its next `hedui run`).
touch "$WORK/stop-runs"
wait "$runner_pid" 2>/dev/null || true
runner_pid=""
echo "nightly runs recorded during the load: $(cat "$WORK/runs-during-load" 2>/dev/null || echo 0)"
grep -q "Non-2xx" "$WORK/wrk.txt" && echo "FAILED REQUESTS: $(grep Non-2xx "$WORK/wrk.txt")"
grep -q "Socket errors" "$WORK/wrk.txt" && echo "SOCKET ERRORS: $(grep 'Socket errors' "$WORK/wrk.txt")"
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/cases" | grep -o '共 [0-9]* 件' | head -1 | sed 's/^/case list after the runs: /'
