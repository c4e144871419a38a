#!/usr/bin/env bash
# Runs the API server benchmarks against fresh servers on temporary data dirs and prints a summary.
# Env: HTTP=2|1.1 (create/list clients, default 2), WATCHERS=500, EVENTS=1000, SECONDS_=10, KEEP=1 keeps data dirs,
#      PACED="8 2" creator counts for the rate-limited watch runs on server C (empty skips them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/.build/bench/orca-bench"
http="${HTTP:-2}"
watchers="${WATCHERS:-500}"
events="${EVENTS:-1000}"
seconds="${SECONDS_:-10}"
paced="${PACED-8 2}"
log="$(mktemp /tmp/orca-bench.XXXXXX.log)"
pid=""
dir=""

say() { printf '%s\n' "$*" | tee -a "$log"; }

"$root/orca" --build-only
dotnet build "$root/bench/Orca.Bench/Orca.Bench.csproj" -c Release -o "$root/.build/bench" -nologo -v q -clp:ErrorsOnly >/dev/null

start_server() {
  dir="$(mktemp -d /tmp/orca-bench-data.XXXXXX)"
  "$root/.build/orca/orca" server --data-dir "$dir" --port 0 --disable-agent >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    [ -s "$dir/kubeconfig" ] && grep -q '^export KUBECONFIG' "$dir/server.log" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not start in 30 s" >&2; exit 1
}

stop_server() {
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
}
trap stop_server EXIT

rss() {
  local rss hwm
  rss=$(awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  say "RSS $1 rss_mib=$rss hwm_mib=$hwm"
}

load() { say "LOAD $1 $(cut -d' ' -f1-3 /proc/loadavg)"; }

# Server CPU seconds (user+system) so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$pid/stat"; }

# Runs one scenario; prints the server's CPU seconds and wall time spent during it.
run() {
  local before t0 after
  before=$(server_cpu); t0=$(date +%s.%N)
  "$bench" "$@" --kubeconfig "$dir/kubeconfig" 2>&1 | tee -a "$log"
  after=$(server_cpu)
  say "CPU $1 server_cpu_s=$(echo "$after - $before" | bc) wall_s=$(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5)"
}

say "== server A: idle, then creates ($(date -u +%FT%TZ))"
start_server
sleep 10
rss idle
load creates
run creates --clients 32 --seconds "$seconds" --max 20000 --http "$http" || true
rss after_creates
stop_server

say "== server B: seed 10,000 pods, list, watch fan-out"
start_server
load seed
run seed --count 10000 --clients 32 --http "$http" >/dev/null || true
rss after_seed
load list
run list --runs 10 --http "$http" || true
rss after_list
load watch_h2
run watch --watchers "$watchers" --events "$events" --clients 32 --http 2 --prefix w || true
rss after_watch_h2
load watch_h1
run watch --watchers "$watchers" --events "$events" --clients 32 --http 1.1 --prefix x || true
rss after_watch_h1
stop_server

# The burst above shares the 2 cores with the client; fewer creators limit the create rate so the
# watch delivery latency is measured without CPU starvation.
for c in $paced; do
  say "== server C: paced watch fan-out, $c creators, HTTP/2"
  start_server
  load "watch_paced_$c"
  run watch --watchers "$watchers" --events "$events" --clients "$c" --http 2 --prefix "p$c-" || true
  rss "after_watch_paced_$c"
  stop_server
done

echo
echo "== summary (full log: $log)"
grep -E '^(RESULT|RSS|LOAD|CPU)' "$log"
