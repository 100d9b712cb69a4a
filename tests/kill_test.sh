#!/usr/bin/env bash
# Crash safety: SIGKILL at random moments of an ingest and of a run, then
# start the step again; the final index and reports must equal those of an
# uninterrupted ingest and run. Batch numbers may differ (a file committed
# before the kill keeps its number), so evidence is compared by file name.
#
#   tests/kill_test.sh HEDUI_BINARY CONFIGS_DIR [KILLS]
set -euo pipefail
hedui=$1
configs=$2
kills=${3:-24}
work=$(mktemp -d /tmp/hedui-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The demo county, every feed it has.
"$hedui" gen --out "$work/feeds" --residents 200000 > /dev/null
feeds=()
for mapping in "$configs"/feeds/demo/*.toml; do
  kind=$(basename "$mapping" .toml)
  file=$(ls "$work/feeds/$kind".* | head -1)
  feeds+=(--feed "$mapping=$file")
done
rules="$configs/rules/demo.toml"

ingest() { "$hedui" ingest --data "$1" "${feeds[@]}" > /dev/null; }
run() { "$hedui" run --data "$1" --rules "$rules" --as-of 2026-10-31 --out "$2" > /dev/null; }

# What a data directory and a report directory amount to, without batch
# numbers (the evidence still names each record's file and line).
state() {
  local data=$1 out=$2
  "$hedui" batches --data "$data" | awk 'NR > 1 { print $2, $3, $4, $5, $6, $8, $9, $10 }' | sort
  sed -E 's/"batch":[0-9]+,//g' "$out/cases.ndjson"
  ls "$data/staging" 2>/dev/null | sed 's/^/leftover staging: /' || true
  ls "$out" | grep -v '^\(cases.ndjson\|cases.csv\|summary.tsv\|summary.json\|reviews.tsv\|changes.tsv\)$' | sed 's/^/leftover report file: /' || true
}

ingest "$work/ref-data"
run "$work/ref-data" "$work/ref-out"
state "$work/ref-data" "$work/ref-out" > "$work/ref.state"

# How long the steps take, to aim the kills inside them.
start=$(date +%s%N); ingest "$work/timing"; ingest_ns=$(( $(date +%s%N) - start ))
start=$(date +%s%N); run "$work/timing" "$work/timing-out"; run_ns=$(( $(date +%s%N) - start ))

killed=0
for i in $(seq 1 "$kills"); do
  data="$work/data-$i"
  out="$work/out-$i"
  # Half the rounds kill the ingest, half the run (after a clean ingest).
  if (( i % 2 )); then
    delay=$(( RANDOM * ingest_ns / 32768 ))
    ( ingest "$data" ) & pid=$!
  else
    ingest "$data"
    delay=$(( RANDOM * run_ns / 32768 ))
    ( run "$data" "$out" ) & pid=$!
  fi
  sleep "$(printf '0.%09d' "$delay")"
  if kill -9 $pid 2> /dev/null; then killed=$((killed + 1)); fi
  pkill -9 -f "hedui (ingest|run) --data $data( |$)" 2> /dev/null || true
  wait $pid 2> /dev/null || true
  # Start again, to the end.
  ingest "$data"
  run "$data" "$out"
  state "$data" "$out" > "$work/$i.state"
  if ! diff -q "$work/ref.state" "$work/$i.state" > /dev/null; then
    echo "round $i (killed after ${delay} ns): state differs from an uninterrupted one" >&2
    diff "$work/ref.state" "$work/$i.state" | head -20 >&2
    exit 1
  fi
  rm -rf "$data" "$out"
done
echo "$kills rounds, $killed processes killed mid-step; every final state equals the uninterrupted one"
