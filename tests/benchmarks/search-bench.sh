#!/usr/bin/env bash
# Search benchmark (not a test): indexes 10,000 generated Japanese documents (sentences of the seed
# pages, recombined), then runs 1,000 queries from 8 concurrent clients through the site's own
# SearchIndex, and prints the rebuild time and p50/p95/p99 latency for the README.
# ALLOC=1 measures instead the memory allocated per search, on this index and on the Umbraco site's Examine
# index (docs/benchmarks.md, "Memory allocated per search").
# Usage: [ALLOC=1] bash tests/benchmarks/search-bench.sh [documents] [queries] [clients]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/benchmarks/SearchBench -- content-seed "${1:-10000}" "${2:-1000}" "${3:-8}"
