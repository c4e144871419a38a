#!/usr/bin/env bash
# Scheduler benchmarks (scheduler_perf shapes) with an in-process API server and fake nodes created through
# the API: SchedulingBasic 5000 nodes / 1000 placed + 10000 measured pods, the algorithm alone, and required
# anti-affinity (5000 pods, one per node). Env: NODES, INIT, PODS, STORE=sqlite|memory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/.build/sched-bench/orca-scheduler-bench"
dotnet build "$root/bench/Orca.Scheduler.Bench/Orca.Scheduler.Bench.csproj" -c Release -o "$root/.build/sched-bench" -nologo -v q -clp:ErrorsOnly >/dev/null
nodes="${NODES:-5000}" init="${INIT:-1000}" pods="${PODS:-10000}" store="${STORE:-sqlite}"
echo "== load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cpus, commit $(git -C "$root" rev-parse --short HEAD)"
"$bench" --mode algorithm --nodes "$nodes" --init-pods "$init" --pods "$pods"
"$bench" --nodes "$nodes" --init-pods "$init" --pods "$pods" --store "$store"
"$bench" --scenario antiaffinity --nodes "$nodes" --init-pods 0 --pods "$nodes" --store "$store"
