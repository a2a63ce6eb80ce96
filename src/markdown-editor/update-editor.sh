#!/bin/sh
# Rebuilds the backoffice's Markdown editor from npm (needs Node.js and npm; the site itself does not):
#   wwwroot/lib/prosemirror-markdown/zaitaku-editor.min.js  ProseMirror, markdown-it and markdown.js, bundled by esbuild
#   wwwroot/lib/mammoth/mammoth.browser.min.js             mammoth's own browser build (.docx → HTML), loaded only on use
# each with LICENSES.txt holding the licence of every package in it. Change versions in package.json,
# run this, run MarkdownEditorBrowserTests, and commit package.json, package-lock.json and both folders.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
lib="$here/../Zaitaku.Web/wwwroot/lib"
cd "$here"
npm ci --no-audit --no-fund

mkdir -p "$lib/prosemirror-markdown" "$lib/mammoth"
npx esbuild index.js --bundle --minify --format=iife --target=es2019 --legal-comments=none \
  --outfile="$lib/prosemirror-markdown/zaitaku-editor.min.js"
editor_packages=$(node -p 'Object.keys(require("./package.json").dependencies).filter(n => n !== "mammoth").join(" ")')
{
  echo "Licences of the packages bundled in zaitaku-editor.min.js (built by src/markdown-editor/update-editor.sh)."
  # shellcheck disable=SC2086
  node licences.js $editor_packages
} > "$lib/prosemirror-markdown/LICENSES.txt"

cp node_modules/mammoth/mammoth.browser.min.js "$lib/mammoth/"
{
  echo "Licences of mammoth and the packages its browser build (mammoth.browser.min.js) contains."
  node licences.js mammoth
} > "$lib/mammoth/LICENSES.txt"
ls -l "$lib/prosemirror-markdown" "$lib/mammoth"
