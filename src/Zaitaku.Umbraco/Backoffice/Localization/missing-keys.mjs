// Lists the backoffice localization keys that Umbraco's English (en) has and its Japanese (ja) lacks, and checks
// which of them our ja.source.js does not cover yet. Usage:
//   node missing-keys.mjs <folder with en.js and ja.js> [--json]
// The folder is dist-cms/assets/lang of the @umbraco-cms/backoffice npm package, or
// ~/.nuget/packages/umbraco.cms.staticassets/<version>/staticwebassets/umbraco/backoffice/assets/lang (what the site runs).
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node missing-keys.mjs <lang folder> [--json]'); process.exit(2); }
const load = async (f) => (await import(pathToFileURL(path.resolve(f)).href)).default;
const flat = (set) => Object.entries(set).flatMap(([section, terms]) =>
  Object.entries(terms).map(([key, value]) => [`${section}_${key}`, value]));

const en = new Map(flat(await load(path.join(dir, 'en.js'))));
const ja = new Map(flat(await load(path.join(dir, 'ja.js'))));
const ours = new Map(flat(await load(new URL('./ja.source.js', import.meta.url).pathname)));

const missing = [...en.keys()].filter((k) => !ja.has(k));
const uncovered = missing.filter((k) => !ours.has(k));
const unknown = [...ours.keys()].filter((k) => !en.has(k));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(uncovered.map((k) => [k, String(en.get(k))])), null, 1));
} else {
  console.log(`en ${en.size} keys, ja ${ja.size}, missing in ja ${missing.length}, ours ${ours.size}, still missing ${uncovered.length}, ours not in en ${unknown.length}`);
  for (const k of unknown) console.log(`  not in en: ${k}`);
}
