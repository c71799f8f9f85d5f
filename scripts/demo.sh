#!/usr/bin/env bash
# Runs the whole system on this machine: motcua-server on 127.0.0.1, a kiosk enrolled to it,
# motcua-sync pushing its ratings, and motcua-kiosk. Everything lives in a fresh folder under
# /tmp and uses the built-in defaults (the kiosk reads the configuration sync pulls into that
# folder). With a display the kiosk opens in a window (close it or press Escape to end the
# demo); without one it runs headless, taps through every screen and saves a screenshot of each.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target motcua-server motcua-sync motcua-kiosk

BIN=build/default
DATA=$(mktemp -d /tmp/motcua-demo.XXXXXX)
SERVER="$BIN/server/motcua-server --db $DATA/server.db"
SYNC="$BIN/sync/motcua-sync --config $DATA/sync.toml"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== demo data in $DATA"
$SERVER site add --id demo-site --name "Trung tâm Phục vụ hành chính công xã An Phú" >/dev/null
$SERVER counter add --site demo-site --id 3 --name "Quầy số 3" >/dev/null
CODE=$($SERVER enroll-code create --site demo-site --counter 3)

$SERVER serve --port 0 >"$DATA/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "listening on" "$DATA/server.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$DATA/server.log" | head -1)
[ -n "$URL" ] || { echo "motcua-server did not start:"; cat "$DATA/server.log"; exit 1; }
echo "== motcua-server listening on $URL (log: $DATA/server.log)"

cat >"$DATA/sync.toml" <<TOML
[storage]
db_path = "$DATA/kiosk.db"
[device]
identity_file = "$DATA/device.json"
config_cache = "$DATA/server-config.json"
[sync]
interval_seconds = 1
TOML
$SYNC enroll --server "$URL" --code "$CODE"
$SYNC run >"$DATA/sync.log" 2>&1 &
pids+=($!)
echo "== motcua-sync running (log: $DATA/sync.log)"

# The kiosk draws the server's rating scale once motcua-sync has pulled it.
for _ in $(seq 50); do [ -s "$DATA/server-config.json" ] && break; sleep 0.2; done
cat >"$DATA/kiosk.toml" <<TOML
[device]
config_cache = "$DATA/server-config.json"
TOML
KIOSK=("$BIN/kiosk/motcua-kiosk" --config "$DATA/kiosk.toml" --db "$DATA/kiosk.db" --screenshot-dir "$DATA/screenshots")
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${MOTCUA_DEMO_HEADLESS:-0}" != "1" ]; then
  echo "== motcua-kiosk in a window: tap a rating; close the window to see the report"
  "${KIOSK[@]}" --windowed
else
  echo "== no display: motcua-kiosk runs headless and taps through every screen"
  "${KIOSK[@]}" --demo
fi

echo "== waiting for motcua-sync to deliver every rating"
for _ in $(seq 100); do
  $SYNC status | grep -q '^waiting: *0$' && break
  sleep 0.2
done
# status exits non-zero when something needs attention; the demo still shows it and the report.
{ $SYNC status || true; } | sed 's/^/   /'
echo "== the district server's report ($URL/api/v1/report)"
$SERVER report
if [ -d "$DATA/screenshots" ]; then
  echo "== screenshots of each kiosk screen saved in $DATA/screenshots:"
  ls -1 "$DATA/screenshots" | sed 's/^/   /'
fi
