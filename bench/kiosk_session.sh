#!/usr/bin/env bash
# The kiosk screen session as motcua-kiosk@.service runs it (cage + motcua-kiosk), here on cage's
# headless backend with its software renderer, with SDL's X11 driver (through Xwayland) and with
# SDL's Wayland driver. For each, RUNS times:
#   - session to first frame: from launching cage to the kiosk's "first frame shown" line
#   - kiosk to first frame: the kiosk's own count since its process started (10 ms resolution)
#   - memory 3 s after the first frame: PSS (shared pages split between processes; the sum is what
#     the session costs the machine) and peak RSS of cage, Xwayland and the kiosk
#   bench/kiosk_session.sh [build-dir=build/default] [runs=5] [role=rating]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/default}
RUNS=${2:-5}
ROLE=${3:-rating}
KIOSK=$(realpath "$BUILD/kiosk/motcua-kiosk")
for tool in cage Xwayland setpriv; do command -v $tool >/dev/null || { echo "$tool missing: scripts/install-deps.sh"; exit 1; }; done
as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)

kb() { awk -v k="$2" '$1 == k":" {print $2}' "$1" 2>/dev/null || echo 0; }

one_run() {  # driver -> "session_ms kiosk_ms pss_total_kb detail"
  local driver=$1 work
  work=$(mktemp -d)
  [ "$(id -u)" -eq 0 ] && chown 65534:65534 "$work"
  chmod 700 "$work"
  local t0 t1 pid
  t0=$(date +%s%N)
  "${as_user[@]}" env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$work" HOME="$work" WLR_BACKENDS=headless \
    WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
    cage -d -- env SDL_VIDEODRIVER="$driver" "$KIOSK" --role "$ROLE" --db "$work/k.db" >"$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 3000); do grep -q "first frame shown" "$work/log" && break; sleep 0.002; done
  t1=$(date +%s%N)
  if ! grep -q "first frame shown" "$work/log"; then echo "no frame with $driver:"; cat "$work/log"; kill $pid; exit 1; fi
  local kiosk_ms
  kiosk_ms=$(sed -n 's/.*first frame shown \([0-9]*\) ms.*/\1/p' "$work/log")
  sleep 3
  local total=0 detail="" p name pss hwm
  # The session's processes: cage, Xwayland (started by cage) and the kiosk share its XDG_RUNTIME_DIR.
  for p in $(ls /proc | grep -x '[0-9]*'); do
    { tr '\0' '\n' </proc/$p/environ; } 2>/dev/null | grep -qx "XDG_RUNTIME_DIR=$work" || continue
    name=$(cat /proc/$p/comm 2>/dev/null) || continue
    case $name in cage|Xwayland|motcua-kiosk) ;; *) continue ;; esac
    pss=$(kb /proc/$p/smaps_rollup Pss); hwm=$(kb /proc/$p/status VmHWM)
    total=$((total + pss)); detail="$detail $name pss $((pss / 1024)) MB (peak rss $((hwm / 1024)) MB);"
  done
  kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  rm -rf "$work"
  echo "$(( (t1 - t0) / 1000000 )) ${kiosk_ms:-?} $((total / 1024))$detail"
}

echo "kiosk session in cage 0.1.4 (headless backend, pixman), role $ROLE, $RUNS runs each, $(date -u +%F)"
for driver in x11 wayland; do
  sessions=(); kiosks=(); line=""
  for _ in $(seq "$RUNS"); do
    read -r s k total detail < <(one_run "$driver")
    sessions+=("$s"); kiosks+=("$k"); line="$total MB:$detail"
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "SDL_VIDEODRIVER=$driver: session to first frame median $(med "${sessions[@]}") ms (runs: ${sessions[*]});" \
       "kiosk to first frame median $(med "${kiosks[@]}") ms (runs: ${kiosks[*]})"
  echo "  memory of the session (last run): PSS total ${line}"
done
