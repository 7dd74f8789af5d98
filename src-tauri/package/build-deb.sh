#!/usr/bin/env bash
# Builds the Debian/Ubuntu package with Tauri's bundler:
#   bash src-tauri/package/build-deb.sh
# → target/release/bundle/deb/Rapport_<version>_amd64.deb: the release binary, the desktop entry
# (src-tauri/package/rapport.desktop), icons at every size and the dependencies, all from the
# "bundle" section of tauri.conf.json. Cargo reuses target/release, so a second build after a
# small change takes seconds, not the ~12 minutes of a clean release build.
source "$(dirname "$0")/../scripts/setup.sh"
cd "$ROOT"
release="${CARGO_TARGET_DIR:-$ROOT/target}/release"

ensure_apt_packages "${APP_PACKAGES[@]}"
ensure_rust
ensure_node
ensure_ui_packages
build_ui

say "Building the release binary and the .deb"
# --bundles deb: the AppImage also needs tools fetched from the network at bundle time.
ui/node_modules/.bin/tauri build --ci --bundles deb
deb="$(ls -t "$release"/bundle/deb/*.deb | head -n 1)"
say "Package: $deb"
