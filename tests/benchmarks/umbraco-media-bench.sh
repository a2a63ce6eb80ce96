#!/usr/bin/env bash
# Memory of image uploads on the Umbraco site (issue 22, item 7): the site's peak RSS while it takes the worst-case
# images the limits allow, one alone and three at once, through the Management API as the backoffice sends them
# (temporary file, then media create). Not a test: it prints figures for docs/benchmarks.md.
# The site is built from a commit (default HEAD), so a "before" and an "after" can be measured side by side:
# Usage: bash tests/benchmarks/umbraco-media-bench.sh [git ref, default HEAD] [port, default 5431]
set -euo pipefail
cd "$(dirname "$0")/../.."
ref="${1:-HEAD}"
port="${2:-5431}"
email="bench@example.jp"
password="koriyama-no-kingyo-9"
work="$(mktemp -d)"
cleanup() {
  [ -n "${site_pid:-}" ] && kill "$site_pid" 2>/dev/null || true
  cp "$work/app.log" "/tmp/umbraco-media-bench-$port.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
command -v jpegtran >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjpeg-turbo-progs >/dev/null; }

mkdir -p "$work/images"
dotnet run tests/benchmarks/bomb-images.cs -- "$work/images"
# The issue's case: a camera's 40 MP photo saved as progressive JPEG (decoded through a whole-image coefficient buffer).
jpegtran -progressive -copy none -outfile "$work/images/jpeg-40mp-progressive.jpg" "$work/images/jpeg-40mp.jpg"

# The published site is kept per commit in $BENCH_CACHE (a publish takes minutes on the 2-core machine); each run
# starts from a copy of it, so the database and media are always new.
sha=$(git rev-parse --short "$ref")
cache="${BENCH_CACHE:-/tmp/zaitaku-media-bench}/$sha"
if [ ! -f "$cache/app/Zaitaku.Umbraco.dll" ]; then
  rm -rf "$cache" && mkdir -p "$cache/src"
  git archive "$ref" | tar -x -C "$cache/src"
  dotnet publish "$cache/src/src/Zaitaku.Umbraco" -c Release -o "$cache/app" --nologo -v quiet >/dev/null
fi
echo "site built from $sha"
cp -r "$cache/app" "$work/app"
base="http://127.0.0.1:$port"
# Plain HTTP on loopback: Umbraco's Production runtime mode would insist on HTTPS and a configured application URL.
(cd "$work/app" && exec env ASPNETCORE_URLS="$base" Umbraco__CMS__Global__UseHttps=false Umbraco__CMS__Runtime__Mode=Development \
  Umbraco__CMS__Unattended__UnattendedUserName=ベンチ Umbraco__CMS__Unattended__UnattendedUserEmail="$email" \
  Umbraco__CMS__Unattended__UnattendedUserPassword="$password" \
  dotnet "$work/app/Zaitaku.Umbraco.dll" >>"$work/app.log" 2>&1) &
site_pid=""
for _ in $(seq 600); do
  # Any answer will do (the seed's home page may be 404 on 127.0.0.1 with strict domain matching).
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/umbraco" || true)" != "000" ] && break
  sleep 0.5
done
site_pid=$(pgrep -f "dotnet $work/app/Zaitaku.Umbraco.dll" -n)
echo "site pid $site_pid, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run tests/benchmarks/umbraco-media-client.cs -- "$base" "$site_pid" "$work/images" "$email" "$password"
