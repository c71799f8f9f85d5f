#!/bin/sh
# Drains a kiosk backlog to the real motcua-server on loopback with the real motcua-sync
# (`run --once`), and, in the same run against the same server, posts an equal backlog with the
# plain libcurl client (bench_plain_post) as the baseline. Prints events/s for both and their
# ratio, motcua-sync's peak RSS (/usr/bin/time -v), bytes per event on the wire both ways
# (iptables counters on the server's port, IP and TCP headers included; skipped without
# iptables or root), CPU time per event (server and motcua-sync: on a busy machine the wall clock
# says little, CPU time per event still compares) and the idle daemon's CPU. Results go to
# docs/benchmarks.md.
# usage: bench/drain_bench.sh [BUILD_DIR] [EVENTS]
set -eu
build=$(cd "${1:-build/default}" && pwd)
events=${2:-100000}
work=$(mktemp -d /tmp/motcua-drain.XXXXXX)
server_pid=""
chain=MOTCUA_DRAIN_$$
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    if [ -n "${counting:-}" ]; then
        iptables -D OUTPUT -o lo -j "$chain" 2>/dev/null || true
        iptables -F "$chain" 2>/dev/null || true
        iptables -X "$chain" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

server="$build/server/motcua-server --db $work/server.db"
$server site add --id xa-an-phu --name "Trung tâm Phục vụ hành chính công xã An Phú" >/dev/null
$server counter add --site xa-an-phu --id 3A --name "Quầy số 3A" >/dev/null
$server counter add --site xa-an-phu --id 3B --name "Quầy số 3B" >/dev/null
$server serve --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/server.log" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/server.log")
port=${url##*:}
[ -n "$url" ] || { cat "$work/server.log"; exit 1; }

# Two kiosks: one drained by motcua-sync, one by the plain client.
for k in sync plain; do
    counter=3A; [ $k = plain ] && counter=3B
    "$build/bench/bench_make_backlog" "$work/$k.db" "$events" $([ $k = sync ] && echo 1 || echo 2) >/dev/null
    cat >"$work/$k.toml" <<TOML
[storage]
db_path = "$work/$k.db"
[device]
identity_file = "$work/$k.json"
config_cache = "$work/$k-config.json"
TOML
    code=$($server enroll-code create --site xa-an-phu --counter $counter | grep -o '[A-Z0-9]\{4\}-[A-Z0-9]\{4\}' | head -1)
    "$build/sync/motcua-sync" --config "$work/$k.toml" enroll --server "$url" --code "$code" >/dev/null
done

if command -v iptables >/dev/null 2>&1 && iptables -N "$chain" 2>/dev/null; then
    counting=1
    iptables -A "$chain" -p tcp --dport "$port"   # kiosk -> server
    iptables -A "$chain" -p tcp --sport "$port"   # server -> kiosk
    iptables -I OUTPUT -o lo -j "$chain"
fi
wire() {  # prints "up down" bytes counted since the last call, then zeroes the counters
    [ -n "${counting:-}" ] || { echo "- -"; return; }
    iptables -L "$chain" -v -x -n -Z | awk '/dpt:/ {up=$2} /spt:/ {down=$2} END {print up, down}'
}
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)
us_per_event() { awk -v t="$1" -v hz="$hz" -v n="$events" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}'; }
per_event() { [ "$1" = - ] && echo "-" || awk -v b="$1" -v n="$events" 'BEGIN {printf "%.1f", b / n}'; }

wire >/dev/null
t0=$(server_ticks)
"$build/bench/bench_plain_post" "$work/plain.db" "$work/plain.json" | tee "$work/plain.out"
set -- $(wire)
plain_up=$1 plain_down=$2
t1=$(server_ticks)
plain_rate=$(sed -n 's/.* s, \([0-9]*\) events\/s.*/\1/p' "$work/plain.out")

# motcua-sync runs with the environment its systemd unit gives it.
unit_env=$(sed -n 's/^Environment=//p' "$(dirname "$0")/../packaging/systemd/motcua-sync.service")
start=$(date +%s.%N)
env $unit_env /usr/bin/time -v "$build/sync/motcua-sync" --config "$work/sync.toml" run --once >"$work/sync.log" 2>"$work/time.txt"
end=$(date +%s.%N)
set -- $(wire)
sync_up=$1 sync_down=$2
t2=$(server_ticks)
sync_cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
sync_rate=$(awk -v s="$start" -v e="$end" -v n="$events" 'BEGIN {printf "%.0f", n / (e - s)}')
# status exits non-zero when not healthy; the count is what matters here.
acked=$("$build/sync/motcua-sync" --config "$work/sync.toml" status --json | sed -n 's/^ *"sent_through": *\([0-9]*\).*/\1/p' || true)
[ "$acked" = "$events" ] || { echo "motcua-sync acked $acked of $events"; cat "$work/sync.log"; exit 1; }
total=$($server report --site xa-an-phu | grep -o '^[0-9.]* phiếu' | tr -d '.' | cut -d' ' -f1)

echo "motcua-sync run --once: $events events in $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}') s," \
     "$sync_rate events/s (whole process), peak RSS $(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}') MiB"
echo "CPU per event: server $(us_per_event $((t1 - t0))) us (plain phase), $(us_per_event $((t2 - t1))) us" \
     "(motcua-sync phase); motcua-sync $(awk -v c="$sync_cpu" -v n="$events" 'BEGIN {printf "%.1f", c * 1e6 / n}') us"
echo "ratio motcua-sync / plain libcurl: $(awk -v a="$sync_rate" -v b="$plain_rate" 'BEGIN {printf "%.2f", a / b}')"
echo "wire bytes per event (IP+TCP+HTTP): motcua-sync up $(per_event "$sync_up") down $(per_event "$sync_down");" \
     "plain up $(per_event "$plain_up") down $(per_event "$plain_down")"
echo "server report counts $total ratings (expected $((events * 2)))"

# Idle: the daemon with an empty outbox, CPU over 10 s from /proc (utime + stime, clock ticks).
env $unit_env "$build/sync/motcua-sync" --config "$work/sync.toml" run >"$work/idle.log" 2>&1 &
idle_pid=$!
sleep 2
i0=$(awk '{print $14 + $15}' /proc/$idle_pid/stat)
sleep 10
i1=$(awk '{print $14 + $15}' /proc/$idle_pid/stat)
kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true
echo "idle motcua-sync: $(awk -v a="$i0" -v b="$i1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz / 10 * 100}') % of a core over 10 s"
