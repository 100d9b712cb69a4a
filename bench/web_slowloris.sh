#!/usr/bin/env bash
# The review site with slow connections open (issue 19, defect 9): the
# sign-in page's latency with none and with N slowloris connections open
# (each sends a request's first line, then a header line every 2 s), the
# server's RSS, and wrk's requests/s on the case list with and without
# them. Not a timed test; the figures go in a comment at the design
# (engine/web/connection_threads.h) and in the report of the change.
#   bench/web_slowloris.sh [HEDUI_BINARY] [WORK_DIR] [N]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HEDUI=${1:-$ROOT/build/hedui}
WORK=${2:-/tmp/hedui_slowloris}
N=${3:-1000}
server_pid=""
slow_pid=""
cleanup() {
  if [ -n "$slow_pid" ]; then kill "$slow_pid" 2>/dev/null || true; wait "$slow_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

if [ ! -d "$WORK/data/runs" ]; then
  rm -rf "$WORK"
  "$HEDUI" demo --residents 20000 --dir "$WORK" --configs "$ROOT/configs" >/dev/null 2>&1
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

# The sign-in page, $1 times: median and worst, in ms (15000: gave up).
latency() {
  for _ in $(seq 1 "$1"); do
    curl -s -o /dev/null --max-time 15 -w '%{time_total}\n' "http://127.0.0.1:$port/login" || echo 15
  done | sort -n | awk '{a[NR]=$1*1000} END {printf "median %.1f ms, worst %.1f ms\n", a[int((NR+1)/2)], a[NR]}'
}
rss() { echo "$(($(ps -o rss= -p "$server_pid") / 1024)) MiB RSS, $(ls /proc/$server_pid/task | wc -l) threads"; }
load() { wrk -t2 -c16 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port/cases" | grep -E 'Requests/sec|Non-2xx|Socket errors|Latency' | tr -s ' ' | paste -sd' '; }

echo "no slow connections:   sign-in page $(latency 20); $(rss)"
echo "  wrk /cases: $(load)"
python3 - "$port" "$N" >"$WORK/slow.log" 2>&1 <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /cases HTTP/1.1\r\nHost: hedui\r\n")
    socks.append(s)
print("open", len(socks), flush=True)
r = 0
while True:
    time.sleep(2)
    r += 1
    for s in socks:
        try: s.sendall(b"X-Slow-%d: 1\r\n" % r)
        except OSError: pass
PY
slow_pid=$!
for _ in $(seq 1 600); do grep -q open "$WORK/slow.log" && break; sleep 0.1; done
sleep 3
echo "$N slowloris open:   sign-in page $(latency 5); $(rss)"
echo "  wrk /cases: $(load)"
echo "  still open: $(ss -Htn state established "( dport = :$port )" | wc -l)"
