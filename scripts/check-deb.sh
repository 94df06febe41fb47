#!/usr/bin/env bash
# Builds the Debian package from the debug build (bundling reuses it and takes seconds) and
# checks that it carries the binary, the desktop entry and the icons.
set -euo pipefail
cd "$(dirname "$0")/.."
ui/node_modules/.bin/tauri build --debug --bundles deb --features custom-protocol
deb=$(ls -t target/debug/bundle/deb/*.deb | head -n 1)
contents=$(dpkg-deb -c "$deb")
for wanted in usr/bin/wheelwright-desktop usr/share/applications/Wheelwright.desktop usr/share/icons/hicolor/32x32/apps/wheelwright-desktop.png usr/share/icons/hicolor/128x128/apps/wheelwright-desktop.png; do
  if ! grep -q "$wanted" <<<"$contents"; then
    echo "$deb lacks $wanted; it has:" >&2
    echo "$contents" >&2
    exit 1
  fi
done
echo "$deb: $(du -h "$deb" | cut -f1), binary, desktop entry and icons present"
