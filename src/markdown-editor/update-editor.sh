#!/bin/sh
# Rebuilds the backoffice's Markdown editor bundle from npm (needs Node.js and npm; the site itself
# does not). Change versions in package.json, run this, check the round-trip test
# (MarkdownEditorBrowserTests) and commit package.json, package-lock.json and the output folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../Zaitaku.Web/wwwroot/lib/prosemirror-markdown"
cd "$here"
npm ci --no-audit --no-fund
mkdir -p "$out"
npx esbuild index.js --bundle --minify --format=iife --target=es2019 --legal-comments=none \
  --outfile="$out/zaitaku-editor.min.js"
# Every bundled package's licence, named, beside the bundle
{
  echo "Licences of the packages bundled in zaitaku-editor.min.js (built by src/markdown-editor/update-editor.sh)."
  for dir in $(node -e 'const l=require("./package-lock.json").packages;for(const p in l)if(p&&!l[p].dev)console.log(p)'); do
    name=$(node -p "require('./$dir/package.json').name + ' ' + require('./$dir/package.json').version + ' (' + require('./$dir/package.json').license + ')'")
    echo
    echo "=== $name ==="
    for f in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/license*; do
      [ -f "$f" ] && cat "$f"
    done
  done
} > "$out/LICENSES.txt"
ls -l "$out"
