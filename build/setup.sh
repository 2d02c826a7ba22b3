#!/usr/bin/env bash
# One-command set-up for a fresh Debian/Ubuntu machine: system packages, npm dependencies, a build.
# Succeeds where Electron's binary cannot be downloaded, and says what that means.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(openssl libsecret-1-dev gnome-keyring dbus dbus-x11 chromium xvfb python3 make g++)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: system packages present"
fi

echo "setup: installing npm dependencies (npm ci)"
# Electron's binary comes from GitHub, which many build machines cannot reach; the tests do not need it.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund

echo "setup: building"
npm run build --silent

node build/electron-binary.mjs --explain
