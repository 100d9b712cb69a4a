#!/bin/bash
# hedui against DuckDB and PostgreSQL on the same county, in one command:
#
#   bench/peers/run.sh                 # 1M residents, roll 3%, 6%, 10%, 3 runs each
#   RESIDENTS=200000 SHARES="3" REPS=1 bench/peers/run.sh    # a quick look
#
# For each roll share it generates the county once (`hedui gen`), then
# runs, interleaved, REPS times each: hedui end to end from the raw exports
# (`hedui ingest` of the eight exports — roll, population register, deaths,
# vehicles, property, tax, bank deposits, payroll — into a fresh data
# directory, then `hedui run` with DECEASED, VEHICLE, PROPERTY, INCOME,
# ASSETS and SPLIT), the DuckDB peer (duckdb.mjs) and the PostgreSQL peer
# (pg.mjs), each loading the same eight. Every peer's (rule, case, ID)
# flags are compared with hedui's (compare.mjs), all six grounds: a
# difference stops the bench.
# Writes the peers section of bench/RESULTS.md (report.mjs) and keeps the
# raw figures in $WORK/timings.tsv.
#
# Installs what it needs: the npm packages of package.json into
# bench/peers/node_modules (ignored by git), and uses PostgreSQL 15 from
# Debian (postgresql-15). It starts a private PostgreSQL cluster in a
# temporary directory (as the postgres user when run as root: initdb
# refuses root) and stops and removes it on exit.
#
# Needs a built hedui (HEDUI=build/hedui by default). Not part of ctest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
HEDUI=${HEDUI:-$root/build/hedui}
RESIDENTS=${RESIDENTS:-1000000}
SHARES=${SHARES:-"3 6 10"}
REPS=${REPS:-3}
AS_OF=${AS_OF:-2026-10-31}
WORK=${WORK:-/tmp/hedui-peers}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RESULTS=${RESULTS:-$root/bench/RESULTS.md}
mkdir -p "$WORK"
chmod 755 "$WORK"   # the PostgreSQL server reads the exports from here

[ -x "$HEDUI" ] || { echo "no hedui at $HEDUI: build it first (README.md)" >&2; exit 1; }
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 missing: apt-get install postgresql-15" >&2; exit 1; }
command -v node >/dev/null || { echo "node missing: apt-get install nodejs npm" >&2; exit 1; }
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi

# The private cluster, stopped and removed whatever happens.
pgdir=$(mktemp -d /tmp/hedui-peer-pg-XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$pgdir"
  as_pg=(runuser -u postgres --)
fi
chmod 700 "$pgdir"
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
# Settings an analyst would give a throwaway database: no durability.
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o \
  "-k $pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=512MB" \
  start >/dev/null

configs=$root/configs/feeds/demo
rules=$WORK/six-grounds.toml
# The demo rules with only DECEASED, VEHICLE, PROPERTY, INCOME, ASSETS and
# SPLIT enabled.
sed -e '/^\[\(moved\|business\|public_pay\|duplicate\|payment\|underpaid\|merge\|cadre_kin\)\]/,/^enabled/ s/^enabled = true/enabled = false/' \
  "$root/configs/rules/demo.toml" > "$rules"
grounds=DECEASED,VEHICLE,PROPERTY,INCOME,ASSETS,SPLIT
# The sed must leave exactly these enabled: a new section in demo.toml would
# otherwise be checked by hedui and not by the peers.
enabled=$(awk '/^\[[a-z_]+\]/ { s = toupper(substr($0, 2, length($0) - 2)) } /^enabled = true/ { printf "%s%s", sep, s; sep = "," }' "$rules")
[ "$enabled" = "$grounds" ] || { echo "rules enable $enabled, not $grounds: $rules" >&2; exit 1; }

timings=$WORK/timings.tsv
echo -e "share\trep\tpeer\ttotal_s\tdetail" > "$timings"
now() { date +%s.%N; }

run_hedui() {  # feeds dir, out dir -> prints "total ingest run"
  local feeds=$1 out=$2 data=$WORK/data
  rm -rf "$data" "$out"
  local t0 t1 t2
  t0=$(now)
  "$HEDUI" ingest --data "$data" \
    --feed "$configs/roll.toml=$feeds/roll.csv" --feed "$configs/population.toml=$feeds/population.csv" \
    --feed "$configs/death.toml=$feeds/death.ndjson" --feed "$configs/vehicle.toml=$feeds/vehicle.csv" \
    --feed "$configs/property.toml=$feeds/property.csv" --feed "$configs/tax.toml=$feeds/tax.csv" \
    --feed "$configs/bank.toml=$feeds/bank.csv" --feed "$configs/payroll.toml=$feeds/payroll.ndjson" >/dev/null
  t1=$(now)
  "$HEDUI" run --data "$data" --rules "$rules" --as-of "$AS_OF" --out "$out" >/dev/null
  t2=$(now)
  awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.3f %.3f %.3f\n", c - a, b - a, c - b }'
}

for share in $SHARES; do
  feeds=$WORK/feeds-$RESIDENTS-$share
  if [ ! -f "$feeds/truth_counts.json" ]; then
    "$HEDUI" gen --out "$feeds" --residents "$RESIDENTS" --roll-share "$share%" >/dev/null
  fi
  chmod -R a+rX "$feeds"
  for rep in $(seq "$REPS"); do
    read -r total ingest run < <(run_hedui "$feeds" "$WORK/hedui-out")
    echo -e "$share\t$rep\thedui\t$total\t{\"ingest_s\":$ingest,\"run_s\":$run}" >> "$timings"
    echo "roll $share% run $rep: hedui ${total}s (ingest ${ingest}, run ${run})"
    line=$(node "$here/duckdb.mjs" --feeds "$feeds" --as-of "$AS_OF" --out "$WORK/duckdb-flags.tsv")
    echo -e "$share\t$rep\tduckdb\t$(node -e 'console.log(JSON.parse(process.argv[1]).total_s)' "$line")\t$line" >> "$timings"
    echo "roll $share% run $rep: $line"
    node "$here/compare.mjs" "$WORK/hedui-out/cases.ndjson" "$WORK/duckdb-flags.tsv" "$grounds" > "$WORK/compare-duckdb-$share.json" \
      || { echo "DuckDB's flags differ from hedui's: $WORK/compare-duckdb-$share.json" >&2; exit 1; }
    line=$(node "$here/pg.mjs" --host "$pgdir" --feeds "$feeds" --as-of "$AS_OF" --out "$WORK/postgres-flags.tsv" 2>/dev/null)
    echo -e "$share\t$rep\tpostgres\t$(node -e 'console.log(JSON.parse(process.argv[1]).total_s)' "$line")\t$line" >> "$timings"
    echo "roll $share% run $rep: $line"
    node "$here/compare.mjs" "$WORK/hedui-out/cases.ndjson" "$WORK/postgres-flags.tsv" "$grounds" > "$WORK/compare-postgres-$share.json" \
      || { echo "PostgreSQL's flags differ from hedui's: $WORK/compare-postgres-$share.json" >&2; exit 1; }
  done
done

node "$here/report.mjs" --timings "$timings" --work "$WORK" --residents "$RESIDENTS" --results "$RESULTS" \
  --hedui-version "$(cd "$root" && git rev-parse --short HEAD)" --pg-version "$("$PGBIN/postgres" --version)"
echo "wrote the peers section of $RESULTS"
