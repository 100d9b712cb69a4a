// Writes the targets section at the top of bench/RESULTS.md
// (<!-- targets:begin … -->): one row per issue-13 target with the measured
// figure, met or not, and for a miss where the explanation is. Reads the raw
// figures the three benches leave, not their markdown:
//   --peers W     bench/peers/run.sh's timings.tsv
//   --nightly W   bench/peers/nightly.sh's nightly.tsv, hedui-incremental.log
//   --scale W     bench/scale.sh's scale.tsv, timing-N-REP.txt, point_check.json
// A bench whose files are missing is reported as not measured.
//
//   node targets-report.mjs --results RESULTS.md --peers W --nightly W --scale W \
//     --peers-residents 1000000 --nightly-residents 1000000 [--took-s 1234]
import { existsSync, readFileSync } from 'node:fs';

import { f, median, need, parseArgs, thousands, today, writeSection } from './report-lib.mjs';

const args = parseArgs();
need(args, 'results', 'peers', 'nightly', 'scale');
const tsv = (path) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const yes = (met) => (met ? '**met**' : '**not met**');
const rows = [];
const notMeasured = (what, path) => rows.push([what, `not measured (no ${path})`, '—', '']);

// (a) Peers at 1M, roll 3/6/10%.
{
  const what = '1M residents, roll 3/6/10%, end to end: hedui ≥ 5× faster than DuckDB, ≥ 6× than PostgreSQL';
  const path = `${args.peers}/timings.tsv`;
  if (!existsSync(path)) notMeasured(what, path);
  else {
    const t = tsv(path).map(([share, rep, peer, total, detail]) => ({ share: Number(share), rep: Number(rep), peer, total: Number(total), detail: JSON.parse(detail) }));
    const shares = [...new Set(t.map((r) => r.share))];
    const med = (share, peer, fn = (r) => r.total) => median(t.filter((r) => r.share === share && r.peer === peer).map(fn));
    const per = shares.map((s) => ({ s, duck: med(s, 'duckdb') / med(s, 'hedui'), pg: med(s, 'postgres') / med(s, 'hedui') }));
    const met = per.every((p) => p.duck >= 5 && p.pg >= 6);
    const residents = Number(args['peers-residents'] ?? 0);
    const scope = residents !== 1e6 || shares.join(' ') !== '3 6 10' ? ` (measured at ${thousands(residents)}, roll ${shares.join('/')}%)` : '';
    const figure = `DuckDB / hedui ${per.map((p) => `${f(p.duck, 1)}×`).join(', ')}; PostgreSQL / hedui ${per.map((p) => `${f(p.pg, 1)}×`).join(', ')}${scope || ` (roll ${shares.join('/')}%)`}`;
    let why = '';
    if (!met) {
      const s = shares[0];
      const missDuck = per.filter((p) => p.duck < 5).length, missPg = per.filter((p) => p.pg < 6).length;
      why = `${missDuck ? `DuckDB ${missDuck} of ${shares.length} shares` : ''}${missDuck && missPg ? ', ' : ''}${missPg ? `PostgreSQL ${missPg} of ${shares.length}` : ''} short. Peers section, "Where the time goes": at ${s}% hedui's ingest is ${f(med(s, 'hedui', (r) => r.detail.ingest_s))} s of its ${f(med(s, 'hedui'))} s, DuckDB ${f(med(s, 'duckdb'))} s in all`;
    }
    rows.push([what, figure, yes(met), why]);
  }
}

// (b) 10M, all exports and grounds: < 30 s, < 4 GB.
const scalePath = `${args.scale}/scale.tsv`;
const scale = existsSync(scalePath)
  ? tsv(scalePath).map((c) => c.map(Number)).map(([n, rep, , ingest, ingestKb, run, runKb]) => ({ n, rep, ingest, ingestKb, run, runKb, total: ingest + run }))
  : null;
const sizes = scale ? [...new Set(scale.map((r) => r.n))].sort((a, b) => a - b) : [];
const largest = sizes[sizes.length - 1];
// The largest phase of a size's median run, from its HEDUI_TIMING marks.
function biggestPhase(n) {
  const rs = scale.filter((r) => r.n === n).sort((a, b) => a.run - b.run);
  const mid = rs[Math.floor((rs.length - 1) / 2)];
  const file = `${args.scale}/timing-${n}-${mid.rep}.txt`;
  if (!existsSync(file)) return '';
  const marks = readFileSync(file, 'utf8').split('\n').map((l) => l.match(/^t=\s*([\d.]+) ms\s+(.*)$/)).filter(Boolean)
    .map((m) => ({ t: Number(m[1]) / 1000, what: m[2].trim() }));
  let best = { s: 0, what: '' };
  for (let i = 1; i < marks.length; i++) if (marks[i].t - marks[i - 1].t > best.s) best = { s: marks[i].t - marks[i - 1].t, what: marks[i].what };
  // The family graph's phases together (FG: …), the usual culprit.
  let fg = 0;
  for (let i = 1; i < marks.length; i++) if (marks[i].what.startsWith('FG:')) fg += marks[i].t - marks[i - 1].t;
  return `largest phase "${best.what}" ${f(best.s)} s of the ${f(mid.run)} s run${fg ? `; the family graph (FG) ${f(fg)} s` : ''}`;
}
{
  const what = '10M residents, all eleven exports, all 14 grounds: ingest + run < 30 s and peak < 4 GB';
  if (!scale) notMeasured(what, scalePath);
  else {
    const big = scale.filter((r) => r.n === 1e7);
    if (!big.length) rows.push([what, `not measured: the largest size run was ${thousands(largest)}`, '—', '']);
    else {
      const total = median(big.map((r) => r.total)), ingest = median(big.map((r) => r.ingest)), run = median(big.map((r) => r.run));
      const peak = Math.max(...big.map((r) => Math.max(r.ingestKb, r.runKb))) / 1024;
      const met = total < 30 && peak < 4096;
      rows.push([what, `${f(total, 1)} s (ingest ${f(ingest, 1)} + run ${f(run, 1)}), peak ${f(peak, 0)} MB`, yes(met),
        met ? '' : `${total >= 30 ? `${f(total - 30, 1)} s over` : ''}${total >= 30 && peak >= 4096 ? ', ' : ''}${peak >= 4096 ? `${f(peak - 4096, 0)} MB over` : ''}. Scale section, the 10M run's phases: ${biggestPhase(1e7)}`]);
    }
  }
}

// (c) Nightly 1% delta at 1M: ≥ 20× faster than DuckDB.
{
  const what = 'Nightly 1% delta at 1M: hedui ≥ 20× faster than DuckDB re-running its checks';
  const path = `${args.nightly}/nightly.tsv`;
  if (!existsSync(path)) notMeasured(what, path);
  else {
    const t = tsv(path).map(([rep, peer, cold, nightly, detail]) => ({ rep: Number(rep), peer, nightly: Number(nightly), detail: JSON.parse(detail) }));
    const med = (peer, fn = (r) => r.nightly) => median(t.filter((r) => r.peer === peer).map(fn));
    const h = med('hedui'), file = med('duckdb-file') / h, mem = med('duckdb') / h;
    const met = file >= 20 && mem >= 20;
    const residents = Number(args['nightly-residents'] ?? 0);
    const log = existsSync(`${args.nightly}/hedui-incremental.log`) ? readFileSync(`${args.nightly}/hedui-incremental.log`, 'utf8') : '';
    const checking = log.match(/flags in ([\d.]+) s/);
    rows.push([what, `hedui ${f(h)} s; DuckDB on a file / hedui ${f(file, 2)}×, DuckDB in memory / hedui ${f(mem, 2)}×${residents !== 1e6 ? ` (measured at ${thousands(residents)})` : ''}`, yes(met),
      met ? '' : `Nightly section, "Where the nightly goes": hedui's delta ingest ${f(med('hedui', (r) => r.detail.ingest_s))} s + \`run --incremental\` ${f(med('hedui', (r) => r.detail.run_s))} s${checking ? `, of which checking ${checking[1]} s` : ''}; 20× would need ${f(Math.min(med('duckdb-file'), med('duckdb')) / 20, 3)} s`]);
  }
}

// (d) Point check p99 < 1 ms on the 10M index.
{
  const what = 'Point check of one ID on the 10M index: p99 < 1 ms';
  const path = `${args.scale}/point_check.json`;
  const b = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).benchmarks?.find((x) => x.name.startsWith('BM_PointCheck')) : null;
  if (!b || b.p99_us === undefined) notMeasured(what, path);
  else {
    const met = b.p99_us < 1000;
    rows.push([what, `p99 ${f(b.p99_us / 1000, 3)} ms (p50 ${f(b.p50_us / 1000, 3)}, max ${f(b.max_us / 1000, 2)}) on the ${thousands(largest)} index${largest !== 1e7 ? ', not 10M' : ''}`, yes(met),
      met ? '' : 'Scale section, point check']);
  }
}

// (e) µs per resident flat within 1.5× from 200,000 to 10M.
{
  const what = 'Time per resident flat within 1.5× from 200,000 to 10M';
  if (!scale) notMeasured(what, scalePath);
  else {
    const us = sizes.map((n) => ({ n, us: (median(scale.filter((r) => r.n === n).map((r) => r.total)) / n) * 1e6 }));
    const hi = us.reduce((a, b) => (b.us > a.us ? b : a)), lo = us.reduce((a, b) => (b.us < a.us ? b : a));
    const ratio = hi.us / lo.us;
    const met = ratio <= 1.5;
    const whole = sizes[0] <= 2e5 && largest >= 1e7;
    rows.push([what, `max / min ${f(ratio)}× (${f(lo.us, 1)} µs at ${thousands(lo.n)}, ${f(hi.us, 1)} µs at ${thousands(hi.n)})${whole ? '' : `, over ${thousands(sizes[0])}–${thousands(largest)} only`}`, yes(met),
      met ? '' : `Scale section and its curve: the ${thousands(hi.n)} run's ${biggestPhase(hi.n)}`]);
  }
}

const took = args['took-s'] ? ` The benches took ${f(Number(args['took-s']) / 60, 0)} min.` : '';
const section = `<!-- targets:begin (written by bench/results.sh; edits here are overwritten) -->
## Issue 13's targets, ${today()}

All figures below come from one command, on the machine described in each section; ratios are
measured in the same run.${took}

\`\`\`sh
bench/results.sh            # bench/peers/run.sh, bench/peers/nightly.sh, bench/scale.sh, then this table
\`\`\`

| target | measured | | where a miss is explained |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
<!-- targets:end -->
`;

// After the title and the introduction: before the first section.
writeSection(args.results, 'targets', section, (text) => {
  const marks = [text.indexOf('<!-- '), text.indexOf('\n## ') + 1].filter((i) => i > 0);
  return marks.length ? Math.min(...marks) : -1;
});
