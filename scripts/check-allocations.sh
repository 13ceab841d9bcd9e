#!/usr/bin/env bash
# CI allocation gate (issue 6): builds the benchmarks, runs every benchmark named in
# bench/allocation-budget.json (pipeline, codec and map-table suites) in one short in-process
# BenchmarkDotNet job, prints budget / measured / mean / verdict per benchmark, and exits non-zero
# naming each benchmark whose bytes allocated per operation exceed its budget by more than 10 %
# (a budget of 0 must stay below 1 byte per operation), or that is missing from the results. Means
# are printed, not gated. The map-table suites need the @ip-location-db/asn dataset: npm fetches it
# into $LOCI_CACHE (default ~/.cache/loci) on first use. Takes about 1.5 minutes on 2 cores.
# Usage: scripts/check-allocations.sh [budget.json]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Tier methods up as soon as they are hot instead of after the 100 ms quiet period: with the short
# job, the JIT's escape analysis otherwise lands at a different moment in each run and some cases
# move by 48 B/op between runs.
export DOTNET_TC_CallCountingDelayMs=0

budget=${1:-bench/allocation-budget.json}
start=$SECONDS
dotnet build bench/Loci.Benchmarks/Loci.Benchmarks.csproj -c Release --nologo -v quiet
status=0
dotnet run -c Release --no-build --project bench/Loci.Benchmarks -- --check-budget "$budget" || status=$?
echo "check-allocations: $((SECONDS - start)) s, exit $status"
exit "$status"
