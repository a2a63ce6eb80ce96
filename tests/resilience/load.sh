#!/usr/bin/env bash
# Load: wrk with 256 connections over a mix of cached pages, uncached pages with forms, searches and
# image derivatives, against the site published as production runs it (Release, ReadyToRun).
# Prints requests/s, latency percentiles, errors of any kind, the site's RSS at start, every minute
# and at the end, and the live managed heap after a full GC at start and end: a leak shows as a heap
# that grows, where RSS alone also grows while the GC sizes itself to the load.
# Usage: bash tests/resilience/load.sh [duration, default 10m] [connections, default 256]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10m}"
connections="${2:-256}"
port="${ZAITAKU_LOAD_PORT:-5186}"
base="http://127.0.0.1:$port"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "${rss_pid:-}" ] && kill "$rss_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# ZAITAKU_LOAD_APP: an app folder already published this way, to skip publishing on a second run.
app="${ZAITAKU_LOAD_APP:-$work/app}"
if [ -z "${ZAITAKU_LOAD_APP:-}" ]; then
  echo "Publishing (Release, ReadyToRun)..."
  dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$app" --nologo -v quiet >/dev/null
fi

password="fuka-shiken-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
(cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production Zaitaku__DataFolder="$work/data" Zaitaku__Site__PublicUrl="$base" \
  Zaitaku__Backoffice__RequireHttps=false Zaitaku__Backoffice__Unattended__Email=load@example.jp \
  Zaitaku__Backoffice__Unattended__Password="$password" \
  dotnet Zaitaku.Web.dll --urls "$base" >"$work/app.log" 2>&1) &
app_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/" || true)" = "200" ]; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.2
done
# The dotnet host is the process itself (exec above), so its RSS is the site's.
site_pid=$(pgrep -f -n "Zaitaku.Web.dll --urls $base" || echo "$app_pid")

# One photo in the library, uploaded as an editor would, for the image requests.
jar="$work/cookies"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/login" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Email=load@example.jp" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$t" "$base/umbraco/login"
folder=$(curl -s -b "$jar" "$base/umbraco/media" | { grep -o 'href="/umbraco/media?folder=[0-9]*">共有<' || true; } | grep -o '[0-9]\+' | head -n1 || true)
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco" | token)
# A 2400×1600 PNG drawn with the standard library alone (a colour gradient with a pattern, so it does not compress to nothing).
python3 - "$work/photo.png" <<'PY'
import struct, sys, zlib
w, h = 2400, 1600
rows = b"".join(b"\0" + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, (x ^ y) & 255)) for y in range(h))
chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
PY
item=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -F "file=@$work/photo.png;type=image/png" \
  -F "Folder=$folder" -F "AltText=負荷試験の写真" -F "__RequestVerificationToken=$t" "$base/umbraco/media/upload")
image=$(curl -s -b "$jar" "$item" | grep -o '/media/[0-9a-f]\{32\}/[0-9]\+/[^"?<]*' | head -n1)
[ -n "$image" ] || { echo "The photo could not be uploaded (folder '$folder', item '$item')"; tail -20 "$work/app.log"; exit 1; }
echo "Image: $image"

# The mix: 5 cached pages, 3 uncached pages that carry a form (a per-visitor token), 3 searches, 3 derivatives.
cat > "$work/mix.lua" <<LUA
local paths = {
  "/", "/columns/", "/columns/2024-12-15/", "/acp/", "/soudan/",
  "/acp/kouenkai/", "/contact/", "/watashi-note/",
  "/search?q=%E8%AA%8D%E7%9F%A5%E7%97%87", "/search?q=%E3%82%B1%E3%82%A2%E3%83%9E%E3%83%8D", "/search?q=ACP%20%E7%9B%B8%E8%AB%87",
  "$image?width=320", "$image?width=800", "$image?width=480&format=jpeg",
}
local counter = 0
wrk.headers["Accept"] = "text/html,image/webp,*/*"
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.0f s: %.0f/s\n", summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, status 4xx/5xx %d\n", e.connect, e.read, e.write, e.timeout, e.status))
end
LUA

rss() { awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$site_pid/status"; }
# RSS alone cannot tell a leak from the GC keeping free space for the next burst: the managed heap
# after a full collection (dotnet-gcdump forces one and counts what is still reachable) can. The tool
# comes from the NuGet feed into this run's folder; without it the run goes on with RSS alone.
gcdump="$work/tools/dotnet-gcdump"
dotnet tool install --tool-path "$work/tools" dotnet-gcdump --version 10.0.750501 >/dev/null 2>&1 || gcdump=""
live_heap() {
  [ -n "$gcdump" ] || { echo "unknown (dotnet-gcdump could not be installed)"; return; }
  "$gcdump" collect -p "$site_pid" -o "$work/heap.gcdump" >/dev/null 2>&1 &&
    "$gcdump" report "$work/heap.gcdump" 2>/dev/null | awk '/GC Heap bytes/ {gsub(",", "", $1); printf "%.1f MB", $1 / 1048576}'
  rm -f "$work/heap.gcdump"
}
# A short warm-up, so the start figure is the site in service rather than just started.
wrk -t2 -c32 -d10s --timeout 10s -s "$work/mix.lua" "$base" >/dev/null
echo "Live managed heap after a full GC, at start: $(live_heap)"
echo "RSS at start: $(rss)"
( while sleep 60; do echo "RSS after another minute: $(rss)"; done ) &
rss_pid=$!
wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s "$work/mix.lua" "$base"
kill "$rss_pid" 2>/dev/null || true; rss_pid=""
echo "RSS at end: $(rss)"
echo "Live managed heap after a full GC, at end: $(live_heap)"
echo "RSS after that full GC: $(rss)"
echo "Site errors logged: $(grep -c '\[ERR\]' "$work/app.log" || true)"
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
