#!/usr/bin/env bash
# Density benchmark (issue 3 §6): N running pods on one node with the agent as its own process
# (`orca server --disable-agent` + `orca agent`), so the agent's RSS and CPU are its own.
# Reports: agent RSS idle / with N pods, MemAvailable drop per pod minus the pods' own memory
# (the containers' cgroup usage), agent CPU over an idle window with the pods running, and the
# time to delete them all (until no conmon of the data dir is left).
# Env: COUNT=250 pods, WAVE=25 created at a time, IDLE=60 seconds of idle CPU sampling, KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${COUNT:-250}"; wave="${WAVE:-25}"; idle="${IDLE:-60}"
work="$(mktemp -d /tmp/density.XXXXXX)"
data="$work/orca"; agentdata="$work/agent"; mkdir -p "$data" "$agentdata"
bench="$root/.build/podbench/podstart-bench"
spid=""; apid=""
say() { printf '%s\n' "$*" | tee -a "$work/summary.txt"; }

cleanup() {
  set +e
  for p in "$apid" "$spid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -TERM "$p"; wait "$p"; fi
  done
  for p in $(pgrep -f "$work"); do [ "$p" != "$$" ] && kill -KILL "$p" 2>/dev/null; done
  # container processes: by the cgroups of the agent's sandboxes/containers
  for id in $(ls "$agentdata/runtime/sandboxes" "$agentdata/runtime/containers" 2>/dev/null); do
    for p in $(grep -l "$id" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3); do kill -KILL "$p" 2>/dev/null; done
  done
  grep " $work" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  ip link del orcad0 2>/dev/null
  cp "$work/summary.txt" /tmp/density-last-summary.txt 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

"$root/orca" --build-only
dotnet build "$root/bench/PodStart.Bench/PodStart.Bench.csproj" -c Release -o "$root/.build/podbench" -nologo -v q -clp:ErrorsOnly >/dev/null
"$bench" images "$work" >/dev/null
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
port=$(free_port); aport=$(free_port)

"$root/.build/orca/orca" server --data-dir "$data" --port "$port" --disable-agent >"$work/server.log" 2>&1 &
spid=$!
for _ in $(seq 300); do grep -q '^export KUBECONFIG' "$work/server.log" && break; kill -0 "$spid" || { cat "$work/server.log" >&2; exit 1; }; sleep 0.1; done
export KUBECONFIG="$data/kubeconfig"
"$root/.build/orca/orca" image import "$work/busybox-oci.tar" --data-dir "$agentdata" >/dev/null
# PERF=1: JIT symbol maps for `perf` and a profile of the agent during the idle window.
[ "${PERF:-0}" = 1 ] && export DOTNET_PerfMapEnabled=1
env ${AGENT_ENV:-} "$root/.build/orca/orca" agent --server "https://127.0.0.1:$port" --token "$(cat "$data/pki/admin.token")" --ca-file "$data/pki/ca.crt" \
  --data-dir "$agentdata" --node-name density-node --max-pods $((count + 10)) --bridge orcad0 --pod-cidr 10.97.0.0/16 --ip-masq=false --agent-port "$aport" >"$work/agent.log" 2>&1 &
apid=$!
for _ in $(seq 600); do [ "$(kubectl get node density-node -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ] && break; sleep 0.1; done

rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
avail_kib() { awk '/^MemAvailable/ {print $2}' /proc/meminfo; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
# The pods' own memory: the sum of their app containers' memory cgroup usage (cgroup v1 or v2);
# the infra (pause) containers' cgroups are named after their sandbox and count as overhead.
workload_kib() {
  local total=0 f id
  for f in /sys/fs/cgroup/memory/orca/*/pod*/*/memory.usage_in_bytes /sys/fs/cgroup/orca/*/pod*/*/memory.current; do
    [ -f "$f" ] || continue
    id="$(basename "$(dirname "$f")")"
    [ -d "$agentdata/runtime/sandboxes/$id" ] && continue
    total=$((total + $(cat "$f")))
  done
  echo $((total / 1024))
}

say "DATE $(date -u +%FT%TZ) COMMIT $(git -C "$root" rev-parse HEAD) LOAD $(cut -d' ' -f1-3 /proc/loadavg)"
say "MACHINE $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r)"
# Warm-up pod: bridge creation and image unpack are not per-pod costs.
"$bench" create-many --count 1 --wave 1 --prefix warm- --node density-node >/dev/null 2>&1
"$bench" delete-all --prefix warm- --count 1 --data-dir "$agentdata" >/dev/null
sync; echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || true
sleep 5
say "agent.rss_idle_mib=$(rss_mib "$apid") server.rss_idle_mib=$(rss_mib "$spid")"
avail0=$(avail_kib); work0=$(workload_kib)
"$bench" create-many --count "$count" --wave "$wave" --node density-node 2>>"$work/progress.txt" | tee -a "$work/summary.txt"
sleep 10
sync; echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || true
avail1=$(avail_kib); work1=$(workload_kib)
conmons=$(pgrep -fc "conmon.*$agentdata" || true)
say "agent.rss_with_pods_mib=$(rss_mib "$apid") server.rss_with_pods_mib=$(rss_mib "$spid") conmons=$conmons agent.threads=$(awk '/^Threads/ {print $2}' "/proc/$apid/status") agent.anon_mib=$(awk '/^(Anonymous|Pss_Shmem)/ {s+=$2} END {printf "%.1f", s/1024}' "/proc/$apid/smaps_rollup")"
awk -v a0="$avail0" -v a1="$avail1" -v w0="$work0" -v w1="$work1" -v n="$count" 'BEGIN {
  drop=(a0-a1)/1024; wl=(w1-w0)/1024;
  printf "memavailable_drop_mib=%.1f workload_cgroup_mib=%.1f per_pod_beyond_workload_mib=%.2f\n", drop, wl, (drop-wl)/n }' | tee -a "$work/summary.txt"
t0=$(cpu_ticks "$apid")
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 499 -g -p "$apid" -o "$work/perf.data" -- sleep "$idle" >/dev/null 2>&1 || true
  perf report -i "$work/perf.data" --no-children --sort symbol --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -60 >/tmp/density-last-perf.txt || true
else
  sleep "$idle"
fi
t1=$(cpu_ticks "$apid")
hz=$(getconf CLK_TCK)
awk -v t0="$t0" -v t1="$t1" -v hz="$hz" -v s="$idle" -v n="$count" 'BEGIN { printf "agent.idle_cpu_percent_of_core=%.2f (%d pods, %d s)\n", 100*(t1-t0)/hz/s, n, s }' | tee -a "$work/summary.txt"
"$bench" delete-all --prefix dense- --count "$count" --data-dir "$agentdata" | tee -a "$work/summary.txt"
say "LOAD $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$work/agent.log" /tmp/density-last-agent.log
