#!/usr/bin/env bash
# The kiosk's screen session as motcua-kiosk@.service runs it: the cage compositor with
# motcua-kiosk (SDL's Wayland driver, as the unit sets it) as its only application. Here cage runs on
# wlroots' headless backend with its software renderer, as an ordinary user (cage refuses root),
# and grim takes a screenshot of what cage shows. Checks: the kiosk fills the whole output with
# its rating screen (three cards: green, blue, red), and when the kiosk dies cage ends too, so
# systemd's Restart=always brings the whole session back.
# Then the same with the kiosk's window size (ui.width, ui.height) equal to the output's: a window
# created at exactly the screen's size once stayed black in cage.
# Usage: kiosk_session_test.sh KIOSK_BINARY [KIOSK_CONFIG]
set -euo pipefail
kiosk=$(realpath "$1")
config=${2:-}
for tool in cage grim setpriv; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/install-deps.sh installs it)"; exit 1; }
done
work=$(mktemp -d)
cage_pid=""
cleanup() { [ -n "$cage_pid" ] && kill "$cage_pid" 2>/dev/null; sleep 0.2; rm -rf "$work"; }
trap cleanup EXIT
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown 65534:65534 "$work"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
chmod 700 "$work"
env_vars=(XDG_RUNTIME_DIR="$work" WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 HOME="$work")

"${as_user[@]}" env -i PATH=/usr/bin:/bin "${env_vars[@]}" \
  cage -d -- env SDL_VIDEODRIVER=wayland "$kiosk" --db "$work/kiosk.db" ${config:+--config "$config"} >"$work/session.log" 2>&1 &
cage_pid=$!
for _ in $(seq 1 300); do
  grep -q "first frame shown" "$work/session.log" && break
  kill -0 "$cage_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q "first frame shown" "$work/session.log"; then
  echo "FAIL: the kiosk showed no frame in cage within 30 s"; cat "$work/session.log"; exit 1
fi
grep "^motcua-kiosk:" "$work/session.log"
sleep 1  # the frame reaches the compositor's output on its next repaint

# What cage shows, as a PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
socket=$(cd "$work" && ls wayland-* | grep -v lock | head -1)
"${as_user[@]}" env -i "${env_vars[@]}" WAYLAND_DISPLAY="$socket" grim -t ppm "$work/screen.ppm"
magic=$(head -c 2 "$work/screen.ppm")
dims=$(head -c 64 "$work/screen.ppm" | sed -n 2p)
width=${dims% *}; height=${dims#* }
header=$(( 2 + 1 + ${#dims} + 1 + 4 ))
echo "cage output: ${width}x${height} ($magic)"
fail=0
pixel() {  # x y -> "r g b"
  od -An -tu1 -j $(( header + ($2 * width + $1) * 3 )) -N3 "$work/screen.ppm" | xargs
}
# Inside each card, left of its face: the card's colour must dominate the pixel.
check() {  # name x_fraction_percent channel
  local x=$(( width * $2 / 100 )) y=$(( height * 55 / 100 ))
  read -r r g b < <(pixel "$x" "$y")
  local ok=0
  case $3 in
    g) [ "$g" -gt $(( r + 40 )) ] && [ "$g" -gt $(( b + 40 )) ] && ok=1 ;;
    b) [ "$b" -gt $(( r + 40 )) ] && [ "$b" -gt $(( g + 40 )) ] && ok=1 ;;
    r) [ "$r" -gt $(( g + 40 )) ] && [ "$r" -gt $(( b + 40 )) ] && ok=1 ;;
  esac
  echo "$1 card at ($x,$y): rgb $r $g $b"
  [ $ok -eq 1 ] || { echo "FAIL: the $1 card is not where the rating screen draws it"; fail=1; }
}
check "green (Rất hài lòng)" 5 g
check "blue (Hài lòng)" 37 b
check "red (Không hài lòng)" 69 r
# The whole screen is laid out for the output's size: under the cards runs the background margin
# (through Xwayland the kiosk's 1280x800 layout stayed on a 1280x720 output, its cards cut off).
read -r r g b < <(pixel $(( width * 5 / 100 )) $(( height - 6 )))
echo "below the cards at ($(( width * 5 / 100 )),$(( height - 6 ))): rgb $r $g $b"
if [ "$r" -lt 200 ] || [ "$g" -lt 200 ] || [ "$b" -lt 200 ]; then echo "FAIL: the cards run off the bottom of the screen"; fail=1; fi
# The kiosk dies: cage must end with it (systemd then restarts the whole session).
kill -9 "$(pgrep -f -n -- "--db $work/kiosk.db" | head -1)"
for _ in $(seq 1 100); do kill -0 "$cage_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$cage_pid" 2>/dev/null; then echo "FAIL: cage kept running after the kiosk died"; fail=1; else echo "cage ended with the kiosk"; cage_pid=""; fi
[ $fail -eq 0 ] && echo "the kiosk session shows the rating screen full screen and ends with the kiosk${config:+ (window asked at the size of the output)}"
if [ $fail -eq 0 ] && [ -z "$config" ]; then
  same=$(mktemp /tmp/kiosk-session-XXXXXX.toml)
  printf '[ui]\nwidth = %s\nheight = %s\n' "$width" "$height" >"$same"
  chmod 644 "$same"
  "$0" "$kiosk" "$same" || fail=1
  rm -f "$same"
fi
exit $fail
