#!/bin/bash
# Time and memory per resident from 200,000 to 10 million (issue 13: "10M
# residents, all eleven exports, all 14 grounds: ingest + run under 30 s and
# under 4 GB peak"; "time per resident flat within 1.5x"; "point check p99
# under 1 ms on the 10M index"):
#
#   bench/scale.sh                                   # the six sizes, 3 runs each
#   SIZES="200000 500000" REPS=1 bench/scale.sh      # a quick look
#
# For each size it generates the county once (`hedui gen`, default roll
# share; cached in $WORK/feeds-N, reused while truth_counts.json is there),
# then REPS times: `hedui ingest` of every export the generator wrote (each
# with its demo mapping, configs/feeds/demo/<kind>.toml) into a fresh data
# directory, and `hedui run` of all 14 grounds (configs/rules/demo.toml),
# each timed by GNU time (wall seconds, peak RSS), the run with
# HEDUI_TIMING=1 (its phase marks). The last run's flags are scored against
# the generator's truth (`hedui score`). On the largest size's index it runs
# BM_PointCheck (build/hedui_bench, HEDUI_POINT_CHECK_DATA).
#
# Raw figures: $WORK/scale.tsv, $WORK/timing-N-REP.txt, $WORK/ingest-N-REP.log,
# $WORK/score-N.txt, $WORK/point_check.json, $WORK/machine.env. Then
# scale-report.mjs writes the scale section of $RESULTS (bench/RESULTS.md)
# and the curve, $PLOT_DIR/scale.svg and scale.png (docs/ when RESULTS is the
# committed file, else next to RESULTS).
#
# Needs a built hedui and hedui_bench (cmake --build build --target hedui
# hedui_bench), GNU time (/usr/bin/time, Debian's `time`), node; chromium for
# the PNG (skipped with a message without it). About 6 GB of disk in $WORK
# (the six counties' exports, ~3.7 GB, and the largest index).
# Takes about 10 minutes with 10 million at REPS=3 on 2 cores; 10 million
# needs about 5 GB of memory (extrapolated from 2M). Not part of ctest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
HEDUI=${HEDUI:-$root/build/hedui}
BENCH=${BENCH:-$(dirname "$HEDUI")/hedui_bench}
SIZES=${SIZES:-"200000 500000 1000000 2000000 5000000 10000000"}
REPS=${REPS:-3}
AS_OF=${AS_OF:-2026-10-31}
THREADS=${THREADS:-2}
WORK=${WORK:-/tmp/hedui-scale}
RESULTS=${RESULTS:-$root/bench/RESULTS.md}
if [ "$(realpath -m "$RESULTS")" = "$root/bench/RESULTS.md" ]; then
  PLOT_DIR=${PLOT_DIR:-$root/docs}
else
  PLOT_DIR=${PLOT_DIR:-$(dirname "$RESULTS")}
fi
RULES=$root/configs/rules/demo.toml
MAPS=$root/configs/feeds/demo

[ -x "$HEDUI" ] || { echo "no hedui at $HEDUI: build it first (README.md)" >&2; exit 1; }
[ -x /usr/bin/time ] && /usr/bin/time -f %e true >/dev/null 2>&1 \
  || { echo "GNU time missing at /usr/bin/time: apt-get install time" >&2; exit 1; }
command -v node >/dev/null || { echo "node missing: apt-get install nodejs" >&2; exit 1; }
[ -f "$RESULTS" ] || { echo "no $RESULTS to write the scale section into" >&2; exit 1; }
mkdir -p "$WORK" "$PLOT_DIR"

# The machine and the build, for the report.
{
  echo "commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo yes || echo no)"
  echo "cores=$(nproc)"
  echo "model=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "mem_kb=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "threads=$THREADS"
} > "$WORK/machine.env"

tsv=$WORK/scale.tsv
echo -e "residents\trep\texport_bytes\tingest_s\tingest_peak_kb\trun_s\trun_peak_kb\tflags" > "$tsv"
largest=0
for n in $SIZES; do
  feeds=$WORK/feeds-$n
  if [ ! -f "$feeds/truth_counts.json" ]; then
    rm -rf "$feeds"
    echo "generating $n residents into $feeds"
    "$HEDUI" --threads "$THREADS" gen --out "$feeds" --residents "$n" >/dev/null
  fi
  # Every export the generator wrote, each with its mapping (kDemoFeeds,
  # engine/demo/demo_feeds.h: the mapping is named after the file).
  feed_args=()
  bytes=0
  for file in "$feeds"/*.csv "$feeds"/*.ndjson; do
    kind=$(basename "${file%.*}")
    case $kind in truth*) continue ;; esac
    [ -f "$MAPS/$kind.toml" ] || { echo "no mapping $MAPS/$kind.toml for $file" >&2; exit 1; }
    feed_args+=(--feed "$MAPS/$kind.toml=$file")
    bytes=$((bytes + $(stat -c %s "$file")))
  done
  data=$WORK/data-$n
  out=$WORK/out-$n
  for rep in $(seq "$REPS"); do
    rm -rf "$data" "$out"
    /usr/bin/time -f "%e %M" -o "$WORK/time-ingest" \
      "$HEDUI" --threads "$THREADS" ingest --data "$data" "${feed_args[@]}" > "$WORK/ingest-$n-$rep.log"
    read -r ingest_s ingest_kb < <(tail -1 "$WORK/time-ingest")
    HEDUI_TIMING=1 /usr/bin/time -f "%e %M" -o "$WORK/time-run" \
      "$HEDUI" --threads "$THREADS" run --data "$data" --rules "$RULES" --as-of "$AS_OF" --out "$out" \
      > "$WORK/run-$n-$rep.log" 2> "$WORK/timing-$n-$rep.txt"
    read -r run_s run_kb < <(tail -1 "$WORK/time-run")
    flags=$(sed -n 's/.* \([0-9]*\) flags in .*/\1/p' "$WORK/run-$n-$rep.log" | head -1)
    echo -e "$n\t$rep\t$bytes\t$ingest_s\t$ingest_kb\t$run_s\t$run_kb\t${flags:-0}" >> "$tsv"
    echo "$n residents, run $rep: ingest ${ingest_s}s ($((ingest_kb / 1024)) MB), run ${run_s}s ($((run_kb / 1024)) MB), ${flags:-?} flags"
  done
  "$HEDUI" score "$out/cases.ndjson" "$feeds/truth.ndjson" > "$WORK/score-$n.txt" \
    || { echo "hedui score failed for $n residents: $WORK/score-$n.txt" >&2; exit 1; }
  rm -rf "$out"
  # Keep the largest size's index for the point check; the others' go.
  if [ "$n" -gt "$largest" ]; then
    if [ "$largest" -gt 0 ]; then rm -rf "$WORK/data-$largest"; fi
    largest=$n
  else
    rm -rf "$data"
  fi
done

rm -f "$WORK/point_check.json"
if [ -x "$BENCH" ]; then
  echo "point check on the $largest-resident index ($WORK/data-$largest)"
  HEDUI_POINT_CHECK_DATA=$WORK/data-$largest "$BENCH" --benchmark_filter='^BM_PointCheck' \
    --benchmark_format=json --benchmark_out="$WORK/point_check.json" >/dev/null \
    || { echo "BM_PointCheck failed: $WORK/point_check.json" >&2; exit 1; }
else
  echo "no hedui_bench at $BENCH: the point check is left out (cmake --build build --target hedui_bench)" >&2
fi

node "$here/scale-report.mjs" --work "$WORK" --results "$RESULTS" --plot-dir "$PLOT_DIR" --largest "$largest"
echo "wrote the scale section of $RESULTS and $PLOT_DIR/scale.svg"

# The PNG, rendered from the SVG by headless Chromium.
read -r width height < "$WORK/svg-size"
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
  "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$PLOT_DIR/scale.png" --window-size="$width,$height" \
    "file://$(realpath "$PLOT_DIR/scale.svg")" >/dev/null 2>&1 \
    || { echo "chromium could not render $PLOT_DIR/scale.svg" >&2; exit 1; }
  echo "wrote $PLOT_DIR/scale.png"
else
  echo "chromium missing (apt-get install chromium): $PLOT_DIR/scale.png not written" >&2
fi
