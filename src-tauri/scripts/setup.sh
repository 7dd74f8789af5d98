# Shared set-up for `src-tauri/start` and `tests/run`: installs what is missing, quickly does
# nothing when everything is there. Sourced, not run. Debian/Ubuntu.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# System libraries the window is built against, plus what the tests use.
ensure_apt_packages() {
    local missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} with your package manager"
        say "Installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# libssl-dev: TLS for SMTP (lettre, native-tls); libdbus-1-dev: the keyring (Secret Service).
# xdg-utils: "Open in system viewer" and opening a welcome draft in the mail program use xdg-open.
# fonts-noto-color-emoji: names with emoji print in colour (the package depends on it too).
APP_PACKAGES=(build-essential pkg-config curl libwebkit2gtk-4.1-dev libssl-dev libdbus-1-dev fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji xdg-utils)
# poppler-utils and qpdf: the card tests render PDFs and read their text and fonts back.
# postgresql and openssl: the team book's tests run a throwaway PostgreSQL server with a test
# certificate (src-tauri/scripts/test-postgres.sh); Debian 12 installs PostgreSQL 15.
# python3-icalendar: the calendar tests read rapport.ics back with a parser that is not ours.
# desktop-file-utils: the package's desktop entry is validated; dbus-daemon and xdotool: the
# one-window-per-book test runs its own session bus and reads which window has the focus.
# notification-daemon: a notification server on that session bus, to see the morning nudge by
# hand under Xvfb (the notification plugin talks D-Bus itself, so the app needs no library).
# python3-dbus and python3-gi: the morning-nudge test's own notification server, which records
# what Rapport shows and reports a click on it; openbox: a window manager for that test, so
# `--minimised` (the start at login) has something to minimise to.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils qpdf postgresql openssl python3-icalendar desktop-file-utils dbus-daemon xdotool notification-daemon python3-dbus python3-gi openbox)

ensure_rust() {
    if ! command -v cargo >/dev/null; then
        die "Rust is missing: install it from rustup (https://rustup.rs), then run this again"
    fi
}

ensure_node() {
    if ! command -v npm >/dev/null; then
        ensure_apt_packages nodejs npm
    fi
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 18 ] || die "Node.js $major is too old: Rapport's UI needs Node 18 or newer"
}

# npm packages, reinstalled only when package-lock.json changed.
ensure_ui_packages() {
    local stamp="$ROOT/ui/node_modules/.package-lock.json"
    if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ]; then
        say "Installing the UI's npm packages"
        # `npm install` with the committed lock file: installs exactly what it pins. (`npm ci`
        # refuses lock files written against this machine's registry mirror, which leaves out
        # other platforms' optional packages.)
        (cd "$ROOT/ui" && npm install --no-audit --no-fund --loglevel=error)
    fi
}

# Rebuilds ui/dist only when a source changed: the binary embeds it, so a needless rebuild
# would relink Rapport too.
build_ui() {
    local built="$ROOT/ui/dist/index.html"
    if [ -f "$built" ] && [ -z "$(find "$ROOT/ui/src" "$ROOT/ui/public" "$ROOT/ui/index.html" "$ROOT/ui/vite.config.ts" \
            "$ROOT/ui/tsconfig.json" "$ROOT/ui/package-lock.json" -newer "$built" -print -quit 2>/dev/null)" ]; then
        return
    fi
    say "Building the UI"
    (cd "$ROOT/ui" && npm run --silent build)
}

ensure_tauri_driver() {
    if ! command -v tauri-driver >/dev/null; then
        say "Installing tauri-driver (WebDriver for the end-to-end tests)"
        cargo install tauri-driver --locked --version '^2' --quiet
    fi
}
