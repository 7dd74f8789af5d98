#!/usr/bin/env bash
# Checks the .deb as an owner gets it:
#   bash tests/package/check-deb.sh [PACKAGE.deb]   (default: the newest built one)
# Its files and dependencies (dpkg-deb), its desktop entry (desktop-file-validate); then, as root
# (as CI runs), installs it with dpkg -i, starts Rapport from the installed desktop entry's Exec
# line under Xvfb and sees the Today screen through WebDriver (tests/e2e/installed.mjs), closes
# it, removes the package with dpkg -r and checks that nothing is left in /usr.
source "$(dirname "$0")/../../src-tauri/scripts/setup.sh"
cd "$ROOT"
release="${CARGO_TARGET_DIR:-$ROOT/target}/release"

deb="${1:-$(ls -t "$release"/bundle/deb/*.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || die "no package to check: build it with bash src-tauri/package/build-deb.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say "Package: files and dependencies of $deb"
# The package's files (not folders) as /usr/…, whichever way dpkg-deb spells them (./usr/…).
dpkg-deb --contents "$deb" | awk '/^-/ {print $NF}' | sed -e 's|^\./|/|' -e 's|^\([^/]\)|/\1|' > "$work/contents"
expect_file() { grep -qx "/$1" "$work/contents" || die "$deb lacks /$1"; }
expect_file usr/bin/rapport
expect_file usr/share/applications/Rapport.desktop
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
    expect_file "usr/share/icons/hicolor/$size/apps/rapport.png"
done
# Only the binary, the entry and the icons: anything else would be a surprise on the owner's disk.
if grep -v -e '^/usr/bin/rapport$' -e '^/usr/share/applications/Rapport.desktop$' \
        -e '^/usr/share/icons/hicolor/[0-9]*x[0-9]*/apps/rapport.png$' "$work/contents"; then
    die "$deb holds files it should not (above)"
fi
depends="$(dpkg-deb --field "$deb" Depends)"
for dep in libwebkit2gtk-4.1-0 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji; do
    [[ ", $depends," == *", $dep,"* ]] || die "$deb does not depend on $dep (Depends: $depends)"
done

say "Package: the desktop entry"
dpkg-deb --extract "$deb" "$work/root"
entry="$work/root/usr/share/applications/Rapport.desktop"
desktop-file-validate "$entry"
# Tauri's "Business" category is the freedesktop menu "Office".
grep -qx 'Categories=Office;ContactManagement;' "$entry" || die "the desktop entry is not in the Office (business) menu"
grep -qx 'Exec=rapport' "$entry" || die "the desktop entry does not start rapport"
# The packaged program runs (the bundler marks its copy as the .deb build, so it is not
# byte for byte target/release/rapport).
version="$(dpkg-deb --field "$deb" Version)"
[ "$("$work/root/usr/bin/rapport" --version)" = "rapport $version" ] || die "the packaged rapport does not say it is version $version"

if [ "$(id -u)" -ne 0 ]; then
    say "Package: not root, so not installed here (CI runs this as root: dpkg -i, start, dpkg -r)"
    exit 0
fi

# One installation at a time on this machine: the package goes into the shared /usr.
exec 9>/tmp/rapport-package.lock
flock 9
if dpkg-query -W -f='${Status}' rapport 2>/dev/null | grep -q "install ok installed"; then
    die "the rapport package is already installed on this machine; remove it (dpkg -r rapport) and run this again"
fi
ensure_apt_packages $(dpkg-deb --field "$deb" Depends | tr -d ' ' | tr ',' ' ')

say "Package: dpkg -i, start from the menu entry, dpkg -r"
find /usr -xdev | sort > "$work/usr-before"
remove() { dpkg -r rapport >/dev/null 2>&1 || true; }
trap 'remove; rm -rf "$work"' EXIT
dpkg -i "$deb"
[ "$(dpkg-query -W -f='${Status}' rapport)" = "install ok installed" ] || die "dpkg -i did not install rapport"
node tests/e2e/installed.mjs /usr/share/applications/Rapport.desktop
dpkg -r rapport
find /usr -xdev | sort > "$work/usr-after"
if ! diff "$work/usr-before" "$work/usr-after"; then
    die "dpkg -r left the files above in /usr (or removed ones that were there before)"
fi
say "Package: installed, started, closed and removed without a trace in /usr"
