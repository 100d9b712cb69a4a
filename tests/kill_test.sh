#!/usr/bin/env bash
# Crash safety: SIGKILL at random moments of an ingest and of a run, then
# start the step again; the final index and reports must equal those of an
# uninterrupted ingest and run. Batch numbers may differ (a file committed
# before the kill keeps its number), so evidence is compared by file name.
#
#   tests/kill_test.sh HEDUI_BINARY CONFIGS_DIR [KILLS]
#
# Each step to be killed is started as a plain background command, so that
# $! is the hedui process itself (bash forks and execs it, no subshell in
# between), and after the kill the script waits for exactly that process:
# when `wait` returns, it is dead and reaped and its locks are gone, so the
# restart never meets it. No process is looked up by name.
#
# Whether a kill hit the step while it ran is read from the process itself,
# not from the clock: it counts when /proc/PID/exe was the hedui binary just
# before the kill (the fork had exec'd) and the process then ended by
# SIGKILL (it had not exited by itself). The test fails when fewer than half
# of the kills hit, since then it no longer tests what it claims to. The
# delays are random, aimed inside the step's measured duration; only the
# hit count depends on them, and it has a wide margin (about 9 in 10 hit).
set -euo pipefail
hedui=$(readlink -f "$1")
configs=$2
kills=${3:-24}
work=$(mktemp -d /tmp/hedui-kill.XXXXXX)
pid=""
cleanup() {
  # A step still running when the script stops (an error): end it and
  # reap it before its directory goes.
  if [ -n "$pid" ]; then
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# A time limit (ctest) or ^C ends the script through cleanup too.
trap 'exit 1' TERM INT

# The demo county, every feed it has.
"$hedui" gen --out "$work/feeds" --residents 200000 > /dev/null
feeds=()
for mapping in "$configs"/feeds/demo/*.toml; do
  kind=$(basename "$mapping" .toml)
  file=$(ls "$work/feeds/$kind".* | head -1)
  feeds+=(--feed "$mapping=$file")
done
rules="$configs/rules/demo.toml"
run_args=(--rules "$rules" --as-of 2026-10-31)

ingest() { "$hedui" ingest --data "$1" "${feeds[@]}" > /dev/null; }
run() { "$hedui" run --data "$1" "${run_args[@]}" --out "$2" > /dev/null; }

# What a data directory and a report directory amount to, without batch
# numbers (the evidence still names each record's file and line).
state() {
  local data=$1 out=$2
  "$hedui" batches --data "$data" | awk 'NR > 1 { print $2, $3, $4, $5, $6, $8, $9, $10 }' | sort
  sed -E 's/"batch":[0-9]+,//g' "$out/cases.ndjson"
  ls "$data/staging" 2>/dev/null | sed 's/^/leftover staging: /' || true
  ls "$out" | grep -v '^\(cases.ndjson\|cases.csv\|summary.tsv\|summary.json\|reviews.tsv\|changes.tsv\)$' | sed 's/^/leftover report file: /' || true
}

now_ns() { date +%s%N; }

# The reference, timed: the kills are aimed inside the shorter of two
# measured durations of each step.
start=$(now_ns); ingest "$work/ref-data"; ingest_ns=$(( $(now_ns) - start ))
start=$(now_ns); run "$work/ref-data" "$work/ref-out"; run_ns=$(( $(now_ns) - start ))
state "$work/ref-data" "$work/ref-out" > "$work/ref.state"
start=$(now_ns); ingest "$work/timing"; t=$(( $(now_ns) - start ))
(( t < ingest_ns )) && ingest_ns=$t
start=$(now_ns); run "$work/timing" "$work/timing-out"; t=$(( $(now_ns) - start ))
(( t < run_ns )) && run_ns=$t
rm -rf "$work/timing" "$work/timing-out"

hits=0
for i in $(seq 1 "$kills"); do
  data="$work/data-$i"
  out="$work/out-$i"
  # Half the rounds kill the ingest, half the run (after a clean ingest).
  # A delay in the first 90% of the step's duration.
  if (( i % 2 )); then
    delay=$(( RANDOM * (ingest_ns / 10 * 9) / 32768 ))
    "$hedui" ingest --data "$data" "${feeds[@]}" > /dev/null &
    pid=$!
  else
    ingest "$data"
    delay=$(( RANDOM * (run_ns / 10 * 9) / 32768 ))
    "$hedui" run --data "$data" "${run_args[@]}" --out "$out" > /dev/null &
    pid=$!
  fi
  sleep "$(printf '%d.%09d' $(( delay / 1000000000 )) $(( delay % 1000000000 )))"
  # Still hedui, and not yet exited? Then the kill lands inside the step.
  running=0
  if [ "$(readlink "/proc/$pid/exe" 2> /dev/null || true)" = "$hedui" ]; then
    running=1
  fi
  kill -9 "$pid" 2> /dev/null || true
  # Reaps exactly this process: after this it holds no lock and no file.
  status=0
  wait "$pid" 2> /dev/null || status=$?
  pid=""
  if (( running && status == 137 )); then
    hits=$((hits + 1))
    outcome="killed mid-step"
  else
    outcome="missed (exit status $status)"
  fi
  # Start again, to the end.
  ingest "$data"
  run "$data" "$out"
  state "$data" "$out" > "$work/$i.state"
  if ! diff -q "$work/ref.state" "$work/$i.state" > /dev/null; then
    echo "round $i ($outcome after ${delay} ns): state differs from an uninterrupted one" >&2
    diff "$work/ref.state" "$work/$i.state" | head -20 >&2
    exit 1
  fi
  rm -rf "$data" "$out"
done
if (( hits * 2 < kills )); then
  echo "only $hits of $kills kills hit a running step (ingest ${ingest_ns} ns, run ${run_ns} ns): the test did not test crash safety" >&2
  exit 1
fi
echo "$kills rounds, $hits kills hit a running step; every final state equals the uninterrupted one"
