#!/usr/bin/env bash
# Benchmark: a 12-megapixel JPEG turned into an 800px-wide WebP by Zaitaku.Web, side by side with
# vipsthumbnail (libvips) and ImageMagick in the same run; then a cached derivative served by the
# site side by side with nginx serving the same file. Not a test: it prints figures for the README.
# Usage: bash tests/benchmarks/media-bench.sh [rounds, default 5] [seconds per wrk run, default 10]
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
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
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
# The stored image keeps all 4000 pixels, so each derivative starts from the 12-megapixel original as vips does.
(cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production \
  Zaitaku__DataFolder="$work/data" Zaitaku__Backoffice__RequireHttps=false Zaitaku__Media__StoredLongSide=4000 \
  Zaitaku__Backoffice__Unattended__Email="$admin" Zaitaku__Backoffice__Unattended__Password="$password" \
  dotnet "$work/app/Zaitaku.Web.dll" >"$work/app.log" 2>&1) &
app_pid=$!
base="http://127.0.0.1:$app_port"
until curl -sf -o /dev/null "$base/"; do sleep 0.1; done
site_pid=$(pgrep -f "$work/app/Zaitaku.Web.dll" | head -n1)
rss() { awk "/^$1:/ { printf \"%d\", \$2 / 1024 }" "/proc/$site_pid/status"; }
idle_rss=$(rss VmRSS)

jar="$work/cookies"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$admin" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$t" "$base/umbraco/login"
folder=$(curl -s -b "$jar" "$base/umbraco/media" | grep -o 'folder=[0-9]*">共有' | sed 's/folder=//; s/">.*//')
t=$(curl -s -c "$jar" -b "$jar" "$base/umbraco/media?folder=$folder" | token)
edit=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -F "Folder=$folder" -F "AltText=ベンチマークの写真" \
  -F "__RequestVerificationToken=$t" -F "file=@$work/photo.jpg;type=image/jpeg" "$base/umbraco/media/upload")
url=$(curl -s -b "$jar" "$edit" | grep -o 'href="/media/[0-9a-f]*/[0-9]*/[^"]*"' | head -n1 | sed 's/href="//; s/"$//')
[ -n "$url" ] || { echo "The upload failed; see $work/app.log"; exit 1; }

echo "Zaitaku.Web (first request for the derivative, disk cache emptied before each):"
site=$(for _ in $(seq "$rounds"); do
  rm -rf "$work/data/media-cache"
  curl -s -o "$work/site.webp" -w '%{time_total}\n' "$base$url?width=800&format=webp" | awk -v m="$(rss VmHWM)" '{ print $1, m }'
done | summarize)
echo "  $site (peak RSS of the whole site process since start, upload included; idle ${idle_rss} MB)"

echo "Cached derivative: Zaitaku.Web vs nginx serving the same file (wrk -t2 -c64 -d${duration}s)..."
mkdir -p "$work/www"
cp "$(find "$work/data/media-cache" -name '*.webp' | head -n1)" "$work/www/photo.webp"
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { image/webp webp; }
  server { listen 127.0.0.1:$nginx_port; root $work/www; add_header Cache-Control "public, max-age=31536000, immutable"; }
}
EOF
nginx -c "$work/nginx.conf"
wrk_rate() { wrk -t2 -c64 -d"${duration}s" "$1" | awk '/Requests\/sec/ { printf "%d", $2 }'; }
wrk -t2 -c64 -d2s "$base$url?width=800&format=webp" >/dev/null
site_rate=$(wrk_rate "$base$url?width=800&format=webp")
nginx_rate=$(wrk_rate "http://127.0.0.1:$nginx_port/photo.webp")

echo
echo "| what | time (median of $rounds) | peak memory |"
echo "|---|---:|---:|"
echo "| vipsthumbnail 12 MP JPEG → 800px WebP | ${vips% s median*} s | ${vips##*, } |" | sed 's/ peak//'
echo "| ImageMagick, same | ${im% s median*} s | ${im##*, } |" | sed 's/ peak//'
echo "| Zaitaku.Web, same (HTTP request, uncached) | ${site% s median*} s | ${site##*, } |" | sed 's/ peak//'
echo
echo "| cached 800px WebP | req/s |"
echo "|---|---:|"
echo "| Zaitaku.Web | $site_rate |"
echo "| nginx | $nginx_rate |"
echo "Zaitaku.Web serves $(echo "100 * $site_rate / $nginx_rate" | bc)% of nginx's requests per second."
