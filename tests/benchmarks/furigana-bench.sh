#!/usr/bin/env bash
# ふりがな benchmark (not a test). Starts the site (Release) on a fresh data folder, saves the seed's
# longest page (/about/activities-r6/) as HTML and times its first and cached answers with ふりがな on;
# reads from the site's log how long the search index rebuild at start took with readings, and again
# on a second start with MeCab's dictionary pointed nowhere (no readings); then runs FuriganaBench.
# Usage: bash tests/benchmarks/furigana-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
page="/about/activities-r6/"
work=$(mktemp -d)
trap 'kill $site 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build -c Release src/Zaitaku.Web >/dev/null
dotnet build -c Release tests/benchmarks/FuriganaBench >/dev/null

start_site() { # $1: data folder, $2: MeCab dictionary setting
  Zaitaku__DataFolder="$1" Zaitaku__Reading__MecabDictionary="$2" Zaitaku__Site__PublicUrl="$url" \
    dotnet src/Zaitaku.Web/bin/Release/net10.0/Zaitaku.Web.dll --contentRoot "$PWD/src/Zaitaku.Web/bin/Release/net10.0" --urls "$url" >"$1.log" 2>&1 &
  site=$!
  until curl -sf -o /dev/null "$url$page"; do kill -0 $site || { tail -5 "$1.log"; exit 1; }; sleep 0.5; done
  until grep -q "Search index rebuilt" "$1.log"; do sleep 0.5; done
}
time_get() { curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $1" "$url$page"; }

start_site "$work/with" ""
curl -s "$url$page" >"$work/page.html"
echo "page without ふりがな (output cache): $(time_get x=y) s"
echo "page with ふりがな, first answer (rendered, MeCab runs): $(time_get zaitaku-furigana=on) s"
echo "page with ふりがな, second answer (output cache): $(time_get zaitaku-furigana=on) s"
echo "search index rebuild at start, with readings: $(grep -o 'Search index rebuilt.*' "$work/with.log" | head -1)"
kill $site; wait $site 2>/dev/null || true
start_site "$work/without" "/nonexistent"
echo "search index rebuild at start, without readings: $(grep -o 'Search index rebuilt.*' "$work/without.log" | head -1)"
kill $site; wait $site 2>/dev/null || true
dotnet tests/benchmarks/FuriganaBench/bin/Release/net10.0/FuriganaBench.dll "$work/page.html"
