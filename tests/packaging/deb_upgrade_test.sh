#!/usr/bin/env bash
# Installs motcua-server and motcua-sync on this machine with dpkg as IT staff would, puts data in
# them through the installed programs (a site, a kiosk enrolled, its ratings delivered), edits a
# setting in /etc/motcua, then upgrades both packages to the next package release and checks:
# the edit is kept, the events and the kiosk's cursor are kept, the upgraded programs serve them,
# and a second push counts nothing twice. Then it purges what it installed.
# N+1 is the same build packaged as release 2 (version V-2 over V-1): this exercises dpkg's upgrade
# path and the maintainer scripts, not a schema migration (those are tested on databases in
# tests/server and tests/core).
# Needs root and a machine without motcua installed (exit 77 = skipped, said why, otherwise).
# Usage: deb_upgrade_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(realpath "$1")
build=$(realpath "$2")
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "installing packages needs root"
for pkg in motcua-server motcua-sync motcua-kiosk; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "installed"; then
    skip "$pkg is installed on this machine; this test installs and purges its own"
  fi
done
[ -e /etc/motcua ] || [ -e /var/lib/motcua ] && skip "/etc/motcua or /var/lib/motcua exists here already"
getent passwd motcua >/dev/null && had_user=1 || had_user=0

work=$(mktemp -d)
server_pid=""
installed=0
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ "$had_user" = 1 ] || pkill -u motcua 2>/dev/null || true
  if [ "$installed" = 1 ]; then
    dpkg --purge motcua-sync motcua-server >"$work/purge.log" 2>&1 || cat "$work/purge.log"
    rm -rf /var/lib/motcua /etc/motcua  # both absent before the test (checked above)
    [ "$had_user" = 1 ] || deluser --system motcua >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
# As the units run the programs: user and group motcua.
as_motcua() { setpriv --reuid=motcua --regid=motcua --init-groups -- "$@"; }

version=$(sed -n 's/^project(motcua VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/n" >"$work/cpack-n.log" 2>&1 || { cat "$work/cpack-n.log"; exit 1; }
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/n1" -D CPACK_DEBIAN_PACKAGE_RELEASE=2 \
  >"$work/cpack-n1.log" 2>&1 || { cat "$work/cpack-n1.log"; exit 1; }
debs_n=("$work/n/motcua-server_${version}-1_amd64.deb" "$work/n/motcua-sync_${version}-1_amd64.deb")
debs_n1=("$work/n1/motcua-server_${version}-2_amd64.deb" "$work/n1/motcua-sync_${version}-2_amd64.deb")
for deb in "${debs_n[@]}" "${debs_n1[@]}"; do [ -f "$deb" ] || { ls "$work"/n*; echo "no $deb"; exit 1; }; done

echo "== install $version-1"
installed=1
dpkg -i "${debs_n[@]}" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
getent passwd motcua >/dev/null || problem "no user motcua after install"
[ "$(stat -c '%U %a' /var/lib/motcua)" = "motcua 750" ] || problem "/var/lib/motcua is not motcua's, mode 750"

# IT staff's edit of a setting: reports in UTC+7 stay, the enrolment codes live 48 h instead of 72.
sed -i 's/^code_ttl_hours = 72$/code_ttl_hours = 48/' /etc/motcua/server.toml
grep -q '^code_ttl_hours = 48$' /etc/motcua/server.toml || { echo "could not edit server.toml"; exit 1; }

start_server() {
  setpriv --reuid=motcua --regid=motcua --init-groups -- motcua-server serve --port 0 >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/server.log" && break; sleep 0.05; done
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/server.log")
  [ -n "$url" ] || { cat "$work/server.log"; exit 1; }
}
stop_server() {
  kill "$server_pid"
  wait "$server_pid" || true
  server_pid=""
  pgrep -u motcua >/dev/null && { echo "a motcua process is still running: $(pgrep -a -u motcua)"; exit 1; }
  return 0
}
rated() { as_motcua motcua-server report --site xa-an-phu --json | sed -n 's/^  "total": \([0-9]*\),*$/\1/p'; }
sync() { as_motcua motcua-sync --config /etc/motcua/sync.toml "$@"; }  # as its unit runs it
sent_through() { sync status --json | sed -n 's/^ *"sent_through": *\([0-9]*\).*/\1/p'; }

as_motcua motcua-server site add --id xa-an-phu --name "Trung tâm Phục vụ hành chính công xã An Phú" >/dev/null
as_motcua motcua-server counter add --site xa-an-phu --id 1 --name "Quầy 1" >/dev/null
# The kiosk's database with 1 200 ratings, where the installed sync daemon looks for it.
"$build/bench/bench_make_backlog" /var/lib/motcua/kiosk.db 1200 >/dev/null
chown motcua:motcua /var/lib/motcua/kiosk.db*
start_server
code=$(as_motcua motcua-server enroll-code create --site xa-an-phu --counter 1 | grep -o '[A-Z0-9]\{4\}-[A-Z0-9]\{4\}' | head -1)
sync enroll --server "$url" --code "$code" >"$work/enroll.log" 2>&1 || { cat "$work/enroll.log"; exit 1; }
sync run --once >"$work/sync1.log" 2>&1 || true
stop_server
[ "$(rated)" = 1200 ] || problem "before the upgrade the server counts $(rated) ratings, not 1200"
[ "$(sent_through)" = 1200 ] || problem "before the upgrade the kiosk has sent through $(sent_through), not 1200"
events_before=$(sqlite3 /var/lib/motcua/server.db "SELECT count(*) FROM events")

echo "== upgrade to $version-2"
dpkg -i "${debs_n1[@]}" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; exit 1; }
for pkg in motcua-server motcua-sync; do
  [ "$(dpkg-query -W -f='${Version}' "$pkg")" = "$version-2" ] || problem "$pkg is not at $version-2 after the upgrade"
done
grep -q "conffile" "$work/upgrade.log" && problem "dpkg asked about a conffile during the upgrade: $(grep conffile "$work/upgrade.log")"
grep -q '^code_ttl_hours = 48$' /etc/motcua/server.toml || problem "the edit of /etc/motcua/server.toml was lost"
[ "$(stat -c '%U %a' /var/lib/motcua)" = "motcua 750" ] || problem "/var/lib/motcua changed owner or mode"
[ "$(sqlite3 /var/lib/motcua/server.db "SELECT count(*) FROM events")" = "$events_before" ] || problem "server events changed"
[ "$(sqlite3 /var/lib/motcua/server.db "PRAGMA integrity_check")" = ok ] || problem "server.db integrity_check"
[ "$(sqlite3 /var/lib/motcua/kiosk.db "PRAGMA integrity_check")" = ok ] || problem "kiosk.db integrity_check"

# The upgraded programs: same identity, same cursor; a push sends nothing again, counts nothing twice.
start_server
[ "$(sent_through)" = 1200 ] || problem "after the upgrade the kiosk has sent through $(sent_through), not 1200"
sync run --once >"$work/sync2.log" 2>&1 || true
stop_server
[ "$(rated)" = 1200 ] || problem "after the upgrade the server counts $(rated) ratings, not 1200"
# The edited setting is the one in force: a new enrolment code lasts 48 hours.
as_motcua motcua-server enroll-code create --site xa-an-phu --counter 1 >/dev/null || problem "enroll-code after upgrade"
hours=$(sqlite3 /var/lib/motcua/server.db "SELECT (expires_at - created_at) / 3600000 FROM enroll_codes ORDER BY created_at DESC LIMIT 1")
[ "$hours" = 48 ] || problem "a code made after the upgrade lasts $hours hours, not the edited 48"

[ "$fail" = 0 ] && echo "upgrade $version-1 -> $version-2: settings, events and the kiosk's cursor kept"
exit "$fail"
