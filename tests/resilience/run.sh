#!/usr/bin/env bash
# The fault and load campaign (longer than tests/run.sh allows):
#  1. kill -9 of the site at random moments while publishing, taking uploads, taking sign-ups and
#     running the scheduler: ZAITAKU_KILL_ROUNDS per case (default 50), each followed by SQLite's
#     integrity check and the checks in tests/Zaitaku.Web.Tests/Resilience/CrashTests.cs;
#  2. the database going away (SQLite locked, PostgreSQL stopped) and the disk filling;
#  3. load: tests/resilience/load.sh, wrk with 256 connections for ZAITAKU_LOAD_DURATION (default 10m).
# Usage: bash tests/resilience/run.sh     (CI may set ZAITAKU_KILL_ROUNDS=5 ZAITAKU_LOAD_DURATION=1m)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ZAITAKU_KILL_ROUNDS="${ZAITAKU_KILL_ROUNDS:-50}"

dotnet build Zaitaku.Web.sln -v quiet --nologo
status=0
echo "== kill -9, ${ZAITAKU_KILL_ROUNDS} rounds per case; database and disk faults"
dotnet test tests/Zaitaku.Web.Tests --no-build --nologo \
  --filter "FullyQualifiedName~Zaitaku.Web.Tests.Resilience" --logger "console;verbosity=normal" || status=$?
echo "== load"
bash tests/resilience/load.sh "${ZAITAKU_LOAD_DURATION:-10m}" 256 || status=$?
exit $status
