#!/usr/bin/env bash
# Image bombs within the limits (issue 11, item 4): the site's peak RSS while it takes the largest
# PNG and JPEG the default limits allow, one alone and three at once, and while it refuses the
# 60-megapixel PNG that cost half a gigabyte before. Not a test: it prints figures for the README.
# Usage: bash tests/benchmarks/bomb-bench.sh [path to a built Zaitaku.Web.dll]
# Without an argument the site is published (Release, ReadyToRun) as media-bench.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=5182
admin="bench@example.jp"
password="koriyama no kingyo wa hayaku oyogu"
work="$(mktemp -d)"
cleanup() { [ -n "${site_pid:-}" ] && kill "$site_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet run tests/benchmarks/bomb-images.cs -- "$work"
dll="${1:-}"
if [ -z "$dll" ]; then
  dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" --nologo -v quiet >/dev/null
  dll="$work/app/Zaitaku.Web.dll"
fi
base="http://127.0.0.1:$port"
(cd "$(dirname "$dll")" && exec env ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
  Zaitaku__DataFolder="$work/data" Zaitaku__Backoffice__RequireHttps=false \
  Zaitaku__Backoffice__Unattended__Email="$admin" Zaitaku__Backoffice__Unattended__Password="$password" \
  dotnet "$dll" >>"$work/app.log" 2>&1) &
until curl -sf -o /dev/null "$base/"; do sleep 0.2; done
site_pid=$(pgrep -f "dotnet $dll" -n)
rss() { awk "/^$1:/ { printf \"%d\", \$2 / 1024 }" "/proc/$site_pid/status"; }
reset_peak() { echo 5 > "/proc/$site_pid/clear_refs"; }
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }

jar="$work/cookies"
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$admin" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$t" "$base/umbraco/login"
folder=$(curl -s -b "$jar" "$base/umbraco/media" | grep -o 'folder=[0-9]*">共有' | sed 's/folder=//; s/">.*//')
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/media?folder=$folder" | token)
upload() { curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "Folder=$folder" -F "AltText=試験の画像" \
  -F "__RequestVerificationToken=$t" -F "file=@$work/$1;type=$2" "$base/umbraco/media/upload"; }

sleep 2
echo "idle: $(rss VmRSS) MB (load: $(cut -d' ' -f1-3 /proc/loadavg))"
for case in "png-60mp.png image/png" "png-20mp.png image/png" "jpeg-40mp.jpg image/jpeg"; do
  set -- $case
  reset_peak; code=$(upload "$1" "$2"); echo "one $1: HTTP $code, peak $(rss VmHWM) MB, after $(rss VmRSS) MB"
  reset_peak
  codes=$( ( (upload "$1" "$2"; echo) & (upload "$1" "$2"; echo) & (upload "$1" "$2"; echo) & wait) | tr '\n' ' ')
  echo "three $1 at once: HTTP $codes, peak $(rss VmHWM) MB, after $(rss VmRSS) MB"
done
