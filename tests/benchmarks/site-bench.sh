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
nginx_nolog_port=5183
app_loghits_port=5184
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
  [ -n "${app_loghits_pid:-}" ] && kill "$app_loghits_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing (Release, ReadyToRun, as the README recommends for production)..."
dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/app" --nologo -v quiet >/dev/null

start_app() {
  # Run from the app folder, as a service would (its content root: appsettings.json, wwwroot).
  (cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl="http://127.0.0.1:$app_port" Zaitaku__DataFolder="$work/data" \
    dotnet "$work/app/Zaitaku.Web.dll" >"$work/app.log" 2>&1) &
  app_pid=$!
}

# Sets $elapsed to the seconds from process start to the first 200 on the column page.
# (Not a command substitution: the app must start in this shell so that stop_app can end it.)
time_to_first_page() {
  local t0 t1
  t0=$(date +%s.%N)
  start_app
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app_port$page" || true)" = "200" ]; do sleep 0.01; done
  t1=$(date +%s.%N)
  elapsed=$(echo "$t1 - $t0" | bc -l | xargs printf '%.2f')
}

stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

time_to_first_page; first=$elapsed; stop_app
cold=()
for _ in 1 2 3; do time_to_first_page; cold+=("$elapsed"); stop_app; done
start_app
until curl -sf -o /dev/null "http://127.0.0.1:$app_port$page"; do sleep 0.05; done
# A second instance on the same data that also logs each answer from the output cache (Debug), to show what that costs.
(cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$app_loghits_port" ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl="http://127.0.0.1:$app_loghits_port" Zaitaku__DataFolder="$work/data" \
  Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Debug \
  dotnet "$work/app/Zaitaku.Web.dll" >"$work/app-nolog.log" 2>&1) &
app_loghits_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$app_loghits_port$page"; do sleep 0.05; done

mkdir -p "$work/www$page"
curl -s "http://127.0.0.1:$app_port$page" > "$work/www${page}index.html"
# Two nginx baselines: with an access log (nginx's default, and like Zaitaku.Web, which logs
# every request to its console and file) and without one (the fastest static serving there is).
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    index index.html;
    access_log $work/nginx-access.log combined buffer=64k flush=1s;
  }
  server {
    listen 127.0.0.1:$nginx_nolog_port;
    root $work/www;
    index index.html;
    access_log off;
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

# Warm each, then measure each twice, alternating, and keep the better run of each.
declare -A best
targets=(app app_loghits nginx nginx_nolog)
declare -A urls=([app]="http://127.0.0.1:$app_port$page" [app_loghits]="http://127.0.0.1:$app_loghits_port$page"
  [nginx]="http://127.0.0.1:$nginx_port$page" [nginx_nolog]="http://127.0.0.1:$nginx_nolog_port$page")
for t in "${targets[@]}"; do wrk -t2 -c64 -d3s "${urls[$t]}" >/dev/null; best[$t]="0 -"; done
for _ in 1 2; do
  for t in "${targets[@]}"; do
    r=$(run_wrk "${urls[$t]}")
    awk -v x="$r" -v y="${best[$t]}" 'BEGIN{split(x,a," ");split(y,b," ");exit !(a[1]>b[1])}' && best[$t]="$r"
  done
done
read -r app_rps app_p99 <<<"${best[app]}"
read -r app_loghits_rps app_loghits_p99 <<<"${best[app_loghits]}"
read -r nginx_rps nginx_p99 <<<"${best[nginx]}"
read -r nolog_rps nolog_p99 <<<"${best[nginx_nolog]}"
ratio() { echo "$1 / $2 * 100" | bc -l | xargs printf '%.0f'; }
bytes=$(wc -c < "$work/www${page}index.html")

echo
echo "Column page $page ($bytes bytes), wrk -t2 -c64 -d${duration}s, $(nproc) cores shared by wrk and the server:"
printf '  %-34s %10s req/s   p99 %s\n' \
  "Zaitaku.Web, output cache" "$app_rps" "$app_p99" \
  "  the same, logging every cache hit" "$app_loghits_rps" "$app_loghits_p99" \
  "nginx, static file, access log" "$nginx_rps" "$nginx_p99" \
  "nginx, static file, no access log" "$nolog_rps" "$nolog_p99"
echo "  Zaitaku.Web / nginx with access log: $(ratio "$app_rps" "$nginx_rps")%   / nginx without: $(ratio "$app_rps" "$nolog_rps")%   (target: 60% or more)"
echo "  logging every cache hit:             $(ratio "$app_loghits_rps" "$nginx_rps")%   / nginx without: $(ratio "$app_loghits_rps" "$nolog_rps")%"
echo "Start to first served column page: first start with seed import ${first}s; cold start ${cold[*]}s (target: under 2 s)"
