// The DuckDB peer: converts the GB18030 exports with iconv (DuckDB's
// encodings extension cannot be downloaded here), then runs duckdb.sql
// step by step in an in-memory database and prints one JSON line of
// timings. Usage:
//   node duckdb.mjs --feeds DIR --as-of 2026-10-31 --out flags.tsv [--sql duckdb.sql] [--threads 2]
//     [--grounds DECEASED,VEHICLE,PROPERTY,INCOME,ASSETS,SPLIT]
//     [--delta DIR --delta-out flags.tsv [--delta-sql duckdb-delta.sql]] [--db FILE [--skip-cold]]
// --grounds: only the steps of these grounds (a step marked '[INCOME]' in the
// SQL serves INCOME alone; unmarked steps serve all); default all.
// --db keeps the database in FILE instead of memory; --skip-cold opens such a
// file and runs only the nightly delta (a nightly job of its own).
// With --delta, after the cold load and checks: the nightly delta in DIR
// (delta.mjs) applied to the same tables (duckdb-delta.sql) and the checks
// re-run (duckdb.sql's 'joins' and 'write'), timed as nightly_*.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const feeds = args.feeds;
const sqlFile = args.sql ?? join(here, 'duckdb.sql');
const grounds = args.grounds ? new Set(args.grounds.split(',')) : null;
const wanted = (list) => !grounds || !list || list.split(',').some((g) => grounds.has(g.trim()));
// The GB18030 exports: the tax bureau's only when INCOME is checked.
const gb18030 = args['skip-cold'] ? []
  : (args.gb18030 ?? `population.csv,vehicle.csv${wanted('INCOME') ? ',tax.csv' : ''}`).split(',').filter(Boolean);

const started = process.hrtime.bigint();
const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;
const utf8 = mkdtempSync(join(tmpdir(), 'hedui-peer-duckdb-'));
try {
  const timings = {};
  let t = process.hrtime.bigint();
  // The two conversions side by side, one per core.
  await Promise.all(gb18030.map((name) =>
    run('sh', ['-c', `iconv -c -f GB18030 -t UTF-8 "$0" > "$1"`, join(feeds, name), join(utf8, name)])));
  timings.convert_s = seconds(t);
  const instance = await DuckDBInstance.create(args.db ?? ':memory:', { threads: String(args.threads ?? 2) });
  const connection = await instance.connect();
  const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
  // '-- step: NAME [GROUND,…]': the steps of the grounds asked for.
  const steps = (text) => text.split(/^-- step: /m).slice(1).map((part) => {
    const [, name, list] = part.slice(0, part.indexOf('\n')).trim().match(/^(\S+)(?:\s+\[([^\]]*)\])?$/);
    return [name, part.slice(part.indexOf('\n') + 1), list];
  }).filter(([, , list]) => wanted(list));
  const coldSql = readFileSync(sqlFile, 'utf8')
    .replaceAll('${FEEDS}', feeds).replaceAll('${UTF8}', utf8).replaceAll('${AS_OF}', args['as-of']);
  for (const [name, text] of args['skip-cold'] ? [] : steps(coldSql.replaceAll('${OUT}', args.out))) {
    t = process.hrtime.bigint();
    await connection.run(text);
    timings[`${name}_s`] = seconds(t);
  }
  timings.total_s = seconds(started);
  if (args.delta) {
    const nightly = process.hrtime.bigint();
    const deltaUtf8 = join(utf8, 'delta');
    t = process.hrtime.bigint();
    await run('sh', ['-c', `mkdir -p "$1" && iconv -c -f GB18030 -t UTF-8 "$0" > "$1/vehicle.csv"`, join(args.delta, 'vehicle.csv'), deltaUtf8]);
    timings.nightly_convert_s = seconds(t);
    const deltaSql = readFileSync(args['delta-sql'] ?? join(here, 'duckdb-delta.sql'), 'utf8')
      .replaceAll('${DELTA}', args.delta).replaceAll('${DELTA_UTF8}', deltaUtf8);
    const rerun = steps(coldSql.replaceAll('${OUT}', args['delta-out'])).filter(([name]) => name === 'joins' || name === 'write');
    for (const [name, text] of [...steps(deltaSql), ...rerun]) {
      t = process.hrtime.bigint();
      await connection.run(text);
      timings[`nightly_${name}_s`] = seconds(t);
    }
    timings.nightly_total_s = seconds(nightly);
  }
  connection.closeSync?.();
  console.log(JSON.stringify({ peer: 'duckdb', version, ...timings }));
} finally {
  rmSync(utf8, { recursive: true, force: true });
}
