// Writes the scale section of bench/RESULTS.md (<!-- scale:begin … -->) and
// the curve ($PLOT_DIR/scale.svg) from bench/scale.sh's raw figures in
// $WORK: scale.tsv, timing-N-REP.txt (HEDUI_TIMING phase marks),
// ingest-N-REP.log, score-N.txt, point_check.json, machine.env. Also writes
// $WORK/svg-size ("W H") for the PNG. No npm dependencies.
//
//   node scale-report.mjs --work W --results RESULTS.md --plot-dir docs --largest N
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';

import { after, cell, f, median, need, parseArgs, thousands, today, writeSection } from './report-lib.mjs';

const args = parseArgs();
need(args, 'work', 'results', 'plot-dir');
const work = args.work;
const MB = 2 ** 20;
const TARGET_S = 30, TARGET_MB = 4 * 1024, TARGET_FLAT = 1.5, TARGET_P99_MS = 1;

const rows = readFileSync(`${work}/scale.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => {
  const [residents, rep, bytes, ingest, ingestKb, run, runKb, flags] = l.split('\t').map(Number);
  return { residents, rep, bytes, ingest, ingestKb, run, runKb, flags, total: ingest + run };
});
if (!rows.length) {
  console.error(`${work}/scale.tsv has no runs`);
  process.exit(1);
}
const env = Object.fromEntries(readFileSync(`${work}/machine.env`, 'utf8').trim().split('\n')
  .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const sizes = [...new Set(rows.map((r) => r.residents))].sort((a, b) => a - b);
const largest = sizes[sizes.length - 1];
const reps = Math.max(...rows.map((r) => r.rep));

// The run whose time is the median (the lower middle one for an even count).
const medianRun = (rs, key) => [...rs].sort((a, b) => a[key] - b[key])[Math.floor((rs.length - 1) / 2)];

// `hedui score`'s table: rule, expected, flagged, precision, recall, …
function score(n) {
  const path = `${work}/score-${n}.txt`;
  if (!existsSync(path)) return { grounds: 0, perfect: false, text: 'not scored' };
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  const grounds = lines.filter((c) => c.length >= 5 && /^[A-Z_]+$/.test(c[0]));
  const off = grounds.filter((c) => Number(c[3]) !== 1 || Number(c[4]) !== 1);
  return {
    grounds: grounds.length,
    perfect: off.length === 0 && grounds.length > 0,
    text: off.length === 0 ? `P = R = 1 (${grounds.length} grounds)` : off.map((c) => `${c[0]} P ${c[3]} R ${c[4]}`).join('; '),
  };
}

const per = sizes.map((n) => {
  const rs = rows.filter((r) => r.residents === n);
  const total = median(rs.map((r) => r.total));
  return {
    n, rs, total,
    usPer: (total / n) * 1e6,
    ingestPeak: Math.max(...rs.map((r) => r.ingestKb)) / 1024,
    runPeak: Math.max(...rs.map((r) => r.runKb)) / 1024,
    score: score(n),
  };
});

let table = '| residents | exported MB | ingest s | run s | total s | µs per resident | ingest peak MB | run peak MB | flags | against truth |\n|---|---|---|---|---|---|---|---|---|---|\n';
for (const p of per) {
  table += `| ${thousands(p.n)} | ${f(p.rs[0].bytes / MB, 0)} | ${cell(p.rs.map((r) => r.ingest))} | ${cell(p.rs.map((r) => r.run))} | ${cell(p.rs.map((r) => r.total))} | ${cell(p.rs.map((r) => (r.total / p.n) * 1e6), 1)} | ${f(p.ingestPeak, 0)} | ${f(p.runPeak, 0)} | ${thousands(p.rs[0].flags)} | ${p.score.text} |\n`;
}

const us = per.map((p) => p.usPer);
const flat = Math.max(...us) / Math.min(...us);
const flatMet = flat <= TARGET_FLAT;
const slowest = per.find((p) => p.usPer === Math.max(...us)), fastest = per.find((p) => p.usPer === Math.min(...us));
const flatText = `Time per resident, max / min over ${thousands(sizes[0])}–${thousands(largest)}: **${f(flat)}×** (${f(fastest.usPer, 1)} µs at ${thousands(fastest.n)}, ${f(slowest.usPer, 1)} µs at ${thousands(slowest.n)}); the target is within ${TARGET_FLAT}×: **${flatMet ? 'met' : 'not met'}**${sizes[0] > 200000 || largest < 1e7 ? ` (over the sizes measured, not the whole 200,000–10,000,000)` : ''}.`;

const big = per.find((p) => p.n === 1e7);
let bigText;
if (!big) {
  bigText = `The 10-million target (ingest + run < ${TARGET_S} s, peak < 4 GB): **not measured**, the largest size here is ${thousands(largest)}.`;
} else {
  const peak = Math.max(big.ingestPeak, big.runPeak);
  const timeMet = big.total < TARGET_S, memMet = peak < TARGET_MB;
  bigText = `The 10-million target: ingest + run ${f(big.total)} s against < ${TARGET_S} s, **${timeMet ? 'met' : `not met, ${f(big.total - TARGET_S, 1)} s over (${f(big.total / TARGET_S, 1)}×)`}**; peak ${f(peak, 0)} MB (${big.runPeak >= big.ingestPeak ? 'the run' : 'the ingest'}) against < ${thousands(TARGET_MB)} MB, **${memMet ? 'met' : `not met, ${f(peak - TARGET_MB, 0)} MB over`}**.`;
}

// The phases of the largest size's median run: "t=  1234.5 ms  what", each
// mark the end of a phase that began at the previous one.
const bigRuns = rows.filter((r) => r.residents === largest);
const mid = medianRun(bigRuns, 'run');
const marks = readFileSync(`${work}/timing-${largest}-${mid.rep}.txt`, 'utf8').split('\n')
  .map((l) => l.match(/^t=\s*([\d.]+) ms\s+(.*)$/)).filter(Boolean).map((m) => ({ t: Number(m[1]) / 1000, what: m[2].trim() }));
let phases = '| phase (ends with) | s | share of the run |\n|---|---|---|\n';
let last = 0;
for (const m of marks.slice(1)) {
  phases += `| ${m.what} | ${f(m.t - last)} | ${f((100 * (m.t - last)) / mid.run, 0)}% |\n`;
  last = m.t;
}
phases += `| outside the marks: process start, opening the index, writing the reports and the case store | ${f(mid.run - last)} | ${f((100 * (mid.run - last)) / mid.run, 0)}% |\n`;
phases += `| **run, wall** | **${f(mid.run)}** | 100% |\n`;

// The ingest of the same size, per export ("… → batch 3 (vehicle): read … 12.3 MB in 0.45 s").
const midIngest = medianRun(bigRuns, 'ingest');
const ingestLog = existsSync(`${work}/ingest-${largest}-${midIngest.rep}.log`) ? readFileSync(`${work}/ingest-${largest}-${midIngest.rep}.log`, 'utf8') : '';
const batches = [...ingestLog.matchAll(/^(\S+) → batch \d+ \([^)]+\): read .*?([\d.]+) MB in ([\d.]+) s/gm)]
  .map((m) => ({ kind: m[1].split('/').pop(), mb: Number(m[2]), s: Number(m[3]) })).sort((a, b) => b.s - a.s);
let ingestTable = '';
if (batches.length) {
  ingestTable = `\nIts ingest (run ${midIngest.rep}, ${f(midIngest.ingest)} s wall), per export as \`hedui ingest\` reports it:\n\n| file | MB | s | MB/s |\n|---|---|---|---|\n`;
  for (const b of batches) ingestTable += `| ${b.kind} | ${f(b.mb, 1)} | ${f(b.s)} | ${b.s > 0 ? f(b.mb / b.s, 0) : '–'} |\n`;
}

let pointText = `Point check (\`BM_PointCheck\` on the ${thousands(largest)}-resident index): not run (no \`build/hedui_bench\`).`;
if (existsSync(`${work}/point_check.json`)) {
  const b = JSON.parse(readFileSync(`${work}/point_check.json`, 'utf8')).benchmarks.find((x) => x.name.startsWith('BM_PointCheck'));
  if (b && b.p99_us !== undefined) {
    const met = b.p99_us / 1000 < TARGET_P99_MS;
    pointText = `Point check of one ID (\`BM_PointCheck\`, ${thousands(b.iterations)} checks of roll members and their neighbours' IDs on the ${thousands(largest)}-resident index, warm): p50 ${f(b.p50_us / 1000, 3)} ms, p99 ${f(b.p99_us / 1000, 3)} ms, max ${f(b.max_us / 1000, 3)} ms; the target is p99 < ${TARGET_P99_MS} ms: **${met ? 'met' : 'not met'}**${largest < 1e7 ? ' (on a smaller index than the 10 million of the target)' : ''}.`;
  } else {
    pointText = `Point check: \`BM_PointCheck\` failed (${b?.error_message ?? 'no result'}).`;
  }
}

// The curve: µs per resident (left axis) and total seconds (right axis)
// against residents on a log axis.
const W = 900, H = 520, L = 80, R = 80, T = 60, B = 70;
const pw = W - L - R, ph = H - T - B;
const lx0 = Math.log10(sizes[0] / 1.4), lx1 = Math.log10(largest * 1.4);
const x = (n) => L + ((Math.log10(n) - lx0) / (lx1 - lx0)) * pw;
const nice = (max) => {
  const raw = max / 5, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw);
  return { step, top: Math.ceil(max / step) * step };
};
const usAxis = nice(Math.max(...us, Math.min(...us) * TARGET_FLAT) * 1.1);
const showTarget = largest >= 5e6;
const sAxis = nice(Math.max(...per.map((p) => p.total), showTarget ? TARGET_S : 0) * 1.1);
const yl = (v) => T + ph - (v / usAxis.top) * ph;
const yr = (v) => T + ph - (v / sAxis.top) * ph;
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const svg = [];
svg.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">`);
svg.push(`<rect width="${W}" height="${H}" fill="white"/>`);
svg.push(`<text x="${W / 2}" y="28" text-anchor="middle" font-size="17" font-weight="bold">hedui: all eleven exports, all 14 grounds (ingest + run), ${env.cores} cores</text>`);
for (let v = 0; v <= usAxis.top + 1e-9; v += usAxis.step) {
  svg.push(`<line x1="${L}" x2="${L + pw}" y1="${yl(v)}" y2="${yl(v)}" stroke="#e4e4e4"/>`);
  svg.push(`<text x="${L - 8}" y="${yl(v) + 4}" text-anchor="end" fill="#1f5fa8">${Number(v.toFixed(2))}</text>`);
}
for (let v = 0; v <= sAxis.top + 1e-9; v += sAxis.step) {
  svg.push(`<text x="${L + pw + 8}" y="${yr(v) + 4}" fill="#c0501a">${Number(v.toFixed(2))}</text>`);
}
for (const n of sizes) {
  svg.push(`<line x1="${x(n)}" x2="${x(n)}" y1="${T}" y2="${T + ph}" stroke="#f0f0f0"/>`);
  svg.push(`<text x="${x(n)}" y="${T + ph + 20}" text-anchor="middle">${label(n)}</text>`);
}
svg.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
svg.push(`<text x="${L + pw / 2}" y="${H - 22}" text-anchor="middle">residents (log scale)</text>`);
svg.push(`<text transform="translate(22 ${T + ph / 2}) rotate(-90)" text-anchor="middle" fill="#1f5fa8">µs per resident (ingest + run)</text>`);
svg.push(`<text transform="translate(${W - 18} ${T + ph / 2}) rotate(90)" text-anchor="middle" fill="#c0501a">total seconds (ingest + run)</text>`);
// The flatness bound: 1.5 × the lowest µs per resident.
const bound = Math.min(...us) * TARGET_FLAT;
svg.push(`<line x1="${L}" x2="${L + pw}" y1="${yl(bound)}" y2="${yl(bound)}" stroke="#1f5fa8" stroke-dasharray="6 5" opacity="0.6"/>`);
svg.push(`<text x="${L + 6}" y="${yl(bound) - 6}" fill="#1f5fa8" font-size="12">1.5 × the lowest µs per resident</text>`);
if (showTarget) {
  svg.push(`<line x1="${L}" x2="${L + pw}" y1="${yr(TARGET_S)}" y2="${yr(TARGET_S)}" stroke="#c0501a" stroke-dasharray="2 4" opacity="0.8"/>`);
  svg.push(`<text x="${L + pw - 6}" y="${yr(TARGET_S) - 6}" text-anchor="end" fill="#c0501a" font-size="12">target at 10M: 30 s</text>`);
}
const path = (ys) => per.map((p, i) => `${i ? 'L' : 'M'}${f(x(p.n), 1)},${f(ys(p), 1)}`).join(' ');
svg.push(`<path d="${path((p) => yl(p.usPer))}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>`);
svg.push(`<path d="${path((p) => yr(p.total))}" fill="none" stroke="#c0501a" stroke-width="2.5"/>`);
for (const p of per) {
  svg.push(`<circle cx="${f(x(p.n), 1)}" cy="${f(yl(p.usPer), 1)}" r="4.5" fill="#1f5fa8"/>`);
  svg.push(`<text x="${f(x(p.n), 1)}" y="${f(yl(p.usPer) - 10, 1)}" text-anchor="middle" fill="#1f5fa8" font-size="12" stroke="white" stroke-width="3" paint-order="stroke">${f(p.usPer, 1)} µs</text>`);
  svg.push(`<rect x="${f(x(p.n) - 4, 1)}" y="${f(yr(p.total) - 4, 1)}" width="8" height="8" fill="#c0501a"/>`);
  svg.push(`<text x="${f(x(p.n), 1)}" y="${f(yr(p.total) + 20, 1)}" text-anchor="middle" fill="#c0501a" font-size="12" stroke="white" stroke-width="3" paint-order="stroke">${f(p.total, 1)} s</text>`);
}
svg.push(`<g transform="translate(${L + 12} ${T + ph - 48})"><rect width="250" height="40" fill="white" stroke="#ccc"/>`);
svg.push(`<line x1="10" x2="34" y1="13" y2="13" stroke="#1f5fa8" stroke-width="2.5"/><text x="42" y="17">µs per resident (left)</text>`);
svg.push(`<line x1="10" x2="34" y1="30" y2="30" stroke="#c0501a" stroke-width="2.5"/><text x="42" y="34">total seconds (right)</text></g>`);
svg.push(`<text x="${W - 8}" y="${H - 6}" text-anchor="end" fill="#888" font-size="11">medians of ${reps} run${reps > 1 ? 's' : ''}; hedui ${env.commit}, ${env.date.slice(0, 10)}</text>`);
svg.push('</svg>');
writeFileSync(join(args['plot-dir'], 'scale.svg'), `${svg.join('\n')}\n`);
writeFileSync(`${work}/svg-size`, `${W} ${H}\n`);
const png = relative(dirname(args.results), join(args['plot-dir'], 'scale.png'));
const svgRel = relative(dirname(args.results), join(args['plot-dir'], 'scale.svg'));

const section = `<!-- scale:begin (written by bench/scale.sh with scale-report.mjs; edits here are overwritten) -->
## Time and memory per resident, 200,000 to 10 million (issue 13), ${today()}

Each size's county generated once (\`hedui gen --residents N\`, roll 3%), then ${reps} time${reps > 1 ? 's' : ''}:
\`hedui ingest\` of all its exports (the eleven departments' and the neighbouring county's roll,
each with its demo mapping) into a fresh data directory, and \`hedui run\` of all 14 grounds
(\`configs/rules/demo.toml\`, as of 2026-10-31), each timed by GNU time (wall, peak RSS). Medians
with the range in brackets; the peaks are the highest of the runs. The last run's flags are scored
against the generator's truth (\`hedui score\`).

\`\`\`sh
bench/scale.sh              # SIZES="${sizes.join(' ')}" REPS=${reps}; raw figures in ${work}/scale.tsv
\`\`\`

Machine: ${env.cores} cores (${env.model}), ${f(Number(env.mem_kb) / 2 ** 20, 0)} GB, a shared machine; \`--threads ${env.threads}\`.
hedui ${env.commit}${env.dirty === 'yes' ? ' with uncommitted changes' : ''} (Release), measured ${env.date}.

${table}
${flatText}

${bigText}

${pointText}

![µs per resident and total seconds against residents](${png})

(\`${svgRel}\`, rendered to PNG by headless Chromium.)

Where the ${thousands(largest)}-resident run goes (\`HEDUI_TIMING=1\`, run ${mid.rep}, the median; FG is
the family graph of SPLIT, MERGE and CADRE_KIN):

${phases}${ingestTable}<!-- scale:end -->
`;

writeSection(args.results, 'scale', section, (text) => {
  const a = after(text, 'nightly');
  if (a >= 0) return a;
  // Still the hand-written nightly section: after it.
  const start = text.indexOf('### Nightly delta');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start);
    return next >= 0 ? next + 1 : -1;
  }
  return after(text, 'peers');
});
