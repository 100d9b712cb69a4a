// Writes the peers section of bench/RESULTS.md from run.sh's timings.tsv:
// per roll share, each peer's median and range, and the ratios to hedui
// (of the medians, and the range of the per-run ratios: each run of a peer
// is compared with hedui's run just before it).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const rows = readFileSync(args.timings, 'utf8').trim().split('\n').slice(1).map((l) => {
  const [share, rep, peer, total, detail] = l.split('\t');
  return { share: Number(share), rep: Number(rep), peer, total: Number(total), detail: JSON.parse(detail) };
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const f = (x, d = 2) => x.toFixed(d);
const range = (xs) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const shares = [...new Set(rows.map((r) => r.share))];
const versions = {};
for (const r of rows) if (r.detail.version) versions[r.peer] = r.detail.version;

let table = '| roll | hedui: ingest + run | DuckDB | PostgreSQL | DuckDB / hedui | PostgreSQL / hedui | flags (all three the same) |\n|---|---|---|---|---|---|---|\n';
let perGround = '';
let detail = '| roll | hedui ingest | hedui run | DuckDB iconv | DuckDB load | DuckDB normalise | DuckDB joins | PostgreSQL load | PostgreSQL normalise | PostgreSQL joins |\n|---|---|---|---|---|---|---|---|---|---|\n';
for (const share of shares) {
  const of = (peer) => rows.filter((r) => r.share === share && r.peer === peer);
  const h = of('hedui'), d = of('duckdb'), p = of('postgres');
  const ratio = (peer) => peer.map((r) => r.total / h.find((x) => x.rep === r.rep).total);
  const flags = JSON.parse(readFileSync(`${args.work}/compare-duckdb-${share}.json`, 'utf8'));
  const cell = (xs) => `${f(median(xs.map((r) => r.total)))} s (${range(xs.map((r) => r.total))})`;
  table += `| ${share}% | ${cell(h)} | ${cell(d)} | ${cell(p)} | **${f(median(d.map((r) => r.total)) / median(h.map((r) => r.total)), 1)}×** (${range(ratio(d))}) | **${f(median(p.map((r) => r.total)) / median(h.map((r) => r.total)), 1)}×** (${range(ratio(p))}) | ${flags.hedui} |\n`;
  if (!perGround) perGround = `| roll | ${Object.keys(flags.by_rule ?? {}).join(' | ')} |\n|---|${Object.keys(flags.by_rule ?? {}).map(() => '---|').join('')}\n`;
  perGround += `| ${share}% | ${Object.values(flags.by_rule ?? {}).join(' | ')} |\n`;
  const m = (xs, key) => f(median(xs.map((r) => r.detail[key])));
  // A stage's steps: load, load_income …; normalise, normalise_roll …; joins, joins_split …
  const stage = (name) => (r) => Object.entries(r.detail).filter(([k]) => k === `${name}_s` || k.startsWith(`${name}_`)).reduce((s, [, v]) => s + v, 0);
  const ms = (xs, name) => f(median(xs.map(stage(name))));
  detail += `| ${share}% | ${m(h, 'ingest_s')} | ${m(h, 'run_s')} | ${m(d, 'convert_s')} | ${ms(d, 'load')} | ${ms(d, 'normalise')} | ${ms(d, 'joins')} | ${ms(p, 'load')} | ${ms(p, 'normalise')} | ${ms(p, 'joins')} |\n`;
}
const reps = Math.max(...rows.map((r) => r.rep));
const section = `<!-- peers:begin (written by bench/peers/run.sh; edits here are overwritten) -->
## hedui against DuckDB and PostgreSQL (issue 13), ${new Date().toISOString().slice(0, 10)}

The checks DECEASED, VEHICLE, PROPERTY, INCOME, ASSETS and SPLIT (拆户, by 户号, spouse, kin at one
dwelling and shared payment account or phone) on a county of ${Number(args.residents).toLocaleString('en')} residents
(\`hedui gen --roll-share N%\`), from the eight raw exports (roll and bank deposits UTF-8 with BOM,
population register, vehicles and tax GB18030, deaths and payroll NDJSON, property UTF-8) to the
flags, each tool cold (a fresh process and a fresh database or data directory; the exports in the
page cache for all three). The peers are the checks as an analyst would script them
(\`bench/peers/\`: the same ID folding and 15→18 upgrade, four date spellings, amounts such as
"1,234.50" and 1234、50, months such as 2025年3月, addresses with and without the region and in
Chinese numerals, rows hedui quarantines dropped); every peer's (rule, case, ID) flags were compared
with hedui's and are the same. ${reps} runs per tool and share, interleaved (hedui, DuckDB, PostgreSQL, hedui …);
medians, with the range in brackets; a ratio's range is that of each run's ratio to the hedui run
before it.

\`\`\`sh
RESIDENTS=${args.residents} SHARES="${shares.join(' ')}" REPS=${reps} bench/peers/run.sh
\`\`\`

Machine: ${cpus().length} cores (${cpus()[0].model.trim()}), ${f(totalmem() / 2 ** 30, 0)} GB; a shared machine
(load average at the end ${loadavg().map((x) => f(x, 1)).join(', ')}): ratios are from the same
run, the tools interleaved. hedui ${args['hedui-version']}; DuckDB ${versions.duckdb} (@duckdb/node-api, 2 threads); ${args['pg-version']}
(fsync off, shared_buffers 1 GB, work_mem 256 MB, UNLOGGED tables).

${table}
hedui's flags per ground (the peers' the same):

${perGround}
Where the time goes (medians, seconds):

${detail}<!-- peers:end -->
`;
let results = readFileSync(args.results, 'utf8');
const begin = results.indexOf('<!-- peers:begin');
const end = results.indexOf('<!-- peers:end -->');
if (begin >= 0 && end > begin) {
  results = results.slice(0, begin) + section + results.slice(end + '<!-- peers:end -->\n'.length);
} else {
  const at = results.indexOf('\n## ');
  results = at >= 0 ? `${results.slice(0, at + 1)}${section}\n${results.slice(at + 1)}` : `${results}\n${section}`;
}
writeFileSync(args.results, results);
