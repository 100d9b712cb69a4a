// The PostgreSQL peer: runs postgres.sql step by step through psql against
// a fresh database of the cluster whose socket directory is --host (run.sh
// starts a private one), and prints one JSON line of timings. Usage:
//   node pg.mjs --host SOCKET_DIR --feeds DIR --as-of 2026-10-31 --out flags.tsv [--sql postgres.sql]
//     [--grounds DECEASED,VEHICLE,PROPERTY,INCOME,ASSETS,SPLIT]
// --grounds: only the steps of these grounds (a step marked '[INCOME]' in the
// SQL serves INCOME alone; unmarked steps serve all); default all.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const psql = (db, input) => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', args.host, '-U', 'postgres', '-d', db, '-At'],
  { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] });
const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;

// The server writes the flags: into its own socket directory, then copied.
const serverOut = join(args.host, 'flags.tsv');
const db = `peer_${process.pid}`;
psql('postgres', `DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db};`);
try {
  const version = psql(db, 'SHOW server_version;').trim();
  const sql = readFileSync(args.sql ?? join(here, 'postgres.sql'), 'utf8')
    .replaceAll('${FEEDS}', args.feeds).replaceAll('${AS_OF}', args['as-of']).replaceAll('${OUT}', serverOut);
  const timings = {};
  const started = process.hrtime.bigint();
  const grounds = args.grounds ? new Set(args.grounds.split(',')) : null;
  for (const part of sql.split(/^-- step: /m).slice(1)) {
    // '-- step: NAME [GROUND,…]'
    const [, name, list] = part.slice(0, part.indexOf('\n')).trim().match(/^(\S+)(?:\s+\[([^\]]*)\])?$/);
    if (grounds && list && !list.split(',').some((g) => grounds.has(g.trim()))) continue;
    const t = process.hrtime.bigint();
    psql(db, part.slice(part.indexOf('\n') + 1));
    timings[`${name}_s`] = seconds(t);
  }
  timings.total_s = seconds(started);
  copyFileSync(serverOut, args.out);
  console.log(JSON.stringify({ peer: 'postgres', version, ...timings }));
} finally {
  rmSync(serverOut, { force: true });
  psql('postgres', `DROP DATABASE IF EXISTS ${db};`);
}
