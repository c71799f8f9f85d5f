#!/usr/bin/env bash
# Checks a kiosk root file system made by build-image.sh, in a chroot, as IT staff would check a
# kiosk before shipping it: the screen session and the sync daemon are enabled, time sync and the
# network are on, the programs start, the settings are the packaged conffiles, the data folder
# belongs to motcua, and the clock floor is there.
# Usage (as root): packaging/image/check-image.sh ROOTFS.tar [ROLE]
set -euo pipefail
tar=$(realpath "$1")
role=${2:-rating}
root=$(mktemp -d /tmp/motcua-image.XXXXXX)
trap 'rm -rf "$root"' EXIT
tar -C "$root" -xf "$tar"
fail=0
problem() { echo "FAIL: $*"; fail=1; }
wants="$root/etc/systemd/system"
[ -L "$wants/graphical.target.wants/motcua-kiosk@$role.service" ] || problem "motcua-kiosk@$role.service is not enabled"
[ -L "$wants/multi-user.target.wants/motcua-sync.service" ] || problem "motcua-sync.service is not enabled"
[ -L "$wants/sysinit.target.wants/systemd-timesyncd.service" ] || problem "systemd-timesyncd is not enabled"
[ -L "$wants/multi-user.target.wants/systemd-networkd.service" ] || problem "systemd-networkd is not enabled"
[ "$(readlink "$root/etc/systemd/system/default.target")" = "/lib/systemd/system/graphical.target" ] || problem "the default target is not graphical.target"
[ -e "$root/var/lib/systemd/timesync/clock" ] || problem "no clock floor file"
chroot "$root" motcua-sync --version | grep -q "^motcua-sync " || problem "motcua-sync does not start"
chroot "$root" motcua-kiosk --version | grep -q "^motcua-kiosk " || problem "motcua-kiosk does not start"
chroot "$root" cage -h >/dev/null 2>&1 || [ -x "$root/usr/bin/cage" ] || problem "cage missing"
for f in /etc/motcua/kiosk.toml /etc/motcua/sync.toml /etc/pam.d/motcua-kiosk /etc/motcua/image-info; do
  [ -f "$root$f" ] || problem "$f missing"
done
[ "$(chroot "$root" stat -c %U /var/lib/motcua)" = motcua ] || problem "/var/lib/motcua does not belong to motcua"
grep -q "LABEL=motcua-data /var/lib/motcua" "$root/etc/fstab" || problem "no data area in /etc/fstab"
[ -s "$root/etc/machine-id" ] && problem "the image carries a machine id (every kiosk would share it)"
ls "$root"/etc/ssh/ssh_host_* >/dev/null 2>&1 && problem "the image carries SSH host keys (every kiosk would share them)"
[ -L "$wants/multi-user.target.wants/motcua-ssh-keys.service" ] || problem "the first-boot SSH host key unit is not enabled"
cat "$root/etc/motcua/image-info"
du -sh "$tar" | awk '{print "size of the tarball: " $1}'
[ $fail -eq 0 ] && echo "the kiosk image is ready: session motcua-kiosk@$role, sync, time and network enabled"
exit $fail
