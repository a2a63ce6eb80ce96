#!/usr/bin/env bash
# Benchmark: the Delivery API's column list (JSON) side by side with the same list as the HTML page
# /columns/, both answered from the output cache by one running site, in alternating wrk runs so the
# two share the machine's load. Not a test: it prints figures for the README.
# Usage: bash tests/benchmarks/delivery-bench.sh [path to a built Zaitaku.Web.dll] [seconds per run, default 5] [rounds, default 3]
# Without a dll the site is published (Release, ReadyToRun) as site-bench.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."
dll="${1:-}"; duration="${2:-5}"; rounds="${3:-3}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work="$(mktemp -d)"
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "$dll" ]; then
  dotnet publish src/Zaitaku.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" --nologo -v quiet >/dev/null
  dll="$work/app/Zaitaku.Web.dll"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# The rate limit is raised for the run: wrk is one address asking thousands of times a second.
(cd "$(dirname "$dll")" && exec env ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl="$base" \
  Zaitaku__DataFolder="$work/data" Zaitaku__Delivery__RequestsPerAddress=100000000 dotnet "$dll" >"$work/app.log" 2>&1) &
app_pid=$!
until curl -sf -o /dev/null "$base/columns/"; do sleep 0.2; done
api="/umbraco/delivery/api/v2/content?filter=contentType:column&sort=publishDate:desc&take=20"
html="/columns/"
echo "bytes: API $(curl -s "$base$api" | wc -c), HTML $(curl -s "$base$html" | wc -c) (both list the 9 seeded columns)"
run() { wrk -t2 -c16 -d"${duration}s" --latency "$base$1" | awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {printf "%s requests/s, p99 %s", rps, p99}'; }
for _ in $(seq 1 "$rounds"); do
  echo "API  (JSON): $(run "$api")"
  echo "page (HTML): $(run "$html")"
done
