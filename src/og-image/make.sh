#!/usr/bin/env bash
# Renders og-default.svg to the site's default share image (1200×630 PNG) with Debian's chromium and
# fonts-noto-cjk. Run once after changing the SVG and commit the PNG: the site itself needs neither.
set -euo pipefail
cd "$(dirname "$0")"
out=../Zaitaku.Web/wwwroot/images/og-default.png
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
  --window-size=1200,630 --screenshot="$PWD/$out" "file://$PWD/og-default.svg"
echo "wrote $out"
