#!/usr/bin/env bash
# A read-only data directory: ingest and run fail with a clear one-line
# error and leave the previous state as it was. The directory is made
# read-only with a read-only bind mount in a private mount namespace.
#
#   tests/read_only_test.sh HEDUI_BINARY CONFIGS_DIR
set -euo pipefail
hedui=$1
configs=$2
work=$(mktemp -d /tmp/hedui-ro.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$hedui" gen --out "$work/feeds" --residents 20000 > /dev/null
rules="$configs/rules/demo.toml"
"$hedui" ingest --data "$work/data" --feed "$configs/feeds/demo/roll.toml=$work/feeds/roll.csv" > /dev/null
"$hedui" run --data "$work/data" --rules "$rules" --as-of 2026-10-31 --out "$work/out" > /dev/null
"$hedui" batches --data "$work/data" > "$work/batches.before"
"$hedui" runs --data "$work/data" | cut -c1-80 > "$work/runs.before"

cat > "$work/inside.sh" <<INSIDE
set -u
mount --bind "$work/data" "$work/data" && mount -o remount,bind,ro "$work/data" || exit 77
"$hedui" ingest --data "$work/data" --feed "$configs/feeds/demo/vehicle.toml=$work/feeds/vehicle.csv" \
  > "$work/ingest.out" 2>&1 && { echo "ingest into a read-only directory succeeded"; exit 1; }
"$hedui" run --data "$work/data" --rules "$rules" --as-of 2026-10-31 --out "$work/out2" \
  > "$work/run.out" 2>&1 && { echo "a run recorded into a read-only directory"; exit 1; }
exit 0
INSIDE
set +e
unshare -m bash "$work/inside.sh"
status=$?
set -e
if [ "$status" -eq 77 ]; then echo "cannot make a read-only mount here; nothing tested" >&2; exit 1; fi
[ "$status" -eq 0 ] || exit 1
for f in ingest run; do
  [ "$(grep -c '^hedui: ' "$work/$f.out")" -ge 1 ] || { echo "no clear error from $f:" >&2; cat "$work/$f.out" >&2; exit 1; }
done
"$hedui" batches --data "$work/data" | diff "$work/batches.before" -
"$hedui" runs --data "$work/data" | cut -c1-80 | diff "$work/runs.before" -
echo "read-only data directory: $(head -1 "$work/ingest.out"); $(grep '^hedui: ' "$work/run.out" | head -1); previous state intact"
