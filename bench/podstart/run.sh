#!/usr/bin/env bash
# Pod-start benchmark: Orca server + embedded agent on a private bridge (orcab0, 10.93.0.0/16), with
# podman 4.3.1 as the interleaved peer on its own network (10.94.0.0/24) and private config/storage.
# Env: SEQ=100 sequential pods, BURST=50, PODMAN_EVERY=5 (one podman pod per 5 Orca pods; 0 = no peer),
#      VERBOSE=4 server log level, KEEP=1 keeps the temp dir.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seq_n="${SEQ:-100}"; burst_n="${BURST:-50}"; every="${PODMAN_EVERY:-5}"
work="$(mktemp -d /tmp/podbench.XXXXXX)"
data="$work/orca"; pm="$work/podman"; mkdir -p "$data" "$pm/yaml"
bench="$root/.build/podbench/podstart-bench"
pid=""
say() { printf '%s\n' "$*" | tee -a "$work/summary.txt"; }

cleanup() {
  set +e
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid"; fi
  for p in $(pgrep -f "$data"); do [ "$p" != "$$" ] && kill -KILL "$p" 2>/dev/null; done
  grep " $data" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  ip link del orcab0 2>/dev/null
  if command -v podman >/dev/null && [ -f "$pm/containers.conf" ]; then
    podman pod rm -a -f -t 0 >/dev/null 2>&1; podman network rm -f benchnet >/dev/null 2>&1
    podman system reset -f >/dev/null 2>&1
  fi
  grep " $pm" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  cp "$work/summary.txt" /tmp/podbench-last-summary.txt 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

"$root/orca" --build-only
# The peer: Debian's podman (installed here when missing, as the launcher installs its own packages).
if [ "$every" != 0 ] && ! command -v podman >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman >/dev/null; }
fi
dotnet build "$root/bench/PodStart.Bench/PodStart.Bench.csproj" -c Release -o "$root/.build/podbench" -nologo -v q -clp:ErrorsOnly >/dev/null
"$bench" images "$work" >/dev/null

# --- podman peer: private config and storage ---
if [ "$every" != 0 ]; then
  cat >"$pm/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$pm/events.log"
runtime = "runc"
tmp_dir = "$pm/tmp"
[network]
network_config_dir = "$pm/net"
CONF
  cat >"$pm/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$pm/root"
runroot = "$pm/run"
CONF
  export CONTAINERS_CONF="$pm/containers.conf" CONTAINERS_STORAGE_CONF="$pm/storage.conf"
  podman load -q -i "$work/busybox-docker.tar" >/dev/null
  podman network create --subnet 10.94.0.0/24 benchnet >/dev/null
fi

# --- Orca server with embedded agent ---
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
aport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$root/.build/orca/orca" image import "$work/busybox-oci.tar" --data-dir "$data" >/dev/null
"$root/.build/orca/orca" server --data-dir "$data" --port "$port" --node-name bench-node --bridge orcab0 \
  --pod-cidr 10.93.0.0/16 --ip-masq=false --agent-port "$aport" --v "${VERBOSE:-2}" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  [ -s "$data/kubeconfig" ] && grep -q '^export KUBECONFIG' "$work/server.log" && break
  kill -0 "$pid" || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
export KUBECONFIG="$data/kubeconfig"
for _ in $(seq 300); do kubectl get node bench-node >/dev/null 2>&1 && break; sleep 0.1; done

rss() { awk -v l="$1" '/^VmRSS/ {printf "RSS %s rss_mib=%.1f\n", l, $2/1024}' "/proc/$pid/status" | tee -a "$work/summary.txt"; }
say "DATE $(date -u +%FT%TZ) COMMIT $(git -C "$root" rev-parse HEAD) LOAD $(cut -d' ' -f1-3 /proc/loadavg)"
say "MACHINE $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), $(podman --version 2>/dev/null)"
rss idle
# Warm-up pod (first sandbox: bridge creation, image unpack) measured separately.
"$bench" seq --count 1 --node bench-node --data-dir "$data" 2>&1 | sed 's/^/warmup /' | tee -a "$work/summary.txt"
"$bench" seq --count "$seq_n" --data-dir "$data" --podman-every "$every" --podman-dir "$pm/yaml" 2>>"$work/progress.txt" | tee -a "$work/summary.txt"
say "LOAD $(cut -d' ' -f1-3 /proc/loadavg)"
rss after-seq
"$bench" burst --count "$burst_n" | tee -a "$work/summary.txt"
sleep 2
rss "with-$burst_n-running"
say "SANDBOX-PROCS conmon=$(pgrep -fc "conmon.*$data" || true) total-rss-mib=$(for p in $(pgrep -f "$data"); do awk '/^VmRSS/ {print $2}' /proc/$p/status 2>/dev/null; done | awk '{s+=$1} END {printf "%.1f", s/1024}')"
"$bench" delete-all --prefix burst- --count "$burst_n" --data-dir "$data" | tee -a "$work/summary.txt"
say "LOAD $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$work/server.log" /tmp/podbench-last-server.log
