#!/usr/bin/env bash
# Runs every test of Zaitaku.Web: unit, integration (WebApplicationFactory) and browser (Chromium).
# Installs what the tests need when it is missing (Debian's chromium, Japanese fonts, aiosmtpd, jing, nodejs, PostgreSQL),
# then prints one closing line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
# A real SMTP server for the mail tests (Debian's python3, not whichever python3 is first on PATH).
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need+=(python3-aiosmtpd)
# External validators for the feeds, JSON-LD and open data tests (tests/Zaitaku.Web.Tests/OpenData/validate.py).
/usr/bin/python3 -c "import feedparser" >/dev/null 2>&1 || need+=(python3-feedparser)
/usr/bin/python3 -c "import lxml" >/dev/null 2>&1 || need+=(python3-lxml)
/usr/bin/python3 -c "import rdflib" >/dev/null 2>&1 || need+=(python3-rdflib)
# Prometheus's own text-format parser, for the metrics scrape test.
/usr/bin/python3 -c "import prometheus_client" >/dev/null 2>&1 || need+=(python3-prometheus-client)
# An independent iCalendar parser that checks the site's .ics files (Debian's python3, as above).
/usr/bin/python3 -c "import icalendar" >/dev/null 2>&1 || need+=(python3-icalendar)
# RFC 4287's RELAX NG schema for the Atom feeds is checked with jing, which reads the compact syntax (FeedTests).
[ -x /usr/bin/jing ] || need+=(jing)
# Node.js runs the OpenAPI validator vendored in tests/openapi-validator (DeliveryApiTests).
command -v node >/dev/null || need+=(nodejs)
# The cluster test (tests/Zaitaku.Web.Tests/Cluster) runs Redis and nginx as processes, and loads them with wrk.
[ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/bin/wrk ] || need+=(wrk)
# MeCab and its IPA dictionary give the readings for ふりがな and search by reading.
dpkg -s libmecab2 >/dev/null 2>&1 || need+=(libmecab2)
dpkg -s mecab-ipadic-utf8 >/dev/null 2>&1 || need+=(mecab-ipadic-utf8)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} with apt-get..."
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PostgreSQL on 127.0.0.1 for the tests that run the site on it; a throwaway role with a password
# made up for this run (nothing secret is kept in the repository).
command -v pg_ctlcluster >/dev/null || {
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
pg_ctlcluster $cluster start 2>/dev/null || true
pg_port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
sql=$(mktemp); chmod 644 "$sql"
cat > "$sql" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zaitaku_test') THEN CREATE ROLE zaitaku_test LOGIN CREATEDB; END IF;
END \$\$;
ALTER ROLE zaitaku_test PASSWORD '$pg_password';
SQL
if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -q -p $pg_port -f $sql" >/dev/null; else sudo -u postgres psql -q -p "$pg_port" -f "$sql" >/dev/null; fi
rm -f "$sql"
export ZAITAKU_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=zaitaku_test;Password=$pg_password;Database=postgres"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Zaitaku.Web.sln --logger "trx" --results-directory "$results" || status=$?

# dotnet test prints a summary per project; add them up from the TRX files into one line.
sum_counters() {
  local passed=0 failed=0 total=0 f counters
  for f in "$results"/*.trx; do
    [ -e "$f" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
    total=$((total + $(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")))
  done
  echo "$passed $failed $total"
}
read -r passed failed total < <(sum_counters)
if [ "$total" -eq 0 ]; then
  echo "No test ran."
  status=1
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
