#!/usr/bin/env bash
# Installs the three .debs into a fresh Debian 12 root made by mmdebstrap (their maintainer scripts
# run there, not on this machine) and shows what IT staff would check: the programs start, the
# user motcua and /var/lib/motcua exist, the units are enabled, the settings are conffiles.
# Usage (as root): packaging/check-install-in-chroot.sh DIR_WITH_DEBS [TARGET_DIR]
# Measured here: 180-250 s, most of it downloading ~60 packages from the Debian mirror, so it is not
# part of ctest (tests/packaging/deb_package_test.sh checks the packages without a chroot).
set -euo pipefail
debs=$(realpath "$1")
target=${2:-$(mktemp -d /tmp/motcua-chroot.XXXXXX)}
version=$(dpkg-deb -f "$debs"/motcua-sync_*.deb Version)
includes=()
for pkg in motcua-server motcua-sync motcua-kiosk; do includes+=(--include="$debs/${pkg}_${version}_amd64.deb"); done
rm -rf "$target"
mmdebstrap --variant=apt --mode=root --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount "${includes[@]}" \
  --customize-hook='set -e
    chroot "$1" motcua-server --version
    chroot "$1" motcua-sync --version
    chroot "$1" motcua-kiosk --help | head -1
    chroot "$1" getent passwd motcua
    chroot "$1" stat -c "%U:%G %a %n" /var/lib/motcua
    find "$1/etc/systemd/system" -name "motcua*" -printf "enabled: %P\n"
    chroot "$1" dpkg-query -W -f="\${Package}:\${Conffiles}\n" motcua-kiosk motcua-sync motcua-server' \
  bookworm "$target"
echo "installed root: $target (remove it with rm -rf when done)"
