#!/usr/bin/env bash
# Backup and restore figures (docs/operations.md): the seed site, then the same site with 10,000
# generated pages. Uses the built Zaitaku.Web.dll; everything happens in a scratch folder.
# Usage: bash tests/benchmarks/backup-bench.sh [pages]
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${1:-10000}
app=$(dirname "$(ls src/Zaitaku.Web/bin/*/net10.0/Zaitaku.Web.dll | head -n1)")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() { # data folder, command...
  local folder=$1; shift
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Zaitaku__Site__PublicUrl=http://127.0.0.1 Zaitaku__DataFolder="$folder" \
    Serilog__MinimumLevel__Default=Warning dotnet Zaitaku.Web.dll "$@")
}
measure() { # label, data folder, command...
  local label=$1; shift
  local start=$(date +%s.%N)
  run "$@" >/dev/null
  printf '%-34s %6.1f s\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)"
}
# The seeded site: the rebuild-index command migrates, imports the seed and exits.
run "$scratch/site" rebuild-index >/dev/null
printf '%-34s %6.1f s\n' "dotnet start and stop (no work)" "$( s=$(date +%s.%N); run "$scratch/empty" verify-backup /nonexistent >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc)"
for round in seed generated; do
  if [ "$round" = generated ]; then
    /usr/bin/python3 tests/benchmarks/generate-pages.py "$scratch/site/zaitaku.db" "$pages"
  fi
  echo "== $round: database $(du -h "$scratch/site/zaitaku.db" | cut -f1), media $(du -sh "$scratch/site/media" | cut -f1)"
  measure "backup" "$scratch/site" backup "$scratch/$round.zip"
  echo "archive                             $(du -h "$scratch/$round.zip" | cut -f1) ($(stat -c %s "$scratch/$round.zip") bytes)"
  measure "verify-backup" "$scratch/site" verify-backup "$scratch/$round.zip"
  measure "restore (empty folder)" "$scratch/restored-$round" restore "$scratch/$round.zip"
  measure "first start after restore (index)" "$scratch/restored-$round" rebuild-index
done
