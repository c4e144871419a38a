#!/usr/bin/env bash
# Node-failure benchmark (hollow nodes, wall clock): a fresh `orca server --disable-agent` (scheduler and
# controllers on), `orca sim` with NODES hollow nodes, a ReplicaSet of REPLICAS pods spread over them, then
# the heartbeats of FAIL nodes stopped at once. The node lifecycle controller marks them Unknown after the
# 40 s grace period and taints them unreachable:NoExecute; taint eviction deletes their pods when the pods'
# tolerationSeconds (TOLERATION, 300 by default as the API server adds it) run out; the ReplicaSet controller
# replaces them and the scheduler puts the replacements on healthy nodes.
# Reports: when the failed nodes went Unknown, and how long after the eviction deadline (the newest
# unreachable taint's timeAdded + TOLERATION) every replica was Running and Ready on a healthy node again
# (target: within 5 s). Needs the replicaset controller and the scheduler.
# Env: NODES=100 FAIL=50 REPLICAS=1000 TOLERATION=300, KEEP=1 keeps the temp dir.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${NODES:-100}"; fail="${FAIL:-50}"; replicas="${REPLICAS:-1000}"; toleration="${TOLERATION:-300}"
work="$(mktemp -d /tmp/nodefail.XXXXXX)"
orca="$root/.build/orca/orca"
server=""; sim=""
say() { printf '%s\n' "$*" | tee -a "$work/summary.txt"; }

cleanup() {
  set +e
  for p in $sim $server; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  cp "$work/summary.txt" /tmp/nodefail-last-summary.txt 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # file pattern seconds pid
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { cat "$1" >&2; echo "process $4 exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$1" >&2; echo "timed out waiting for '$2' in $1" >&2; exit 1
}
now() { date +%s.%N; }
since() { echo "scale=2; ($(now) - $1) / 1" | bc; }

"$root/orca" --build-only
say "== nodefail bench: $nodes nodes, $fail stopped, $replicas replicas, tolerationSeconds $toleration ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
"$orca" server --data-dir "$work/data" --port 0 --disable-agent >"$work/server.log" 2>&1 &
server=$!
wait_for "$work/server.log" '^export KUBECONFIG' 60 "$server"
export KUBECONFIG="$work/data/kubeconfig"
"$orca" sim --kubeconfig "$KUBECONFIG" --nodes "$nodes" --name-prefix hollow- --control 127.0.0.1:0 >"$work/sim.log" 2>&1 &
sim=$!
wait_for "$work/sim.log" 'sim control endpoint' 30 "$sim"
control="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim.log" | head -1)"
wait_for "$work/sim.log" 'hollow nodes registered' 300 "$sim"

kubectl apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: $replicas
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: $toleration}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: $toleration}
      containers: [{name: c, image: busybox, resources: {requests: {cpu: 10m, memory: 16Mi}}}]
YAML
t=$(now)
until [ "$(kubectl get rs web -o jsonpath='{.status.readyReplicas}')" = "$replicas" ]; do sleep 0.5; done
say "READY $replicas replicas in $(since "$t") s"

# Ready pods on healthy nodes (a failed node's pods read Ready=False once it is Unknown, and go when evicted).
healthy_ready() {
  kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName} {.metadata.deletionTimestamp} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' \
    | awk -v failed="$failed" 'BEGIN { n = split(failed, f, " "); for (i = 1; i <= n; i++) bad[f[i]] = 1 }
        NF == 2 && $2 == "True" && !($1 in bad) { c++ } END { print c + 0 }'
}

failed="$(kubectl get nodes -o name | sed 's|node/||' | sort | head -n "$fail" | tr '\n' ' ')"
on_failed=$(kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | grep -cxF -f <(tr ' ' '\n' <<<"$failed" | grep .) || true)
t0=$(now)
for n in $failed; do curl -sf -X POST "$control/nodes/$n/heartbeat/stop" >/dev/null; done
say "STOP $fail nodes ($on_failed pods on them) at t=0"

unknown() { kubectl get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c Unknown || true; }
until [ "$(unknown)" -ge "$fail" ]; do sleep 0.5; done
say "UNKNOWN all $fail nodes at t=$(since "$t0") s"

until [ "$(healthy_ready)" -ge "$replicas" ]; do sleep 0.5; done
t_done=$(now)
# The eviction deadline: the newest unreachable NoExecute taint's timeAdded plus the toleration.
newest=$(kubectl get nodes -o jsonpath='{range .items[*]}{range .spec.taints[?(@.key=="node.kubernetes.io/unreachable")]}{.timeAdded}{"\n"}{end}{end}' | sort | tail -1)
deadline=$(echo "$(date -d "$newest" +%s) + $toleration" | bc)
say "REPLACED all $replicas replicas Ready on healthy nodes at t=$(since "$t0") s; $(echo "scale=2; ($t_done - $deadline) / 1" | bc) s after the eviction deadline (newest taint $newest + ${toleration}s; target <= 5 s)"
say "RSS server_kib=$(awk '/^VmRSS/ {print $2}' /proc/$server/status)"
