// Compares a peer's flags (rule, case_id, id: one TSV line each) with
// hedui's cases.ndjson for the same rules. Prints a JSON line (with hedui's
// count per rule); exits 1 on any difference. Usage: node compare.mjs cases.ndjson flags.tsv RULE[,RULE…]
import { readFileSync } from 'node:fs';
const [casesFile, flagsFile, rulesArg] = process.argv.slice(2);
const rules = new Set(rulesArg.split(','));
const hedui = new Set();
for (const line of readFileSync(casesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = JSON.parse(line);
  if (rules.has(f.rule)) hedui.add(`${f.rule}\t${f.case_id}\t${f.id_number}`);
}
const peer = new Set(readFileSync(flagsFile, 'utf8').split('\n').filter((l) => l && rules.has(l.split('\t')[0])));
const onlyHedui = [...hedui].filter((k) => !peer.has(k)).sort();
const onlyPeer = [...peer].filter((k) => !hedui.has(k)).sort();
// hedui's flags per rule, in the order asked for.
const byRule = Object.fromEntries([...rules].map((r) => [r, 0]));
for (const k of hedui) byRule[k.split('\t')[0]]++;
console.log(JSON.stringify({ hedui: hedui.size, peer: peer.size, by_rule: byRule, only_hedui: onlyHedui.slice(0, 10), only_peer: onlyPeer.slice(0, 10),
  only_hedui_count: onlyHedui.length, only_peer_count: onlyPeer.length, same: onlyHedui.length === 0 && onlyPeer.length === 0 }));
process.exit(onlyHedui.length === 0 && onlyPeer.length === 0 ? 0 : 1);
