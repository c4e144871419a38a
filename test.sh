#!/usr/bin/env bash
# Runs every test: unit, storage conformance, API server integration and end-to-end with the real kubectl.
# Does all set-up itself (host packages, build). Usage: ./test.sh [dotnet test filter]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

./orca --build-only

# Packages only the tests need: busybox-static for test images, a local registry and skopeo for pull tests.
test_packages=(busybox-static docker-registry skopeo apache2-utils)
missing=()
for p in "${test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing test packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  }
fi
# The Debian docker-registry package starts a service on install where an init system exists; tests run their own.
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
# The CNI portmap plugin leaves its shared nat chains (CNI-HOSTPORT-DNAT/-MASQ/-SETMARK and their
# jumps) behind after the last hostPort is gone; the hostPort tests made them, so remove them once
# empty (portmap recreates them on its next ADD).
if command -v iptables >/dev/null && iptables -t nat -S CNI-HOSTPORT-DNAT >/dev/null 2>&1 \
   && [ "$(iptables -t nat -S CNI-HOSTPORT-DNAT | wc -l)" -le 1 ]; then
  iptables -t nat -D PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null || true
  iptables -t nat -D OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null || true
  iptables -t nat -D POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ 2>/dev/null || true
  for chain in CNI-HOSTPORT-DNAT CNI-HOSTPORT-MASQ CNI-HOSTPORT-SETMARK; do
    iptables -t nat -F "$chain" 2>/dev/null || true
    iptables -t nat -X "$chain" 2>/dev/null || true
  done
fi
[ $status -eq 0 ] && echo "ALL TESTS PASSED" || echo "SOME TESTS FAILED"
exit $status
