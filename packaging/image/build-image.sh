#!/usr/bin/env bash
# Builds the root file system of a motcua kiosk: Debian 12 with a kernel, the motcua-kiosk and
# motcua-sync packages, the cage screen session enabled for one role, DHCP on every wired
# interface, time sync with a clock floor, and no desktop. The output is a tarball; writing it to
# a disk is the documented step in docs/deploy.md ("Image").
# Usage (as root, needs the Debian mirror): packaging/image/build-image.sh DEBS_DIR OUT.tar [ROLE]
#   DEBS_DIR  where motcua-kiosk_*.deb and motcua-sync_*.deb are (cmake --build ... --target package-debs)
#   ROLE      rating (default), dispenser, counter or board: the screen this kiosk shows
#   MOTCUA_IMAGE_SSH_KEY=FILE  an OpenSSH public key allowed to log in as root (the only way in:
#                           the image has no passwords and cage does not switch to a text console)
#   MOTCUA_IMAGE_ETC=DIR    kiosk.toml and/or sync.toml to install in /etc/motcua instead of the
#                           packaged defaults: the province's server.url, it.pin_hash for the IT screen
#   MOTCUA_IMAGE_MINIMAL=1  no kernel, boot loader or firmware: the same system for a chroot check
#                           (packaging/image/check-image.sh), smaller and quicker to build
set -euo pipefail
debs=$(realpath "$1")
out=$(realpath -m "$2")
role=${3:-rating}
case $role in rating|dispenser|counter|board) ;; *) echo "unknown role $role"; exit 2 ;; esac
version=$(dpkg-deb -f "$debs"/motcua-sync_*.deb Version)
packages=(systemd-sysv systemd-timesyncd systemd-resolved dbus libpam-systemd ca-certificates less nano openssh-server)
etc_dir=""
if [ -n "${MOTCUA_IMAGE_ETC:-}" ]; then etc_dir=$(realpath "$MOTCUA_IMAGE_ETC"); fi
ssh_key=""
if [ -n "${MOTCUA_IMAGE_SSH_KEY:-}" ]; then ssh_key=$(cat "$MOTCUA_IMAGE_SSH_KEY"); fi
if [ "${MOTCUA_IMAGE_MINIMAL:-0}" != 1 ]; then
  # A bootable system: kernel, GRUB for BIOS and UEFI, firmware for common GPUs and Wi-Fi cards.
  packages+=(linux-image-amd64 grub-pc-bin grub-efi-amd64-bin grub2-common initramfs-tools
    firmware-linux-free firmware-misc-nonfree firmware-realtek fdisk e2fsprogs)
fi
includes=$(IFS=,; echo "${packages[*]}")
mmdebstrap --variant=minbase --mode=root --components=main,non-free-firmware \
  --include="$includes" \
  --include="$debs/motcua-sync_${version}_amd64.deb" --include="$debs/motcua-kiosk_${version}_amd64.deb" \
  --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
  --customize-hook='set -e
    echo motcua-kiosk >"$1/etc/hostname"
    # DHCP on every wired interface, with systemd-networkd (no NetworkManager, no desktop).
    mkdir -p "$1/etc/systemd/network"
    printf "[Match]\nName=en* eth*\n\n[Network]\nDHCP=yes\n" >"$1/etc/systemd/network/50-wired.network"
    chroot "$1" systemctl enable systemd-networkd systemd-resolved systemd-timesyncd >/dev/null
    # Clock floor: at boot systemd-timesyncd sets a clock that is behind to this file'"'"'s time,
    # so a kiosk without a battery clock never starts in 1970; it moves forward at every sync.
    mkdir -p "$1/var/lib/systemd/timesync"
    touch "$1/var/lib/systemd/timesync/clock"
    chroot "$1" chown -R systemd-timesync:systemd-timesync /var/lib/systemd/timesync 2>/dev/null || true
    # The screen session for this kiosk'"'"'s role, and no login prompt on tty1 behind it.
    chroot "$1" systemctl enable "motcua-kiosk@'"$role"'.service" >/dev/null
    chroot "$1" systemctl set-default graphical.target >/dev/null
    # The data area: /var/lib/motcua is its own partition when the disk has one labelled
    # motcua-data (docs/deploy.md); nofail keeps a disk without it bootable.
    printf "LABEL=motcua-root / ext4 errors=remount-ro 0 1\nLABEL=motcua-data /var/lib/motcua ext4 nofail,x-systemd.device-timeout=10s 0 2\n" >"$1/etc/fstab"
    rm -f "$1/etc/machine-id" && touch "$1/etc/machine-id"   # a new id on each kiosk'"'"'s first boot
    # Each kiosk makes its own SSH host keys at first boot (sshd-keygen below), never the image'"'"'s.
    rm -f "$1"/etc/ssh/ssh_host_*
    printf "[Unit]\nDescription=SSH host keys for this kiosk\nBefore=ssh.service\nConditionPathExists=!/etc/ssh/ssh_host_ed25519_key\n[Service]\nType=oneshot\nExecStart=/usr/bin/ssh-keygen -A\n[Install]\nWantedBy=multi-user.target\n" >"$1/etc/systemd/system/motcua-ssh-keys.service"
    chroot "$1" systemctl enable motcua-ssh-keys.service >/dev/null
    if [ -n "'"$ssh_key"'" ]; then
      install -d -m 700 "$1/root/.ssh" && echo "'"$ssh_key"'" >"$1/root/.ssh/authorized_keys" && chmod 600 "$1/root/.ssh/authorized_keys"
    fi
    for f in kiosk.toml sync.toml; do
      if [ -n "'"$etc_dir"'" ] && [ -f "'"$etc_dir"'/$f" ]; then install -m 644 "'"$etc_dir"'/$f" "$1/etc/motcua/$f"; fi
    done
    echo "motcua image: role '"$role"', motcua '"$version"', built $(date -u +%F)" >"$1/etc/motcua/image-info"' \
  bookworm "$out"
echo "wrote $out (role $role, motcua $version)"
