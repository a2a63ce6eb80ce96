#!/usr/bin/env bash
# Benchmark (issue 22, Verify): the Umbraco site side by side with the previous engine and nginx, in one run on the
# same machine. Not a test: it prints figures for docs/benchmarks.md. Needs wrk, nginx, curl and bc.
#   - restart to the first 200 on a column page (Release, ReadyToRun): the first start (install + seed) and three restarts
#   - a cached column page: requests/s and p99 for the Umbraco site, the previous engine and nginx (the same HTML)
#   - a page with a form (never cached) and a search: requests/s, p50 and p99
#   - the Umbraco site's RSS when idle after start and after the load
# Usage: bash tests/benchmarks/umbraco-site-bench.sh [seconds per wrk run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
umb_port=5191
old_port=5192
nginx_port=5193
page="/columns/2024-12-15/"
form_page="/acp/"
search="/search?q=%E8%AA%8D%E7%9F%A5%E7%97%87"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v bc >/dev/null || need+=(bc)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

work="$(mktemp -d)"
cleanup() {
  for p in "${umb_pid:-}" "${old_pid:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing both sites (Release, ReadyToRun)..."
dotnet publish src/Zaitaku.Umbraco -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/umb" --nologo -v quiet >/dev/null
dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/old" --nologo -v quiet >/dev/null

# The Umbraco site as production runs it (runtime mode Production, from its own folder), on plain HTTP on loopback:
# Production mode asks for UseHttps, which only marks cookies secure here; PublicUrl is http, so nothing redirects.
start_umb() {
  (cd "$work/umb" && exec env ASPNETCORE_URLS="http://127.0.0.1:$umb_port" ASPNETCORE_ENVIRONMENT=Production \
    Zaitaku__Site__PublicUrl="http://127.0.0.1:$umb_port" AllowedHosts="127.0.0.1" \
    Umbraco__CMS__WebRouting__UseStrictDomainMatching=false \
    Umbraco__CMS__Unattended__UnattendedUserName="管理者" Umbraco__CMS__Unattended__UnattendedUserEmail="bench@example.jp" \
    Umbraco__CMS__Unattended__UnattendedUserPassword="bench-$(date +%s)-passphrase" \
    dotnet "$work/umb/Zaitaku.Umbraco.dll" >>"$work/umb.log" 2>&1) &
  umb_pid=$!
}
start_old() {
  (cd "$work/old" && exec env ASPNETCORE_URLS="http://127.0.0.1:$old_port" ASPNETCORE_ENVIRONMENT=Production \
    Zaitaku__Site__PublicUrl="http://127.0.0.1:$old_port" Zaitaku__DataFolder="$work/old-data" \
    dotnet "$work/old/Zaitaku.Web.dll" >>"$work/old.log" 2>&1) &
  old_pid=$!
}
wait_for() { until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "200" ]; do sleep 0.01; done; }
seconds_to_first_page() { # start-function url -> sets $elapsed
  local t0 t1; t0=$(date +%s.%N); "$1"; wait_for "$2"; t1=$(date +%s.%N)
  elapsed=$(echo "$t1 - $t0" | bc -l | xargs printf '%.2f')
}
stop_umb() { kill "$umb_pid"; wait "$umb_pid" 2>/dev/null || true; umb_pid=""; }

seconds_to_first_page start_umb "http://127.0.0.1:$umb_port$page"; umb_first=$elapsed; stop_umb
umb_cold=()
for _ in 1 2 3; do seconds_to_first_page start_umb "http://127.0.0.1:$umb_port$page"; umb_cold+=("$elapsed"); stop_umb; done
start_umb; wait_for "http://127.0.0.1:$umb_port$page"
start_old; wait_for "http://127.0.0.1:$old_port$page"
sleep 5
umb_process=$(pgrep -f "$work/umb/Zaitaku.Umbraco.dll" | head -1)
rss_idle=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$umb_process/status")

mkdir -p "$work/www$page"
curl -s "http://127.0.0.1:$umb_port$page" > "$work/www${page}index.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$nginx_port; root $work/www; index index.html; access_log $work/nginx-access.log combined buffer=64k flush=1s; }
}
NGINX
nginx -c "$work/nginx.conf"; sleep 0.5

run_wrk() { # url -> "requests/s p50 p99"
  wrk -t2 -c64 -d"${duration}s" --latency "$1" 2>&1 | awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print r, p50, p99}'
}
best_of_two() { # url -> the better of two runs after a 3 s warm-up
  wrk -t2 -c64 -d3s "$1" >/dev/null
  local a b; a=$(run_wrk "$1"); b=$(run_wrk "$1")
  awk -v x="$a" -v y="$b" 'BEGIN{split(x,p," ");split(y,q," "); print (p[1]>=q[1]) ? x : y}'
}
umb_page=$(best_of_two "http://127.0.0.1:$umb_port$page")
old_page=$(best_of_two "http://127.0.0.1:$old_port$page")
nginx_page=$(best_of_two "http://127.0.0.1:$nginx_port$page")
umb_form=$(best_of_two "http://127.0.0.1:$umb_port$form_page")
old_form=$(best_of_two "http://127.0.0.1:$old_port$form_page")
umb_search=$(best_of_two "http://127.0.0.1:$umb_port$search")
old_search=$(best_of_two "http://127.0.0.1:$old_port$search")
rss_after=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$umb_process/status")

ratio() { echo "$1 / $2 * 100" | bc -l | xargs printf '%.0f'; }
row() { read -r r p50 p99 <<<"$2"; printf '| %s | %s | %s | %s |\n' "$1" "$r" "$p50" "$p99"; }
echo
echo "wrk -t2 -c64 -d${duration}s (best of two), $(nproc) cores shared by wrk and the servers; $(date -u +%F)"
echo "| what | requests/s | p50 | p99 |"
echo "|---|---:|---:|---:|"
row "Umbraco site, cached column page $page" "$umb_page"
row "previous engine, cached column page" "$old_page"
row "nginx, the same HTML as a static file" "$nginx_page"
row "Umbraco site, page with a form $form_page" "$umb_form"
row "previous engine, page with a form" "$old_form"
row "Umbraco site, search" "$umb_search"
row "previous engine, search" "$old_search"
echo
echo "Cached page, Umbraco / nginx: $(ratio "${umb_page%% *}" "${nginx_page%% *}")% (goal 90% or more); Umbraco / previous engine: $(ratio "${umb_page%% *}" "${old_page%% *}")%"
echo "Umbraco site: first start (install + seed) ${umb_first}s; restart to the first column page ${umb_cold[*]}s (goal under 5 s)"
echo "Umbraco site RSS: ${rss_idle} MB idle after start, ${rss_after} MB after the load"
