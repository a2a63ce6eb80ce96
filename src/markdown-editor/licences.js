// Prints the licence of every installed package in the dependency tree of the packages named on the
// command line (from package-lock.json), for the LICENSES.txt beside each bundle. Used by update-editor.sh.
const fs = require("fs");
const path = require("path");
const lock = require("./package-lock.json").packages;
const seen = new Set();

// npm's lookup: the nearest node_modules/<name> from the requiring package's folder upwards.
function resolve(name, from) {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, "")) {
    const candidate = (dir ? dir + "/" : "") + "node_modules/" + name;
    if (lock[candidate]) return candidate;
    if (!dir) return null;
  }
}
function visit(name, from) {
  const at = resolve(name, from);
  if (!at || seen.has(at) || lock[at].dev) return;
  seen.add(at);
  Object.keys(lock[at].dependencies || {}).forEach(dep => visit(dep, at));
}
process.argv.slice(2).forEach(name => visit(name, ""));

for (const at of [...seen].sort()) {
  if (at.includes("/@types/")) continue; // type declarations are not in any bundle
  const info = require("./" + at + "/package.json");
  console.log(`\n=== ${info.name} ${info.version} (${info.license || "see below"}) ===`);
  for (const file of fs.readdirSync(at).filter(f => /^(licen[cs]e|copying)/i.test(f)))
    console.log(fs.readFileSync(path.join(at, file), "utf8").trimEnd());
}
