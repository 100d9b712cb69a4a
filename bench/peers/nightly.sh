#!/bin/bash
# The nightly delta, hedui against DuckDB (issue 13: "Nightly 1% delta at 1
# million: >= 20x faster than DuckDB re-running its checks on updated
# tables"):
#
#   bench/peers/nightly.sh                          # 1M residents, roll 3%, 3 runs
#   RESIDENTS=200000 REPS=1 bench/peers/nightly.sh  # a quick look
#
# Generates the county once (`hedui gen`) and its 1% delta of the death,
# vehicle and property exports (delta.mjs). Each run, interleaved:
#   hedui   cold: `hedui ingest` of the five exports into a fresh data
#           directory (vehicle and property through keyed copies of the
#           demo mappings, as a delta needs) and a full `hedui run`; nightly
#           (timed): `hedui ingest` of the three delta files into the same
#           directory (vehicle and property mode = "delta", deaths
#           mode = "append") and `hedui run --incremental`;
#   DuckDB  cold: duckdb.mjs as in run.sh, the steps of these three grounds
#           only (--grounds); nightly (timed), in the same
#           session: the delta loaded, normalised by the same macros,
#           applied to the tables and the checks re-run (duckdb-delta.sql);
#   DuckDB on a file (duckdb-file): the cold load into a .duckdb file, then
#           the nightly as a process of its own on that file (timed from
#           the shell, as hedui's: node's start, the open, the checkpoint
#           at exit included), as a nightly job would run.
# Both tools' flags after the delta are compared (compare.mjs), and the cold
# ones too: a difference stops the bench. Raw figures: $WORK/nightly.tsv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
HEDUI=${HEDUI:-$root/build/hedui}
RESIDENTS=${RESIDENTS:-1000000}
SHARE=${SHARE:-3}
REPS=${REPS:-3}
PERCENT=${PERCENT:-1}
AS_OF=${AS_OF:-2026-10-31}
WORK=${WORK:-/tmp/hedui-nightly}
mkdir -p "$WORK"

[ -x "$HEDUI" ] || { echo "no hedui at $HEDUI: build it first (README.md)" >&2; exit 1; }
command -v node >/dev/null || { echo "node missing: apt-get install nodejs npm" >&2; exit 1; }
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi

demo=$root/configs/feeds/demo
maps=$WORK/mappings
mkdir -p "$maps"
# Keyed copies of the demo mappings: the full exports and their deltas share
# source and key (README.md, 'Full exports, deltas and appends').
keyed() {  # mapping, source, key, mode
  sed -e "/^\[feed\]/a source = \"$2\"\nkey = $3\nmode = \"$4\"" "$demo/$1.toml"
}
keyed vehicle vehicle '["plate"]' snapshot > "$maps/vehicle.toml"
keyed vehicle vehicle '["plate"]' delta > "$maps/vehicle-delta.toml"
keyed property property '["certificate", "id_number"]' snapshot > "$maps/property.toml"
keyed property property '["certificate", "id_number"]' delta > "$maps/property-delta.toml"
sed -e '/^\[feed\]/a source = "death"\nmode = "append"' "$demo/death.toml" > "$maps/death-delta.toml"

rules=$WORK/three-grounds.toml
sed -e '/^\[\(moved\|income\|assets\|business\|public_pay\|duplicate\|payment\|underpaid\|split\|merge\|cadre_kin\)\]/,/^enabled/ s/^enabled = true/enabled = false/' \
  "$root/configs/rules/demo.toml" > "$rules"
grounds=DECEASED,VEHICLE,PROPERTY

feeds=$WORK/feeds-$RESIDENTS-$SHARE
if [ ! -f "$feeds/truth_counts.json" ]; then
  "$HEDUI" gen --out "$feeds" --residents "$RESIDENTS" --roll-share "$SHARE%" >/dev/null
fi
delta=$WORK/delta-$RESIDENTS-$SHARE
node "$here/delta.mjs" --feeds "$feeds" --out "$delta" --percent "$PERCENT" > "$WORK/delta-rows.json"
echo "delta rows: $(cat "$WORK/delta-rows.json")"

timings=$WORK/nightly.tsv
echo -e "rep\tpeer\tcold_s\tnightly_s\tdetail" > "$timings"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

for rep in $(seq "$REPS"); do
  data=$WORK/data
  rm -rf "$data" "$WORK/hedui-cold" "$WORK/hedui-nightly"
  t0=$(now)
  "$HEDUI" ingest --data "$data" \
    --feed "$demo/roll.toml=$feeds/roll.csv" --feed "$demo/population.toml=$feeds/population.csv" \
    --feed "$demo/death.toml=$feeds/death.ndjson" --feed "$maps/vehicle.toml=$feeds/vehicle.csv" \
    --feed "$maps/property.toml=$feeds/property.csv" >/dev/null
  "$HEDUI" run --data "$data" --rules "$rules" --as-of "$AS_OF" --out "$WORK/hedui-cold" >/dev/null
  cold=$(since "$t0")
  t0=$(now)
  "$HEDUI" ingest --data "$data" \
    --feed "$maps/death-delta.toml=$delta/death.ndjson" --feed "$maps/vehicle-delta.toml=$delta/vehicle.csv" \
    --feed "$maps/property-delta.toml=$delta/property.csv" >/dev/null
  ingest=$(since "$t0")
  t1=$(now)
  "$HEDUI" run --data "$data" --rules "$rules" --as-of "$AS_OF" --out "$WORK/hedui-nightly" --incremental > "$WORK/hedui-incremental.log"
  run=$(since "$t1")
  nightly=$(since "$t0")
  echo -e "$rep\thedui\t$cold\t$nightly\t{\"ingest_s\":$ingest,\"run_s\":$run}" >> "$timings"
  echo "run $rep: hedui cold ${cold}s, nightly ${nightly}s (ingest ${ingest}, incremental run ${run})"

  line=$(node "$here/duckdb.mjs" --feeds "$feeds" --as-of "$AS_OF" --grounds "$grounds" --out "$WORK/duckdb-cold.tsv" \
    --delta "$delta" --delta-out "$WORK/duckdb-nightly.tsv")
  field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$line" "$1"; }
  echo -e "$rep\tduckdb\t$(field total_s)\t$(field nightly_total_s)\t$line" >> "$timings"
  echo "run $rep: $line"

  rm -f "$WORK/duck.db" "$WORK/duck.db.wal"
  line=$(node "$here/duckdb.mjs" --feeds "$feeds" --as-of "$AS_OF" --grounds "$grounds" --out "$WORK/duckdb-file-cold.tsv" --db "$WORK/duck.db")
  cold=$(field total_s)
  t0=$(now)
  line=$(node "$here/duckdb.mjs" --feeds "$feeds" --as-of "$AS_OF" --grounds "$grounds" --db "$WORK/duck.db" --skip-cold 1 \
    --delta "$delta" --delta-out "$WORK/duckdb-file-nightly.tsv")
  nightly=$(since "$t0")
  echo -e "$rep\tduckdb-file\t$cold\t$nightly\t$line" >> "$timings"
  echo "run $rep: DuckDB on a file: cold ${cold}s, nightly ${nightly}s: $line"
  node "$here/compare.mjs" "$WORK/hedui-nightly/cases.ndjson" "$WORK/duckdb-file-nightly.tsv" "$grounds" > "$WORK/compare-file-nightly.json" \
    || { echo "DuckDB's (file) flags after the delta differ from hedui's: $WORK/compare-file-nightly.json" >&2; exit 1; }

  node "$here/compare.mjs" "$WORK/hedui-cold/cases.ndjson" "$WORK/duckdb-cold.tsv" "$grounds" > "$WORK/compare-cold.json" \
    || { echo "DuckDB's cold flags differ from hedui's: $WORK/compare-cold.json" >&2; exit 1; }
  node "$here/compare.mjs" "$WORK/hedui-nightly/cases.ndjson" "$WORK/duckdb-nightly.tsv" "$grounds" > "$WORK/compare-nightly.json" \
    || { echo "DuckDB's flags after the delta differ from hedui's: $WORK/compare-nightly.json" >&2; exit 1; }
  echo "run $rep: flags equal, cold $(cat "$WORK/compare-cold.json" | head -c 60)…, after the delta $(head -c 60 "$WORK/compare-nightly.json")…"
done

# Medians, ranges and the ratio of the medians.
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
const med = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const stat = (peer, col) => { const v = rows.filter((r) => r[1] === peer).map((r) => Number(r[col])); return { median: med(v), min: Math.min(...v), max: Math.max(...v) }; };
const out = {};
const hedui = rows.filter((q) => q[1] === "hedui");
for (const peer of ["hedui", "duckdb", "duckdb-file"]) {
  out[peer] = { cold: stat(peer, 2), nightly: stat(peer, 3) };
  if (peer === "hedui") continue;
  const perRun = rows.filter((r) => r[1] === peer).map((r, i) => Number(r[3]) / Number(hedui[i][3]));
  out[peer].nightly_ratio_to_hedui = { of_medians: out[peer].nightly.median / out.hedui.nightly.median, per_run: perRun.map((x) => Number(x.toFixed(2))) };
}
console.log(JSON.stringify(out, null, 1));' "$timings" | tee "$WORK/nightly-summary.json"

# The nightly section of bench/RESULTS.md, from the raw figures above.
RESULTS=${RESULTS:-$root/bench/RESULTS.md}
node "$here/nightly-report.mjs" --work "$WORK" --results "$RESULTS" --residents "$RESIDENTS" \
  --share "$SHARE" --percent "$PERCENT" --hedui-version "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "wrote the nightly section of $RESULTS"
