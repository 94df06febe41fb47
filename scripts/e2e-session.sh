#!/usr/bin/env bash
# Runs the end-to-end suite inside one throwaway desktop session: a private D-Bus bus, an Xvfb
# display, an unlocked gnome-keyring (Secret Service), the dbusmock notification daemon, and
# tauri-driver in front of the real app. Called by scripts/test.sh inside dbus-run-session and
# xvfb-run; everything it starts stops with it.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache XDG_RUNTIME_DIR=$scratch/run
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Not WEBKIT_DISABLE_COMPOSITING_MODE=1 here: under WebKitWebDriver it makes the screenshot
# endpoint hang, and WebKit's own snapshot renders the page without it.
# This run's screenshots and logs only: a page no longer photographed must not linger from before.
rm -rf artifacts/e2e && mkdir -p artifacts/e2e

echo -n e2e-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
/usr/bin/python3 -m dbusmock --template notification_daemon -l artifacts/e2e/notify.log >/dev/null 2>&1 &
mock=$!
tauri-driver --port 4444 >artifacts/e2e/tauri-driver.log 2>&1 &
driver=$!
# tauri-driver starts WebKitWebDriver, which starts the app: stop the whole tree, children first
# seen, so a second run on this machine does not find ports 4444/4445 still taken.
stop_tree() {
  local child
  for child in $(pgrep -P "$1" || true); do stop_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
trap 'stop_tree $driver; stop_tree $mock; rm -rf "$scratch"' EXIT

# The keychain adapter against the real Secret Service of this session.
cargo test -p wheelwright-engine --test engine keychain -- --ignored

node --test --test-concurrency=1 tests/e2e/
