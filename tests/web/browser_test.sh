#!/usr/bin/env bash
# The review site in a browser: headless Chromium (Debian's) driven by
# playwright-core (browser_test.js). Builds a small demo county with one
# flagged person's name made hostile (HTML in the roll file), starts
# `hedui serve` on a free port, and walks a township officer through a case
# to its decision, a nightly run in between, another township's officer and
# an inspector, then an administrator adding and disabling a user on the
# site. Screenshots go to the temp dir (kept with KEEP=1).
#   tests/web/browser_test.sh HEDUI_BINARY CONFIGS_DIR
set -euo pipefail
HEDUI=$1
CONFIGS=$2
HERE=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/hedui_browser.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# A missing test dependency fails here, by name (never a silent skip).
for need in /usr/bin/chromium node npm; do
  command -v "$need" >/dev/null 2>&1 || {
    echo "browser test: $need is missing; run bash .ci/install-test-deps" >&2
    exit 1
  }
done
if [ ! -f "$HERE/node_modules/playwright-core/package.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
fi

demo=$tmp/demo
"$HEDUI" demo --residents 20000 --dir "$demo" --configs "$CONFIGS" >"$tmp/demo.log" 2>&1

# The officer's township (the one with most cases), the case to decide,
# and a person flagged there whose name gets HTML in the roll file.
read -r TOWNSHIP OTHER FLAG HOSTILE_ID < <(python3 - "$demo" <<'PY'
import collections, csv, io, json, sys
demo = sys.argv[1]
cases = [json.loads(l) for l in open(f"{demo}/data/runs/run-000001.cases.ndjson", encoding="utf-8")]
count = collections.Counter(c["township"] for c in cases)
town = count.most_common(1)[0][0]
other = [t for t in count if t != town][0]
mine = [c for c in cases if c["township"] == town]
target = next(c for c in mine if c["rule"] in ("DECEASED", "VEHICLE", "PROPERTY", "MOVED"))
hostile = next(c for c in mine if c["scope"] == "member" and c["id_number"] != target["id_number"])
path = f"{demo}/feeds/roll.csv"
text = open(path, encoding="utf-8-sig").read()
rows = list(csv.reader(io.StringIO(text)))
for r in rows[1:]:
    if r[1] == hostile["id_number"]:
        r[2] = "<b>X</b>" + r[2]
out = io.StringIO()
csv.writer(out, lineterminator="\n").writerows(rows)
open(path, "w", encoding="utf-8-sig").write(out.getvalue())
print(town, other, target["flag_id"], hostile["id_number"])
PY
)

data=$demo/data
# `hedui demo` made the administrator (and demo users this test does not use).
export HEDUI_PASSWORD=demo-admin-2026
HEDUI_NEW_PASSWORD=town-pass-1 "$HEDUI" users add --data "$data" --user admin wang --role township --township "$TOWNSHIP" >/dev/null 2>&1
HEDUI_NEW_PASSWORD=town-pass-2 "$HEDUI" users add --data "$data" --user admin zhao --role township --township "$OTHER" >/dev/null 2>&1
HEDUI_NEW_PASSWORD=insp-pass-1 "$HEDUI" users add --data "$data" --user admin li --role inspector >/dev/null 2>&1
HEDUI_NEW_PASSWORD=audit-pass-1 "$HEDUI" users add --data "$data" --user admin shen --role auditor >/dev/null 2>&1
unset HEDUI_PASSWORD

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$HEDUI" serve --data "$data" --port "$port" >"$tmp/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.log"; exit 1; }
  sleep 0.1
done

export BASE="http://127.0.0.1:$port" TOWNSHIP FLAG HOSTILE_ID SHOTS="$tmp"
node "$HERE/browser_test.js" decide

# A nightly run while the server holds the store: the hostile name comes in
# with the roll; the server imports the run on the next list request.
"$HEDUI" ingest --data "$data" --mapping "$CONFIGS/feeds/demo/roll.toml" "$demo/feeds/roll.csv" >"$tmp/ingest.log" 2>&1
"$HEDUI" run --data "$data" --rules "$CONFIGS/rules/demo.toml" --as-of 2026-11-30 --out "$tmp/reports2" >"$tmp/run.log" 2>&1

node "$HERE/browser_test.js" after_run
node "$HERE/browser_test.js" users
node "$HERE/browser_test.js" auditor
if [ -n "${SCREENSHOTS_TO:-}" ]; then cp "$tmp/list.png" "$tmp/case.png" "$tmp/household.png" "$tmp/users.png" "$SCREENSHOTS_TO/"; fi
echo "browser test passed (screenshots: $tmp/list.png, $tmp/case.png, $tmp/household.png, $tmp/users.png)"
