#!/usr/bin/env bash
# Inside a D-Bus session: starts gnome-keyring's Secret Service on a fresh, unlocked keyring kept in a
# temporary directory (removed afterwards), then runs the command. Used by with-keyring.sh and .ci/run.
set -euo pipefail
keyrings=$(mktemp -d -t gpjobs-keyring.XXXXXX)
trap 'rm -rf "$keyrings"' EXIT
printf 'gpjobs-test' | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
