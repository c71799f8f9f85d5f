#!/usr/bin/env bash
# Builds the three .debs from this build tree with CPack and checks them as IT staff would meet
# them: what they install where, their control fields and conffiles, that no file names the build
# machine's source or build folder, that the units pass systemd-analyze verify, that the programs
# start from the unpacked tree, and (when lintian is installed) that lintian finds no error.
# Usage: deb_package_test.sh SOURCE_DIR BUILD_DIR. Nothing is installed on this machine.
set -euo pipefail
src=$(realpath "$1")
build=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

version=$(sed -n 's/^project(motcua VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || { echo "cannot read the project version"; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }

for pkg in motcua-kiosk motcua-sync motcua-server; do
  prog=${pkg#motcua-}
  deb="$work/out/${pkg}_${version}-1_amd64.deb"
  [ -f "$deb" ] || { problem "$pkg: no $deb"; ls "$work/out"; continue; }
  echo "== $pkg ($(stat -c %s "$deb") bytes)"
  files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')

  # Files where IT staff and systemd look for them.
  for want in "/usr/bin/$pkg" "/etc/motcua/$prog.toml" "/usr/share/doc/$pkg/copyright" "/usr/share/doc/$pkg/changelog.Debian.gz"; do
    grep -qx "$want" <<<"$files" || problem "$pkg: $want missing"
  done
  case $pkg in
    motcua-kiosk) units="motcua-kiosk@.service"
                  grep -qx "/usr/share/motcua/assets/i18n/vi.json" <<<"$files" || problem "$pkg: assets not in /usr/share/motcua/assets"
                  grep -qx "/usr/share/motcua/voice/vi/clips.txt" <<<"$files" || problem "$pkg: the spoken call clips are not in /usr/share/motcua/voice/vi" ;;
    *) units="$pkg.service" ;;
  esac
  for unit in $units; do grep -qx "/lib/systemd/system/$unit" <<<"$files" || problem "$pkg: unit $unit missing"; done
  grep -q "^/usr/local\|^/home\|^/work\|^/tmp" <<<"$files" && problem "$pkg: files outside the Debian layout"

  # Control fields.
  [ "$(dpkg-deb -f "$deb" Package)" = "$pkg" ] || problem "$pkg: Package field"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || problem "$pkg: Version is not $version-1"
  [ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || problem "$pkg: no Maintainer"
  [ -n "$(dpkg-deb -f "$deb" Section)" ] || problem "$pkg: no Section"
  [ "$(dpkg-deb -f "$deb" Description | wc -l)" -ge 2 ] || problem "$pkg: no long Description"
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "   Depends: $depends"
  for lib in libc6 libsqlite3-0 libssl3 adduser; do grep -q "$lib" <<<"$depends" || problem "$pkg: Depends lacks $lib (shlibdeps)"; done
  [ "$pkg" = motcua-sync ] && { grep -q libcurl4 <<<"$depends" || problem "$pkg: Depends lacks libcurl4"; }
  [ "$pkg" = motcua-kiosk ] && { for lib in libsdl2 fonts-noto-core cage libpam-systemd libgl1-mesa-dri; do grep -q "$lib" <<<"$depends" || problem "$pkg: Depends lacks $lib"; done; }
  grep -q espeak <<<"$depends$(dpkg-deb -f "$deb" Recommends)" && problem "$pkg: espeak-ng is not a runtime dependency"

  # Config as conffiles; maintainer scripts present and valid sh.
  dpkg-deb -e "$deb" "$work/$pkg.control"
  want_conffiles="/etc/motcua/$prog.toml"
  [ "$pkg" = motcua-kiosk ] && want_conffiles=$(printf '/etc/motcua/kiosk.toml\n/etc/pam.d/motcua-kiosk')
  [ "$(cat "$work/$pkg.control/conffiles")" = "$want_conffiles" ] || problem "$pkg: conffiles is not $want_conffiles"
  for script in postinst prerm postrm; do
    [ -x "$work/$pkg.control/$script" ] || { problem "$pkg: no executable $script"; continue; }
    sh -n "$work/$pkg.control/$script" || problem "$pkg: $script is not valid sh"
    grep -q "@UNITS@\|@PACKAGE@" "$work/$pkg.control/$script" && problem "$pkg: $script has unfilled template words"
  done
  grep -q "adduser --system" "$work/$pkg.control/postinst" || problem "$pkg: postinst does not create the motcua user"

  # No path of the build machine in any installed file (binaries included: strings of all bytes).
  root="$work/root"
  dpkg-deb -x "$deb" "$root"
  if hits=$(grep -rla --fixed-strings -e "$src" -e "$build" "$root"); then
    problem "$pkg: these files name the source or build folder: $hits"
  fi
  [ -z "$(file "$root/usr/bin/$pkg" | grep 'not stripped')" ] || problem "$pkg: /usr/bin/$pkg is not stripped"
done

# The programs start from the unpacked packages (libraries from this Debian 12 machine).
root="$work/root"
"$root/usr/bin/motcua-server" --version | grep -q "^motcua-server $version" || problem "motcua-server --version"
"$root/usr/bin/motcua-sync" --help >"$work/sync-help" 2>&1 || true
grep -q "usage: motcua-sync" "$work/sync-help" || problem "motcua-sync --help"
"$root/usr/bin/motcua-kiosk" --help >"$work/kiosk-help" 2>&1 || true
grep -q "usage: motcua-kiosk" "$work/kiosk-help" || problem "motcua-kiosk --help"
# The packaged kiosk finds its texts in <root>/usr/share/motcua/assets, relative to the program
# (no source path is compiled in), and draws its screens: its --demo tour under SDL's offscreen driver.
if [ -e /usr/share/motcua/assets ]; then
  echo "note: /usr/share/motcua/assets exists on this machine, so the kiosk's relative lookup is not isolated"
fi
if ! (cd "$work" && SDL_VIDEODRIVER=offscreen timeout 60 "$root/usr/bin/motcua-kiosk" --demo --db "$work/demo.db" \
        --screenshot-dir "$work/shots" >"$work/kiosk-demo.log" 2>&1); then
  cat "$work/kiosk-demo.log"; problem "the packaged motcua-kiosk --demo failed"
fi
[ -s "$work/shots/rating.png" ] && [ -s "$work/shots/thanks.png" ] || problem "the packaged kiosk drew no rating and thanks screens"

# The packaged config files are the programs' documented defaults.
for prog in kiosk sync server; do
  "$root/usr/bin/motcua-$prog" --print-default-config | cmp -s - "$root/etc/motcua/$prog.toml" || problem "/etc/motcua/$prog.toml differs from motcua-$prog --print-default-config"
done

# Units: systemd-analyze verify checks that ExecStart= names an executable, so each packaged unit
# is verified as a copy whose /usr/bin points into the unpacked tree.
mkdir -p "$work/units"
for unit in motcua-server.service motcua-sync.service motcua-kiosk@.service; do
  sed "s|/usr/bin/motcua-|$root/usr/bin/motcua-|g" "$root/lib/systemd/system/$unit" >"$work/units/$unit"
done
cp "$work/units/motcua-kiosk@.service" "$work/units/motcua-kiosk@rating.service"
for unit in motcua-server.service motcua-sync.service motcua-kiosk@rating.service; do
  if ! out=$(systemd-analyze verify "$work/units/$unit" 2>&1) || [ -n "$out" ]; then
    problem "systemd-analyze verify $unit: $out"
  fi
done

if command -v lintian >/dev/null; then
  if ! lintian --fail-on error "$work"/out/*.deb >"$work/lintian.log" 2>&1; then
    cat "$work/lintian.log"; problem "lintian reports errors"
  fi
else
  echo "lintian not installed: skipped (scripts/install-deps.sh installs it)"
fi

[ $fail -eq 0 ] && echo "all package checks passed"
exit $fail
