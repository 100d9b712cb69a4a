#!/usr/bin/env bash
# A full disk during an ingest and during a run: a clear error, a non-zero
# exit status, and the previous state intact. The full disk is simulated
# with a file-size limit (writes fail with EFBIG, as they would with ENOSPC).
#
#   tests/disk_full_test.sh HEDUI_BINARY CONFIGS_DIR
set -euo pipefail
hedui=$1
configs=$2
work=$(mktemp -d /tmp/hedui-full.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$hedui" gen --out "$work/feeds" --residents 40000 > /dev/null
rules="$configs/rules/demo.toml"
"$hedui" ingest --data "$work/data" --feed "$configs/feeds/demo/roll.toml=$work/feeds/roll.csv" > /dev/null
"$hedui" run --data "$work/data" --rules "$rules" --as-of 2026-10-31 --out "$work/out" > /dev/null
"$hedui" batches --data "$work/data" | awk '{ $7 = ""; print }' > "$work/batches.before"
cp "$work/out/cases.ndjson" "$work/cases.before"

# Ingest the population register with at most 1 MB per file.
set +e
( trap '' XFSZ; ulimit -f 1024; exec "$hedui" ingest --data "$work/data" \
    --feed "$configs/feeds/demo/population.toml=$work/feeds/population.csv" ) > "$work/ingest.out" 2>&1
status=$?
set -e
if [ "$status" -eq 0 ]; then echo "ingest succeeded despite the full disk" >&2; exit 1; fi
grep -q "^hedui: .*\(File too large\|No space\|cannot write\|failed\)" "$work/ingest.out" || {
  echo "no clear error from ingest:" >&2; cat "$work/ingest.out" >&2; exit 1; }
"$hedui" batches --data "$work/data" | awk '{ $7 = ""; print }' > "$work/batches.after"
diff "$work/batches.before" "$work/batches.after"

# A run whose report cannot be written leaves the previous report whole.
set +e
( trap '' XFSZ; ulimit -f 2; exec "$hedui" run --data "$work/data" --rules "$rules" --as-of 2026-10-31 \
    --out "$work/out" ) > "$work/run.out" 2>&1
status=$?
set -e
if [ "$status" -eq 0 ]; then echo "run succeeded despite the full disk" >&2; exit 1; fi
grep -q "^hedui: " "$work/run.out" || { echo "no clear error from run:" >&2; cat "$work/run.out" >&2; exit 1; }
cmp "$work/cases.before" "$work/out/cases.ndjson"

# With room again, everything works.
"$hedui" ingest --data "$work/data" --feed "$configs/feeds/demo/population.toml=$work/feeds/population.csv" > /dev/null
"$hedui" run --data "$work/data" --rules "$rules" --as-of 2026-10-31 --out "$work/out" > /dev/null
echo "disk full: clear errors ($(head -c 120 "$work/ingest.out" | tr '\n' ' ')…), previous state intact"
