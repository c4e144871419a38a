#!/usr/bin/env bash
# Runs every test: unit, storage conformance, API server integration and end-to-end with the real kubectl.
# Does all set-up itself (host packages, build). Usage: ./test.sh [dotnet test filter]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

./orca --build-only
export ORCA_BIN="$root/.build/orca/orca"

filter=()
[ $# -gt 0 ] && filter=(--filter "$1")

status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$proj" .csproj)"
  echo "=== $name"
  set +e
  dotnet test "$proj" -c Release -nologo "${filter[@]}" 2>&1 | grep -vE '^\s*$'
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || { echo "=== $name FAILED (exit $rc)"; status=1; }
done
[ $status -eq 0 ] && echo "ALL TESTS PASSED" || echo "SOME TESTS FAILED"
exit $status
