#!/usr/bin/env bash
# Builds the Debian package from the debug build (bundling reuses it and takes seconds) and
# checks its versioned name, its control fields, and that it carries the binary, the desktop
# entry and the icons.
set -euo pipefail
cd "$(dirname "$0")/.."
ui/node_modules/.bin/tauri build --debug --bundles deb --features custom-protocol
# The package is named and versioned from tauri.conf.json: a release's artifact says which it is.
version=$(node -p 'require("./tauri.conf.json").version')
deb="target/debug/bundle/deb/Wheelwright_${version}_$(dpkg --print-architecture).deb"
if [ ! -f "$deb" ]; then
  echo "no $deb; the bundle folder has: $(ls target/debug/bundle/deb/)" >&2
  exit 1
fi
for field in "Package: wheelwright" "Version: $version" "Depends: libwebkit2gtk-4.1-0" "Description: The options wheel trader's workbench"; do
  if ! dpkg-deb -f "$deb" | grep -q "^$field"; then
    echo "$deb's control lacks '$field'; it has:" >&2
    dpkg-deb -f "$deb" >&2
    exit 1
  fi
done
contents=$(dpkg-deb -c "$deb")
for wanted in usr/bin/wheelwright-desktop usr/share/applications/Wheelwright.desktop usr/share/icons/hicolor/32x32/apps/wheelwright-desktop.png usr/share/icons/hicolor/128x128/apps/wheelwright-desktop.png; do
  if ! grep -q "$wanted" <<<"$contents"; then
    echo "$deb lacks $wanted; it has:" >&2
    echo "$contents" >&2
    exit 1
  fi
done
echo "$deb: $(du -h "$deb" | cut -f1), binary, desktop entry and icons present"
