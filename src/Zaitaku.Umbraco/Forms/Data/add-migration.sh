#!/usr/bin/env bash
# Adds an EF Core migration of the forms' tables for both databases Umbraco supports, after a change to
# FormsDbContext's model:  bash src/Zaitaku.Umbraco/Forms/Data/add-migration.sh <Name>
# Uses the repository's local dotnet-ef (.config/dotnet-tools.json). The SQL Server migrations are generated
# here but cannot be run on this machine (no SQL Server): review them before a release.
set -euo pipefail
name=${1:?usage: add-migration.sh <MigrationName>}
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet tool run dotnet-ef migrations add "$name" --project src/Zaitaku.Umbraco --startup-project src/Zaitaku.Umbraco \
    --context "${provider}FormsDbContext" --output-dir "Forms/Data/Migrations/$provider" --namespace "Zaitaku.Web.Forms.Data.Migrations.$provider"
done
