#!/bin/sh
# Rebuilds the OpenAPI validator that DeliveryApiTests runs with Debian's nodejs (tests/run.sh installs it):
#   openapi-validator.mjs  @seriousme/openapi-schema-validator and its dependencies (ajv, yaml), bundled by esbuild
#   schemas/               the OpenAPI JSON schemas it reads at run time, copied from the package
#   LICENSES.txt           the licence of every package in the bundle
# Needs Node.js and npm; the tests need only node. Change the version in package.json, run this, run
# DeliveryApiTests, and commit package.json, package-lock.json, openapi-validator.mjs, schemas/ and LICENSES.txt.
set -eu
# The banner gives the bundled CommonJS packages (ajv) a require for Node's own modules, which an ES module lacks.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
npm ci --no-audit --no-fund
npx esbuild index.mjs --bundle --platform=node --format=esm --target=node18 --minify --legal-comments=none \
  --banner:js="import { createRequire } from \"node:module\"; const require = createRequire(import.meta.url);" \
  --outfile=openapi-validator.mjs.tmp
mv openapi-validator.mjs.tmp openapi-validator.mjs
rm -rf schemas
cp -r node_modules/@seriousme/openapi-schema-validator/schemas schemas
{
  echo "Licences of the packages bundled in openapi-validator.mjs and of schemas/ (built by update-validator.sh)."
  # Every package the lock file installs for use (not esbuild) is in the bundle.
  node -e '
    const fs = require("fs");
    const lock = require("./package-lock.json").packages;
    for (const at of Object.keys(lock).filter(p => p && !lock[p].dev).sort()) {
      const info = JSON.parse(fs.readFileSync(at + "/package.json", "utf8"));
      console.log(`\n=== ${info.name} ${info.version} (${info.license}) ===`);
      for (const f of fs.readdirSync(at).filter(f => /^(licen[cs]e|copying)/i.test(f)))
        console.log(fs.readFileSync(at + "/" + f, "utf8").trimEnd());
    }'
} > LICENSES.txt
rm -rf node_modules
ls -l openapi-validator.mjs schemas LICENSES.txt
