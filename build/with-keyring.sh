#!/usr/bin/env bash
# Runs a command with a Secret Service available, so keychain tests use the real gnome-keyring.
# Inside an existing D-Bus session (a desktop, or .ci/run) it runs the command as it is; otherwise it
# starts a private session bus and a gnome-keyring with a throwaway, unlocked keyring for the command's
# lifetime. The keyring lives in a temporary directory, so a user's own keyrings are never touched and
# an old keyring with another password can never leave it locked.
set -euo pipefail
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -n "${GPJOBS_NO_KEYRING_WRAP:-}" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon is missing; run 'npm run setup' first." >&2
  exit 2
fi
exec dbus-run-session -- bash "$(dirname "$0")/keyring-daemon.sh" "$@"
