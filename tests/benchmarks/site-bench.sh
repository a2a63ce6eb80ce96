#!/usr/bin/env bash
# Benchmark: a cached column page served by Zaitaku.Web, side by side with nginx serving the
# same HTML as a static file, in the same run on the same machine; and cold start to first page.
# Not a test: it prints figures for the README. Needs wrk, nginx and curl (installed if missing).
# Usage: bash tests/benchmarks/site-bench.sh [seconds per wrk run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
app_port=5181
nginx_port=5182
page="/columns/2024-12-15/"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v bc >/dev/null || need+=(bc)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

work="$(mktemp -d)"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing (Release)..."
dotnet publish src/Zaitaku.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

start_app() {
  ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production Zaitaku__DataFolder="$work/data" \
    dotnet "$work/app/Zaitaku.Web.dll" >"$work/app.log" 2>&1 &
  app_pid=$!
}

# Seconds from process start to the first 200 on the column page.
time_to_first_page() {
  local t0 t1
  t0=$(date +%s.%N)
  start_app
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app_port$page" || true)" = "200" ]; do sleep 0.01; done
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l | xargs printf '%.2f'
}

stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

first=$(time_to_first_page); stop_app
cold=()
for _ in 1 2 3; do cold+=("$(time_to_first_page)"); stop_app; done
start_app
until curl -sf -o /dev/null "http://127.0.0.1:$app_port$page"; do sleep 0.05; done

mkdir -p "$work/www$page"
curl -s "http://127.0.0.1:$app_port$page" > "$work/www${page}index.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    index index.html;
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5

run_wrk() { # url -> "requests/s p99"
  wrk -t2 -c64 -d"${duration}s" --latency "$1" 2>&1 | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = $2 }
    END { print rps, p99 }'
}

# Warm both, then measure each twice, alternating, and keep the better run of each.
wrk -t2 -c64 -d2s "http://127.0.0.1:$app_port$page" >/dev/null
wrk -t2 -c64 -d2s "http://127.0.0.1:$nginx_port$page" >/dev/null
best_app="0 -" best_nginx="0 -"
for _ in 1 2; do
  a=$(run_wrk "http://127.0.0.1:$app_port$page"); n=$(run_wrk "http://127.0.0.1:$nginx_port$page")
  awk -v x="$a" -v y="$best_app" 'BEGIN{split(x,a," ");split(y,b," ");exit !(a[1]>b[1])}' && best_app="$a"
  awk -v x="$n" -v y="$best_nginx" 'BEGIN{split(x,a," ");split(y,b," ");exit !(a[1]>b[1])}' && best_nginx="$n"
done
read -r app_rps app_p99 <<<"$best_app"
read -r nginx_rps nginx_p99 <<<"$best_nginx"
ratio=$(echo "$app_rps / $nginx_rps * 100" | bc -l | xargs printf '%.0f')
bytes=$(wc -c < "$work/www${page}index.html")

echo
echo "Column page $page ($bytes bytes), wrk -t2 -c64 -d${duration}s, $(nproc) cores, same machine:"
printf '  %-22s %12s req/s   p99 %s\n' "Zaitaku.Web (cached)" "$app_rps" "$app_p99" "nginx (static file)" "$nginx_rps" "$nginx_p99"
echo "  Zaitaku.Web / nginx: ${ratio}% (target: 60% or more)"
echo "Start to first served column page: first start with seed import ${first}s; cold start ${cold[*]}s (target: under 2 s)"
