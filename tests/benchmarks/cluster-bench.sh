#!/usr/bin/env bash
# Benchmark: a cached page and a search through nginx with 1, 2 and 3 Zaitaku.Web nodes on one PostgreSQL and one
# Redis, all on this machine, with the shipped deploy/nginx/zaitaku-locations.conf. Not a test: it
# prints figures for docs/scale-out.md. Every node, nginx, Redis, PostgreSQL and wrk share the same
# cores, so read docs/scale-out.md for what the figures can and cannot show.
# Usage: bash tests/benchmarks/cluster-bench.sh [seconds per wrk run, default 10] [connections, default 32]
# ZAITAKU_APP=folder reuses a published app (else it publishes Release, ReadyToRun). Run it on a quiet
# machine: 7 runs of the given length, after the nodes start (about a minute).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
duration="${1:-10}"
connections="${2:-32}"
page="/columns/2024-12-15/"

need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v curl >/dev/null || need+=(curl)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi

work="$(mktemp -d)"
pids=()
database="zaitaku_bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
pg_port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  sleep 1
  as_postgres "psql -q -p $pg_port -c 'DROP DATABASE IF EXISTS $database WITH (FORCE)'" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${ZAITAKU_APP:-}" ]; then app="$ZAITAKU_APP"; else
  echo "Publishing (Release, ReadyToRun)..."
  dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" --nologo -v quiet >/dev/null
  app="$work/app"
fi

# PostgreSQL: a role made up for this run (as tests/run.sh does); the site creates its database.
pg_ctlcluster $cluster start 2>/dev/null || true
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
as_postgres "psql -q -p $pg_port -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zaitaku_bench') THEN CREATE ROLE zaitaku_bench LOGIN CREATEDB; END IF; END \\\$\\\$; ALTER ROLE zaitaku_bench PASSWORD '$password';\"" >/dev/null

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)

ports=()
mkdir -p "$work/media"
for n in 1 2 3; do
  port=$(free_port); ports+=("$port")
  (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl="http://127.0.0.1" \
    Zaitaku__DataFolder="$work/node$n" Zaitaku__Database__Provider=PostgreSql \
    ConnectionStrings__Zaitaku="Host=127.0.0.1;Port=$pg_port;Username=zaitaku_bench;Password=$password;Database=$database" \
    ConnectionStrings__Redis="127.0.0.1:$redis_port" Zaitaku__Media__Folder="$work/media" Zaitaku__Cluster__KnownProxies__0=127.0.0.1 \
    Serilog__MinimumLevel__Default=Warning \
    dotnet "$app/Zaitaku.Web.dll" --urls "http://127.0.0.1:$port" >"$work/node$n.log" 2>&1) &
  pids+=($!)
  # One at a time: the first makes the schema and imports the seed.
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$page" || true)" = "200" ]; do sleep 0.2; done
  echo "node $n ready on port $port"
done

nginx_port=$(free_port)
mkdir -p "$work/nginx/cache" "$work/nginx/logs"
nginx_config() { # $1 = how many nodes
  local servers="" i
  for ((i = 0; i < $1; i++)); do servers+="        server 127.0.0.1:${ports[$i]} max_fails=1 fail_timeout=5s;"$'\n'; done
  cat >"$work/nginx/nginx.conf" <<NGINX
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/client_temp;
    proxy_temp_path $work/nginx/proxy_temp;
    upstream zaitaku {
        least_conn;
$servers        keepalive 32;
    }
    map \$http_cookie \$zaitaku_display {
        default "";
        "~(?:^|;\\s*)zaitaku-display=(?<display>[^;]*)" \$display;
    }
    proxy_cache_path $work/nginx/cache levels=1:2 keys_zone=zaitaku_pages:10m max_size=64m inactive=10m use_temp_path=off;
    server {
        listen 127.0.0.1:$nginx_port;
        include $repo/deploy/nginx/zaitaku-locations.conf;
    }
}
NGINX
}
nginx_config 1
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

# A different query each time: past nginx's micro-cache to a node, whose own output cache ignores the query.
cat >"$work/vary.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/columns/2024-12-15/?n=" .. counter)
end
LUA
# Searches residents type, in turn, each with a counter so nginx's micro-cache never answers: every one
# is run by a node's own index. (Percent-encoded by python3, as a browser sends them.)
queries=$(python3 -c 'import urllib.parse; print(" ".join("\"%s\"," % urllib.parse.quote(q) for q in ["訪問看護", "在宅医療 相談", "介護保険", "ACP", "認知症", "口腔ケア", "みとり", "薬局"]))')
cat >"$work/search.lua" <<LUA
queries = { $queries }
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/search?q=" .. queries[(counter % #queries) + 1] .. "&n=" .. counter)
end
LUA
search_page="/search?q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("訪問看護"))')"

rps() { awk '/Requests\/sec/ {print $2}'; }
latency() { echo "$(awk '$1=="50%" {print $2}' <<<"$1") / $(awk '$1=="99%" {print $2}' <<<"$1")"; }
errors() { grep -E "Non-2xx|Socket errors" <<<"$1" | tr '\n' ' ' || true; }
run() { # $1 = lua script or "", $2 = path; prints the wrk report
  if [ -n "$1" ]; then wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$1" "http://127.0.0.1:$nginx_port/"
  else wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$nginx_port$2"; fi
}
echo
echo "wrk: 2 threads, $connections connections, ${duration} s a run; nginx micro-cache on (as shipped) in every row"
echo
echo "| nodes behind nginx | cached page: requests/s | p50 / p99 | search: requests/s | p50 / p99 | errors |"
echo "|---|---|---|---|---|---|"
for n in 1 2 3; do
  nginx_config "$n"; nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s reload; sleep 1
  wrk -t2 -c"$connections" -d2s -s "$work/vary.lua" "http://127.0.0.1:$nginx_port/" >/dev/null # warm every node
  page_out=$(run "$work/vary.lua")
  search_out=$(run "$work/search.lua")
  echo "| $n | $(rps <<<"$page_out") | $(latency "$page_out") | $(rps <<<"$search_out") | $(latency "$search_out") | $(errors "$page_out")$(errors "$search_out") |"
done
page_out=$(run "" "$page")
search_out=$(run "" "$search_page")
echo "| 3, the same address each time (nginx's micro-cache answers) | $(rps <<<"$page_out") | $(latency "$page_out") | $(rps <<<"$search_out") | $(latency "$search_out") | $(errors "$page_out")$(errors "$search_out") |"
echo
echo "Search answers carry Cache-Control: no-store (what one resident searched is not kept anywhere), so nginx never"
echo "keeps them: in the last row too, every search is run by a node."
echo "X-Cache of the plain page: $(curl -s -o /dev/null -D - "http://127.0.0.1:$nginx_port$page" | awk -F': ' 'tolower($1)=="x-cache" {print $2}' | tr -d '\r'), of the search: $(curl -s -o /dev/null -D - "http://127.0.0.1:$nginx_port$search_page" | awk -F': ' 'tolower($1)=="x-cache" {print $2}' | tr -d '\r')"
