#!/usr/bin/env bash
# Controller bench (issue 5, Deployment figures): a fresh `orca server --disable-agent` (scheduler and controller
# manager on), `orca sim` with NODES hollow nodes, then orca-controllers-bench: a Deployment of REPLICAS pods to
# all available (target ≤ 15 s), a rolling update with maxSurge 25% / maxUnavailable 0 (never below REPLICAS
# available, ≤ 60 s), and a foreground-cascading delete (≤ 20 s; "skipped" while Orca has no garbage collector).
# Env: NODES=100 REPLICAS=3000, KEEP=1 keeps the temp dir.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${NODES:-100}"; replicas="${REPLICAS:-3000}"
work="$(mktemp -d /tmp/ctlbench.XXXXXX)"
orca="$root/.build/orca/orca"; bench="$root/.build/ctlbench/orca-controllers-bench"
server=""; sim=""
say() { printf '%s\n' "$*" | tee -a "$work/summary.txt"; }

cleanup() {
  set +e
  for p in $sim $server; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  cp "$work/summary.txt" /tmp/ctlbench-last-summary.txt 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

"$root/orca" --build-only
dotnet build "$root/bench/Controllers.Bench/Controllers.Bench.csproj" -c Release -o "$root/.build/ctlbench" -nologo -v q -clp:ErrorsOnly >/dev/null

wait_for() { # file pattern seconds pid
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { cat "$1" >&2; echo "process $4 exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$1" >&2; echo "timed out waiting for '$2' in $1" >&2; exit 1
}
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$1/stat"; }

# The foreground step needs the garbage collector controller; until it is registered the bench skips that step.
gc=no
grep -qi 'garbage' "$root/src/Orca.Controllers/ControllerRegistry.cs" && gc=yes

say "== controllers bench: deployment of $replicas over $nodes hollow nodes, gc=$gc ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
"$orca" server --data-dir "$work/data" --port 0 --disable-agent >"$work/server.log" 2>&1 &
server=$!
wait_for "$work/server.log" '^export KUBECONFIG' 60 "$server"
kubeconfig="$work/data/kubeconfig"
"$orca" sim --kubeconfig "$kubeconfig" --nodes "$nodes" >"$work/sim.log" 2>&1 &
sim=$!
wait_for "$work/sim.log" 'hollow nodes registered' 120 "$sim"

s0=$(cpu "$server"); m0=$(cpu "$sim")
status=0
"$bench" deployment --kubeconfig "$kubeconfig" --replicas "$replicas" --gc "$gc" 2>&1 | tee -a "$work/summary.txt" || status=$?
say "CPU server_cpu_s=$(echo "$(cpu "$server") - $s0" | bc) sim_cpu_s=$(echo "$(cpu "$sim") - $m0" | bc)"
say "== done (exit $status); log: /tmp/ctlbench-last-summary.txt"
exit "$status"
