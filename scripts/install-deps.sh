#!/usr/bin/env bash
# Installs the Debian packages motcua needs to build, test and run the demo.
# Idempotent and fast when everything is already present.
set -euo pipefail
PKGS=(build-essential cmake pkg-config ninja-build libsdl2-dev libimgui-dev libstb-dev catch2
  libqrencode-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev zlib1g-dev nlohmann-json3-dev
  libtomlplusplus-dev libcpp-httplib-dev libfreetype-dev fonts-noto-core fonts-dejavu-core
  xvfb xdotool zbar-tools sqlite3 curl openssl faketime)
PKGS+=(ccache)  # rebuilds (CI, the sanitizer pass) reuse objects compiled before
PKGS+=(time iptables)  # bench/drain_bench.sh: peak RSS (/usr/bin/time -v) and bytes on the wire
PKGS+=(espeak-ng)  # the lobby board's voice clips are generated with its Vietnamese voice at build time
PKGS+=(dpkg-dev file lintian systemd)  # packaging: cpack -G DEB (dpkg-shlibdeps, file), lintian, systemd-analyze
PKGS+=(libcairo2-dev poppler-utils)  # motcua-server enroll-sheet draws A4 PDF/PNG with cairo; its test reads the PDF back with pdftoppm
PKGS+=(cage grim xwayland)  # the kiosk screen session (motcua-kiosk@.service): its test (cage headless, grim screenshots) and bench/kiosk_session.sh (also through Xwayland)
PKGS+=(mmdebstrap)  # packaging/check-install-in-chroot.sh: the packages installed into a fresh Debian 12 root
PKGS+=(adduser procps)  # the upgrade test installs the server and sync packages here (they depend on adduser); pgrep
PKGS+=(libjs-chart.js chromium)  # the web dashboard serves Debian's Chart.js; its tests drive headless Chromium
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
