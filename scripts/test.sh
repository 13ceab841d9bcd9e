#!/usr/bin/env bash
# The test command of README.md, and what CI runs: installs the Debian packages the tests use as
# independent decoders (tshark, tcpdump), then builds and runs every test project and prints one
# summary line, "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-test-deps.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# The third-party captures live in ../shared/captures (beside the clone); tests fail clearly without them.
dotnet test Loci.slnx -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "tests: ${passed} passed, ${failed} failed"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
    echo "no test ran" >&2
    exit 1
fi
exit "$status"
