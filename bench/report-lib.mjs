// What the bench reports share (bench/scale-report.mjs,
// bench/peers/nightly-report.mjs, bench/targets-report.mjs): arguments,
// medians and ranges, the machine, and writing one marked section of
// bench/RESULTS.md. No npm dependencies.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

// --key value pairs.
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

export function need(args, ...keys) {
  for (const k of keys) {
    if (args[k] === undefined) {
      console.error(`missing --${k}`);
      process.exit(2);
    }
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
export const f = (x, d = 2) => Number(x).toFixed(d);
export const range = (xs, d = 2) => `${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)}`;
// A median with its range in brackets; the range only when there are several.
export const cell = (xs, d = 2, unit = '') =>
  xs.length > 1 ? `${f(median(xs), d)}${unit} (${range(xs, d)})` : `${f(xs[0], d)}${unit}`;
export const thousands = (n) => Number(n).toLocaleString('en');
export const today = () => new Date().toISOString().slice(0, 10);

// Cores, CPU model (lscpu's, else node's), memory and load, in one line.
export function machine() {
  let model = cpus()[0].model.trim();
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Model name:'));
    if (line) model = line.slice('Model name:'.length).trim();
  } catch { /* no lscpu: node's model */ }
  return {
    cores: cpus().length,
    model,
    memory_gb: Number(f(totalmem() / 2 ** 30, 0)),
    load: loadavg().map((x) => f(x, 1)).join(', '),
  };
}

// Replaces the section between `<!-- name:begin` and `<!-- name:end -->`
// of the markdown file `path` with `section` (which carries its own markers).
// Without the markers, `place(text)` says where to insert: an index, or
// [start, end) to replace (a hand-written section the generated one takes
// over); without `place` or when it returns -1, the section goes at the end.
export function writeSection(path, name, section, place) {
  let text = readFileSync(path, 'utf8');
  const begin = text.indexOf(`<!-- ${name}:begin`);
  const endMark = `<!-- ${name}:end -->`;
  const end = text.indexOf(endMark);
  if (begin >= 0 && end > begin) {
    let after = end + endMark.length;
    if (text[after] === '\n') after++;
    text = text.slice(0, begin) + section + text.slice(after);
  } else {
    const at = place ? place(text) : -1;
    if (Array.isArray(at)) {
      text = text.slice(0, at[0]) + section + '\n' + text.slice(at[1]);
    } else if (at >= 0) {
      text = text.slice(0, at) + section + '\n' + text.slice(at);
    } else {
      text = `${text.replace(/\n*$/, '\n')}\n${section}`;
    }
  }
  writeFileSync(path, text);
}

// The index just after another section's end marker, or -1.
export function after(text, name) {
  const mark = `<!-- ${name}:end -->`;
  const at = text.indexOf(mark);
  if (at < 0) return -1;
  let i = at + mark.length;
  if (text[i] === '\n') i++;
  while (text[i] === '\n') i++;
  return i;
}

export function gitCommit(root) {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
