#!/usr/bin/env bash
# Builds motcua and runs every test: the README's test command, and what CI runs.
#   scripts/test.sh            install packages, build (default preset), run all tests
#   MOTCUA_SANITIZE=1 scripts/test.sh   also build and run the suite under ASan + UBSan, all of it
#                                       but the kiosk's window (MOTCUA_BUILD_KIOSK_WINDOW=OFF in the
#                                       debug preset): core, sync, server and the kiosk's controllers,
#                                       queue, printing and voice. The window's screens and the tests
#                                       that drive it run in the first pass; building and driving them
#                                       a second time under the sanitizers took CI past 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
# ccache (when installed) keys objects on paths relative to the checkout, so a fresh clone reuses them.
# CCACHE_NOHASHDIR: with debug info on, ccache would also key on the checkout's absolute path.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"
# Tests start real servers and windows; two at a time keeps a 2-core machine responsive.
ctest --preset default -j 2

if [ "${MOTCUA_SANITIZE:-0}" = "1" ]; then
  echo "== the suite without the kiosk's window, under AddressSanitizer + UndefinedBehaviorSanitizer =="
  cmake --preset debug >/dev/null
  cmake --build --preset debug -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset debug -j 2
fi
