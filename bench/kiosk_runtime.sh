#!/usr/bin/env bash
# Kiosk runtime costs on a real X server (Xvfb 1280x800), fullscreen, software renderer:
#   - time to first frame: from launching the process to its "first frame" line (after the first present)
#   - idle CPU over 10 s on the rating screen, from /proc/PID/stat (utime + stime)
#   - peak RSS (VmHWM) after the idle period
# Baseline in the same run: `sleep` has ~0 % CPU; the stock ImGui polling loop burns 90-160 % of a core
# (see ../shared/toolchain.md). Targets: idle < 0.5 %, RSS < 60 MB, first frame < 250 ms.
#   bench/kiosk_runtime.sh [build-dir=build/default] [idle-seconds=10] [role=rating]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/default}
IDLE=${2:-10}
ROLE=${3:-rating}
KIOSK="$BUILD/kiosk/motcua-kiosk"
[ -x "$KIOSK" ] || { echo "build the kiosk first: cmake --build --preset default"; exit 1; }
WORK=$(mktemp -d)
DISP=:$((90 + RANDOM % 9))
Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
trap 'kill $KPID $XPID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${DISP#:}" ] && break; sleep 0.1; done

ticks=$(getconf CLK_TCK)
t0=$(date +%s%N)
DISPLAY=$DISP "$KIOSK" --role "$ROLE" --db "$WORK/kiosk.db" >"$WORK/out.log" 2>&1 &
KPID=$!
for _ in $(seq 500); do grep -q "first frame" "$WORK/out.log" && break; sleep 0.005; done
t1=$(date +%s%N)
grep -q "first frame" "$WORK/out.log" || { echo "kiosk showed no frame:"; cat "$WORK/out.log"; exit 1; }
first_ms=$(( (t1 - t0) / 1000000 ))

sleep 2   # let start-up work finish; then measure the idle start screen
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$KPID/stat)
sleep "$IDLE"
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$KPID/stat)
cpu=$(awk -v d=$(( (u2 + s2) - (u1 + s1) )) -v hz="$ticks" -v s="$IDLE" 'BEGIN { printf "%.2f", 100 * d / hz / s }')
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$KPID/status)

echo "kiosk runtime, role $ROLE (Xvfb 1280x800, fullscreen, $(date -u +%F))"
echo "  time to first frame: ${first_ms} ms  (target < 250 ms; includes process start)"
echo "  idle CPU over ${IDLE} s: ${cpu} % of one core  (target < 0.5 %; stock ImGui loop: 90-160 %)"
echo "  peak RSS: $((rss_kb / 1024)) MB  (target < 60 MB)"
