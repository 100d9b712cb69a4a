#!/bin/bash
# bench/RESULTS.md's measured sections in one command (issue 13):
#
#   bench/results.sh
#
# runs, in order, each writing its own section of $RESULTS:
#   bench/peers/run.sh      hedui against DuckDB and PostgreSQL, 1M residents,
#                           roll 3/6/10%, 3 runs each           (~15 min)
#   bench/peers/nightly.sh  the nightly 1% delta against DuckDB, 1M, 3 runs
#                                                               (~3 min)
#   bench/scale.sh          ingest + run of everything from 200,000 to 10
#                           million residents, 3 runs each, and the point
#                           check on the largest index          (~10 min)
# then the targets table at the top of $RESULTS (targets-report.mjs), read
# back from the raw figures the three leave in their work directories.
# About 30 minutes on the project's 2-core machine, plus the counties'
# generation the first time (cached in the work directories).
#
# Needs: a Release build of hedui and hedui_bench (cmake --build build
# --target hedui hedui_bench), node and npm (the DuckDB peer's packages are
# installed into bench/peers/node_modules by npm ci), PostgreSQL 15
# (postgresql-15), GNU time (time), chromium for the curve's PNG; about
# 5 GB of memory for the 10-million county and 10 GB of disk under /tmp.
# Run it on a quiet machine: the figures are wall times.
#
# Every setting of the three passes through: RESIDENTS, SHARES, SHARE,
# PERCENT, REPS, SIZES, THREADS, HEDUI, RESULTS; their work directories are
# PEERS_WORK, NIGHTLY_WORK and SCALE_WORK. A quick look that leaves the
# committed file alone:
#
#   mkdir -p /tmp/results-test && cp bench/RESULTS.md /tmp/results-test/
#   RESULTS=/tmp/results-test/RESULTS.md RESIDENTS=200000 SHARES="3" REPS=1 \
#     SIZES="200000 500000" bench/results.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export HEDUI=${HEDUI:-$root/build/hedui}
export RESULTS=${RESULTS:-$root/bench/RESULTS.md}
PEERS_WORK=${PEERS_WORK:-/tmp/hedui-peers}
NIGHTLY_WORK=${NIGHTLY_WORK:-/tmp/hedui-nightly}
SCALE_WORK=${SCALE_WORK:-/tmp/hedui-scale}

[ -x "$HEDUI" ] || { echo "no hedui at $HEDUI: build it first (README.md)" >&2; exit 1; }
command -v node >/dev/null || { echo "node missing: apt-get install nodejs npm" >&2; exit 1; }
[ -f "$RESULTS" ] || { echo "no $RESULTS to write into" >&2; exit 1; }

start=$(date +%s)
stage() {  # name, script
  local t0
  t0=$(date +%s)
  echo "== $1 ($2)"
  WORK=$3 "$2"
  echo "== $1 took $(($(date +%s) - t0)) s"
}
stage peers "$here/peers/run.sh" "$PEERS_WORK"
stage nightly "$here/peers/nightly.sh" "$NIGHTLY_WORK"
stage scale "$here/scale.sh" "$SCALE_WORK"

took=$(($(date +%s) - start))
node "$here/targets-report.mjs" --results "$RESULTS" --peers "$PEERS_WORK" --nightly "$NIGHTLY_WORK" \
  --scale "$SCALE_WORK" --peers-residents "${RESIDENTS:-1000000}" --nightly-residents "${RESIDENTS:-1000000}" \
  --took-s "$took"
echo "wrote the targets section of $RESULTS"
echo "bench/results.sh took $((took / 60)) min $((took % 60)) s"
