#!/usr/bin/env bash
# Prints the わたしノート sample pages (full.html, summary.html) to PDF with Debian's Chromium, into
# content-seed/media/, where the seed importer copies them from. The PDFs are committed; run this
# again only after changing the pages here.
#
# Needs Debian's chromium, fonts-noto-cjk and python3-fonttools
# (apt-get install chromium fonts-noto-cjk python3-fonttools). make-font.py first writes TrueType
# copies of Noto Sans CJK JP cut down to the characters the pages use, because Chromium draws the
# installed CFF font as Type 3 glyphs instead of embedding it; with the TrueType copies the PDF
# embeds a subset of the font (FontFile2) and its text can be searched and copied.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
media="$(cd "$here/../.." && pwd)/media"
chromium=/usr/bin/chromium

[ -x "$chromium" ] || { echo "$chromium がありません（apt-get install chromium）" >&2; exit 1; }
/usr/bin/python3 -c "import fontTools" 2>/dev/null \
  || { echo "fontTools がありません（apt-get install python3-fonttools）" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here"/*.html "$here"/sample.css "$work/"
/usr/bin/python3 "$here/make-font.py" "$work/fonts" "$here"/*.html
mkdir -p "$media"

print() { # print <page>.html <output>.pdf
  rm -f "$media/$2"
  "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --no-first-run --disable-extensions \
    --print-to-pdf="$media/$2" "file://$work/$1" 2>/dev/null
  [ -s "$media/$2" ] || { echo "$2 を作れませんでした" >&2; exit 1; }
  # Type 3 glyphs mean the TrueType copy was not used (the font file did not load).
  if grep -aq "/Type3" "$media/$2" || ! grep -aq "/FontFile2" "$media/$2"; then
    echo "$2: フォントが埋め込まれていません" >&2; exit 1
  fi
  echo "content-seed/media/$2: $(wc -c < "$media/$2") bytes"
}

print full.html watashi-note-sample.pdf
print summary.html watashi-note-summary-sample.pdf
