#!/usr/bin/env bash
# Benchmark: a 12-megapixel JPEG turned into an 800px-wide WebP by Zaitaku.Web, side by side with
# vipsthumbnail (libvips) and ImageMagick in the same run; then a cached derivative served by the
# site side by side with nginx serving the same file. Not a test: it prints figures for the README.
# Usage: bash tests/benchmarks/media-bench.sh [rounds, default 5] [seconds per wrk run, default 10]
# Memory is the site process's RSS: at idle, its peak during the 12 MP upload, and its peak during
# each derivative request alone (VmHWM reset before it). The wrk runs alternate site, nginx, site,
# nginx ... (rounds pairs), so each ratio compares the two under the same load on a shared machine;
# the server's CPU time per request is printed beside them, a steadier figure than requests/s here.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
duration="${2:-10}"
app_port=5191
nginx_port=5192
admin="bench@example.jp"
password="koriyama no kingyo wa hayaku oyogu"

need=()
command -v vipsthumbnail >/dev/null || need+=(libvips-tools)
# Debian's ImageMagick by its path: another "convert" may come first on PATH.
[ -x /usr/bin/convert ] || [ -x /usr/bin/magick ] || need+=(imagemagick)
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v bc >/dev/null || need+=(bc)
command -v curl >/dev/null || need+=(curl)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
magick_cmd=$([ -x /usr/bin/magick ] && echo /usr/bin/magick || echo /usr/bin/convert)

work="$(mktemp -d)"
cleanup() {
  [ -n "${site_pid:-}" ] && kill "$site_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Making a 12-megapixel test photo (4000x3000 JPEG)..."
"$magick_cmd" -size 4000x3000 plasma:fractal -blur 0x1 -quality 90 "$work/photo.jpg"

# Prints "seconds maxRSS-MB" of one run of a command.
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n1 | awk '{ printf "%.3f %.0f\n", $1, $2 / 1024 }'; }
# Median of the first column and the largest second column of lines on stdin.
summarize() { sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.3f s median, %d MB peak\n", t[int((NR + 1) / 2)], m }'; }

echo "vipsthumbnail:"
vips=$(for _ in $(seq "$rounds"); do measure vipsthumbnail "$work/photo.jpg" -s 800 -o "$work/vips.webp[Q=80]"; done | summarize)
echo "  $vips"
echo "ImageMagick:"
im=$(for _ in $(seq "$rounds"); do measure "$magick_cmd" "$work/photo.jpg" -resize 800x -quality 80 "$work/im.webp"; done | summarize)
echo "  $im"

echo "Publishing Zaitaku.Web (Release, ReadyToRun)..."
dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/app" --nologo -v quiet >/dev/null
base="http://127.0.0.1:$app_port"
# Starts the site on $work/data with any extra settings given; sets $site_pid. The stored image keeps
# all 4000 pixels, so each derivative starts from the 12-megapixel original as vips does.
start_site() {
  (cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl="http://127.0.0.1:$app_port" \
    Zaitaku__DataFolder="$work/data" Zaitaku__Backoffice__RequireHttps=false Zaitaku__Media__StoredLongSide=4000 \
    Zaitaku__Backoffice__Unattended__Email="$admin" Zaitaku__Backoffice__Unattended__Password="$password" "$@" \
    dotnet "$work/app/Zaitaku.Web.dll" >>"$work/app.log" 2>&1) &
  until curl -sf -o /dev/null "$base/"; do sleep 0.1; done
  site_pid=$(pgrep -f "$work/app/Zaitaku.Web.dll" | head -n1)
}
stop_site() { kill "$site_pid"; while kill -0 "$site_pid" 2>/dev/null; do sleep 0.1; done; site_pid=""; }
rss() { awk "/^$1:/ { printf \"%d\", \$2 / 1024 }" "/proc/$site_pid/status"; }
# VmHWM is the peak RSS since the last reset, so each step gets a peak of its own.
reset_peak() { echo 5 > "/proc/$site_pid/clear_refs"; }

# First start (creates the database, imports the seed), with the memory cache of media files off so
# that every timed request renders from the stored image.
start_site Zaitaku__Media__MemoryCacheBytes=0
sleep 1
idle_rss=$(rss VmRSS)
jar="$work/cookies"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$admin" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$t" "$base/umbraco/login"
folder=$(curl -s -b "$jar" "$base/umbraco/media" | grep -o 'folder=[0-9]*">共有' | sed 's/folder=//; s/">.*//')
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/media?folder=$folder" | token)
reset_peak
edit=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -F "Folder=$folder" -F "AltText=ベンチマークの写真" \
  -F "__RequestVerificationToken=$t" -F "file=@$work/photo.jpg;type=image/jpeg" "$base/umbraco/media/upload")
upload_peak=$(rss VmHWM)
url=$(curl -s -b "$jar" "$edit" | grep -o 'href="/media/[0-9a-f]*/[0-9]*/[^"]*"' | head -n1 | sed 's/href="//; s/"$//')
[ -n "$url" ] || { echo "The upload failed; see $work/app.log"; exit 1; }

echo "Zaitaku.Web (first request for the derivative, disk cache emptied before each):"
site=$(for _ in $(seq "$rounds"); do
  rm -rf "$work/data/media-cache"
  reset_peak
  seconds=$(curl -s -o "$work/site.webp" -w '%{time_total}' "$base$url?width=800&format=webp")
  echo "$seconds $(rss VmHWM)"
done | summarize)
echo "  $site (peak RSS during the request; idle after the first start ${idle_rss} MB; the 12 MP upload peaked at ${upload_peak} MB)"

# As in production: the site restarted with its default settings (memory cache on).
stop_site
start_site
sleep 1
restart_idle=$(rss VmRSS)

echo "Cached derivative: Zaitaku.Web vs nginx serving the same file (wrk -t2 -c64 -d${duration}s, alternating, $rounds pairs)..."
mkdir -p "$work/www"
cp "$(find "$work/data/media-cache" -name '*.webp' | head -n1)" "$work/www/photo.webp"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { image/webp webp; }
  server { listen 127.0.0.1:$nginx_port; root $work/www; add_header Cache-Control "public, max-age=31536000, immutable"; }
}
NGINX
nginx -c "$work/nginx.conf"
until [ -s "$work/nginx.pid" ]; do sleep 0.1; done
nginx_pids="$(cat "$work/nginx.pid") $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')"
cpu_ticks() { local s=0 p; for p in $1; do s=$((s + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$s"; }
# Prints "requests/s CPU-microseconds-per-request" of one wrk run against $2; $1 holds the server's pids.
wrk_run() {
  local before after out
  before=$(cpu_ticks "$1")
  out=$(wrk -t2 -c64 -d"${duration}s" "$2")
  after=$(cpu_ticks "$1")
  echo "$out" | awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { r = $2 } END { printf "%d %d\n", r, t * 1000000 / hz / n }'
}
site_url="$base$url?width=800&format=webp"
nginx_url="http://127.0.0.1:$nginx_port/photo.webp"
wrk -t2 -c64 -d3s "$site_url" >/dev/null
wrk -t2 -c64 -d3s "$nginx_url" >/dev/null
pairs=$(for _ in $(seq "$rounds"); do
  echo "$(wrk_run "$site_pid" "$site_url") $(wrk_run "$nginx_pids" "$nginx_url")" | awk '{ printf "%d %d %d %d %.0f\n", $1, $2, $3, $4, 100 * $1 / $3 }'
done)
echo "$pairs" | awk '{ printf "  site %6d req/s (%3d µs CPU/request)   nginx %6d req/s (%3d µs)   %3d%%\n", $1, $2, $3, $4, $5 }'
column_median() { cut -d' ' -f"$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo
echo "| what | time (median of $rounds) | peak memory |"
echo "|---|---:|---:|"
echo "| vipsthumbnail 12 MP JPEG → 800px WebP | ${vips% s median*} s | ${vips##*, } |" | sed 's/ peak//'
echo "| ImageMagick, same | ${im% s median*} s | ${im##*, } |" | sed 's/ peak//'
echo "| Zaitaku.Web, same (HTTP request, uncached) | ${site% s median*} s | ${site##*, } |" | sed 's/ peak//'
echo "Zaitaku.Web RSS: idle ${idle_rss} MB after the first start, ${restart_idle} MB after a restart; peak during the 12 MP upload ${upload_peak} MB."
echo
echo "| cached 800px WebP (median of $rounds alternating runs) | req/s | server CPU per request |"
echo "|---|---:|---:|"
echo "| Zaitaku.Web | $(echo "$pairs" | column_median 1) | $(echo "$pairs" | column_median 2) µs |"
echo "| nginx | $(echo "$pairs" | column_median 3) | $(echo "$pairs" | column_median 4) µs |"
echo "Zaitaku.Web serves $(echo "$pairs" | column_median 5)% of nginx's requests per second (median of the pair ratios; range $(echo "$pairs" | cut -d' ' -f5 | sort -n | head -n1)–$(echo "$pairs" | cut -d' ' -f5 | sort -n | tail -n1)%)."
