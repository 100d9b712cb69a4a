// A nightly delta of the three exports DECEASED, VEHICLE and PROPERTY read,
// written from a county's full exports as the departments would send it
// (`hedui gen` writes only full exports). 1% of each export's rows:
//   death.ndjson   new deaths (appended), UTF-8 as the full export;
//   vehicle.csv    half changes of existing cars keyed by 号牌号码 (a car
//                  cancelled, or sold to another owner), half new cars,
//                  GB18030 as the full export;
//   property.csv   half changes keyed by (不动产权证号, 证件号码) (a title
//                  cancelled, or transferred: the old owner's row cancelled,
//                  a row for the new owner), half new titles, UTF-8.
// A fifth of the new owners and of the deaths are roll members, the others
// residents of the county. Changed rows are drawn among rows with a clean
// ID and a key that occurs once, so that "replace the record with this
// key" means one row for every reader. Deterministic (a fixed seed).
// Usage: node delta.mjs --feeds DIR --out DIR [--percent 1] [--seed 7]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const feeds = args.feeds;
const out = args.out;
const percent = Number(args.percent ?? 1);
mkdirSync(out, { recursive: true });

let state = BigInt(args.seed ?? 7);  // splitmix64
const random = () => {
  state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const clean = /^[0-9]{17}[0-9X]$/;
// Lines without their CR; a delta file keeps its export's line ends (eol).
const lines = (text) => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
const eol = (text) => (text.includes('\r\n') ? '\r\n' : '\n');
const day = () => `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;

// People: roll members and residents (owners of property), clean IDs only.
const rollLines = lines(readFileSync(join(feeds, 'roll.csv'), 'utf8').replace(/^\ufeff/, '')).slice(1);
const members = [...new Map(rollLines.map((l) => l.split(',')).filter((f) => clean.test(f[1])).map((f) => [f[1], f[2]])).entries()];
const propertyText = readFileSync(join(feeds, 'property.csv'), 'utf8');
const [propertyHeader, ...propertyRows] = lines(propertyText);
const residents = [...new Map(propertyRows.map((l) => l.split(',')).filter((f) => f.length === 8 && clean.test(f[2])).map((f) => [f[2], f[1]])).entries()];
const person = () => (random() < 0.2 ? pick(members) : pick(residents));

// Deaths.
const deathCount = Math.round(lines(readFileSync(join(feeds, 'death.ndjson'), 'utf8')).length * percent / 100);
const deaths = [];
for (let i = 0; i < deathCount; ++i) {
  const [id, name] = person();
  deaths.push(JSON.stringify({ sfzh: id, xm: name, swrq: day(), ly: pick(['殡葬', '卫健', '公安']) }));
}
writeFileSync(join(out, 'death.ndjson'), deaths.join('\n') + '\n');

// Vehicles: read as UTF-8 through iconv, written back in GB18030.
const vehicleText = execFileSync('iconv', ['-c', '-f', 'GB18030', '-t', 'UTF-8', join(feeds, 'vehicle.csv')], { maxBuffer: 1 << 30 }).toString();
const [vehicleHeader, ...vehicleRows] = lines(vehicleText);
// 号牌号码,车辆类型,所有人身份证明号码,所有人,初次登记日期,机动车状态
const plates = new Map();
for (const row of vehicleRows) { const p = row.split(',')[0]; plates.set(p, (plates.get(p) ?? 0) + 1); }
const changeable = vehicleRows.map((l) => l.split(',')).filter((f) => f.length === 6 && plates.get(f[0]) === 1 && clean.test(f[2]));
const vehicleCount = Math.round(vehicleRows.length * percent / 100);
const vehicles = [];
const used = new Set();
for (let i = 0; vehicles.length < Math.floor(vehicleCount / 2); ++i) {
  const f = pick(changeable);
  if (used.has(f[0])) continue;
  used.add(f[0]);
  if (random() < 0.5) {
    vehicles.push([f[0], f[1], f[2], f[3], f[4], 'E'].join(','));            // cancelled
  } else {
    const [id, name] = person();
    vehicles.push([f[0], f[1], id, name, day().replaceAll('-', ''), 'A'].join(','));  // sold
  }
}
for (let i = 0; vehicles.length < vehicleCount; ++i) {
  const plate = `豫CN${String(i).padStart(5, '0')}`;
  if (plates.has(plate)) continue;
  const [id, name] = person();
  vehicles.push([plate, pick(['小型轿车', '小型普通客车', '轻型普通货车', '普通二轮摩托车']), id, name, day(), 'A'].join(','));
}
writeFileSync(join(out, 'vehicle.utf8.csv'), [vehicleHeader, ...vehicles].join(eol(vehicleText)) + eol(vehicleText));
execFileSync('sh', ['-c', 'iconv -f UTF-8 -t GB18030 "$0" > "$1"', join(out, 'vehicle.utf8.csv'), join(out, 'vehicle.csv')]);
rmSync(join(out, 'vehicle.utf8.csv'));

// Property: 不动产权证号,权利人,证件号码,坐落,建筑面积,用途,登记日期,权属状态
const titles = new Map();
for (const row of propertyRows) { const f = row.split(','); const k = `${f[0]}\t${f[2]}`; titles.set(k, (titles.get(k) ?? 0) + 1); }
const changeableTitles = propertyRows.map((l) => l.split(',')).filter((f) => f.length === 8 && clean.test(f[2]) && titles.get(`${f[0]}\t${f[2]}`) === 1);
const propertyCount = Math.round(propertyRows.length * percent / 100);
const property = [];
const usedTitles = new Set();
while (property.length < Math.floor(propertyCount / 2)) {
  const f = pick(changeableTitles);
  if (usedTitles.has(f[0])) continue;
  usedTitles.add(f[0]);
  property.push([...f.slice(0, 7), '注销'].join(','));                      // cancelled or sold
  if (random() < 0.5) {
    const [id, name] = person();
    if (titles.has(`${f[0]}\t${id}`)) continue;
    property.push([f[0], name, id, f[3], f[4], f[5], day(), '现势'].join(','));  // the buyer's row
  }
}
for (let i = 0; property.length < propertyCount; ++i) {
  const [id, name] = person();
  property.push([`伊房权证字第2026${String(900000 + i)}号`, name, id, `伊川县城关街道新区${i + 1}号`,
    (60 + random() * 90).toFixed(2), random() < 0.8 ? '住宅' : '商业', day(), '现势'].join(','));
}
writeFileSync(join(out, 'property.csv'), [propertyHeader, ...property].join(eol(propertyText)) + eol(propertyText));

console.log(JSON.stringify({ death: deaths.length, vehicle: vehicles.length, property: property.length }));
