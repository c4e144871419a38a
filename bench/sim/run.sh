#!/usr/bin/env bash
# Hollow-node benchmark: a fresh `orca server --disable-agent`, `orca sim` with NODES hollow nodes, then PODS pods
# created through the API with spec.nodeName spread over the nodes (no scheduler needed) until all are Running.
# Reports registration time, pods/s to Running, the sim's memory per node and per pod (RSS and live GC heap,
# before and after) and the server's RSS. Env: NODES=5000 PODS=30000 CLIENTS=32 REF_NODES=1000, KEEP=1 keeps the temp dir,
# PLACE=scheduler creates the pods without spec.nodeName so that the server's scheduler places them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${NODES:-5000}"; pods="${PODS:-30000}"; clients="${CLIENTS:-32}"; ref_nodes="${REF_NODES:-1000}"; place="${PLACE:-nodename}"
work="$(mktemp -d /tmp/simbench.XXXXXX)"
orca="$root/.build/orca/orca"; bench="$root/.build/simbench/sim-bench"
server=""; sim=""
say() { printf '%s\n' "$*" | tee -a "$work/summary.txt"; }

cleanup() {
  set +e
  for p in $sim $server; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  cp "$work/summary.txt" /tmp/simbench-last-summary.txt 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

"$root/orca" --build-only
dotnet build "$root/bench/Sim.Bench/Sim.Bench.csproj" -c Release -o "$root/.build/simbench" -nologo -v q -clp:ErrorsOnly >/dev/null

kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$1/stat"; }
wait_for() { # file pattern seconds pid
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { cat "$1" >&2; echo "process $4 exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$1" >&2; echo "timed out waiting for '$2' in $1" >&2; exit 1
}
# Live GC heap and RSS of the sim, after a full compacting collection: "heap rss" in bytes, for baseline or memory.
sim_mem() { curl -sf "$control/stats?gc=true" | python3 -c "import json,sys; d=json.load(sys.stdin)['$1']; print(d['gcHeapBytes'], d['rssBytes'])"; }
per() { echo "scale=2; ($1 - $2) / 1024 / $3" | bc; }

say "== sim bench: $nodes nodes, $pods pods placed by $place ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
"$orca" server --data-dir "$work/data" --port 0 --disable-agent >"$work/server.log" 2>&1 &
server=$!
wait_for "$work/server.log" '^export KUBECONFIG' 60 "$server"
kubeconfig="$work/data/kubeconfig"
say "RSS server_idle_kib=$(kib "$server")"

# start_sim LOG NODES PREFIX: starts a sim, waits for its registration; sets sim (pid) and control (URL).
start_sim() {
  "$orca" sim --kubeconfig "$kubeconfig" --nodes "$2" --name-prefix "$3" --control 127.0.0.1:0 --stats-every 10s >"$1" 2>&1 &
  sim=$!
  wait_for "$1" 'sim control endpoint' 30 "$sim"
  control="$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1)"
  wait_for "$1" 'hollow nodes registered' 600 "$sim"
  sleep 5 # let the registration burst's connections and buffers settle
}

# A smaller sim first (REF_NODES): its memory after registration holds the sim's fixed costs (runtime, JIT'd
# code, HTTP/2 and TLS, thread pool, GC budget after a registration burst), so the big sim's memory above it is
# what the extra nodes cost. Memory is read after full collections (the last one aggressive: free GC memory
# goes back to the OS); `rss_before_gc` is the RSS just before.
start_sim "$work/ref.log" "$ref_nodes" ref-
ref_before=$(( $(kib "$sim") * 1024 ))
read -r ref_heap ref_rss < <(sim_mem memory)
say "MEM sim_ref nodes=$ref_nodes heap=$ref_heap rss=$ref_rss rss_before_gc=$ref_before"
kill -TERM "$sim"; wait "$sim" || true; sim=""
"$bench" delete-nodes --kubeconfig "$kubeconfig" --prefix ref- >/dev/null

start_sim "$work/sim.log" "$nodes" hollow-
say "REG $(grep -o 'registered in [0-9.]* s' "$work/sim.log" | head -1)"
nodes_before=$(( $(kib "$sim") * 1024 ))
read -r base_heap base_rss < <(sim_mem baseline)
read -r nodes_heap nodes_rss < <(sim_mem memory)
say "MEM sim_baseline (before any node) heap=$base_heap rss=$base_rss"
say "MEM sim_after_nodes heap=$nodes_heap rss=$nodes_rss rss_before_gc=$nodes_before"
say "MEM per_node over the $ref_nodes-node sim: heap_kib=$(per "$nodes_heap" "$ref_heap" "$((nodes - ref_nodes))") rss_kib=$(per "$nodes_rss" "$ref_rss" "$((nodes - ref_nodes))") rss_before_gc_kib=$(per "$nodes_before" "$ref_before" "$((nodes - ref_nodes))"); over the baseline: heap_kib=$(per "$nodes_heap" "$base_heap" "$nodes") rss_kib=$(per "$nodes_rss" "$base_rss" "$nodes")"
say "RSS server_after_nodes_kib=$(kib "$server")"

s0=$(cpu "$server"); m0=$(cpu "$sim")
"$bench" pods --kubeconfig "$kubeconfig" --nodes "$nodes" --pods "$pods" --clients "$clients" --place "$place" 2>&1 | tee -a "$work/summary.txt"
say "CPU during_pods server_cpu_s=$(echo "$(cpu "$server") - $s0" | bc) sim_cpu_s=$(echo "$(cpu "$sim") - $m0" | bc)"
sleep 5
pods_before=$(( $(kib "$sim") * 1024 ))
read -r pods_heap pods_rss < <(sim_mem memory)
say "MEM sim_after_pods heap=$pods_heap rss=$pods_rss rss_before_gc=$pods_before"
say "MEM per_pod over after_nodes: heap_kib=$(per "$pods_heap" "$nodes_heap" "$pods") rss_kib=$(per "$pods_rss" "$nodes_rss" "$pods") rss_before_gc_kib=$(per "$pods_before" "$nodes_before" "$pods")"
say "RSS server_after_pods_kib=$(kib "$server") hwm_kib=$(awk '/^VmHWM/ {print $2}' "/proc/$server/status")"
m1=$(cpu "$sim"); s1=$(cpu "$server"); sleep 30
say "CPU steady_30s server_cpu_s=$(echo "$(cpu "$server") - $s1" | bc) sim_cpu_s=$(echo "$(cpu "$sim") - $m1" | bc)"
curl -sf "$control/stats" | tee -a "$work/summary.txt"; echo
say "== done; log: /tmp/simbench-last-summary.txt"
