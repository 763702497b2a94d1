#!/usr/bin/env bash
# The browser of the browser test (tests/test_browser.py): Debian's chromium and chromium-driver,
# built from one source package so their versions match. Installed only when one is missing;
# silent when both are there. As root through apt-get, otherwise through `sudo -n` if that works
# without a password, otherwise it stops and says how to install them.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver
PACKAGES=(chromium chromium-driver)
HOW="install them with: sudo apt-get install chromium chromium-driver"

[[ -x $CHROMIUM && -x $DRIVER ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "The browser test needs $CHROMIUM and $DRIVER (Debian's chromium, chromium-driver); $HOW" >&2
  exit 1
fi
if [[ $(id -u) == 0 ]]; then
  AS_ROOT=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  AS_ROOT=(sudo -n)
else
  echo "The browser test needs Debian's chromium and chromium-driver, and this user cannot install them; $HOW" >&2
  exit 1
fi

echo "Installing Debian chromium and chromium-driver for the browser test"
# apt's chatter (debconf notes included) is shown only if something fails.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${AS_ROOT[@]}" apt-get update -qq &&
  "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "Installing chromium and chromium-driver failed (above); $HOW" >&2
  exit 1
fi
for program in "$CHROMIUM" "$DRIVER"; do
  [[ -x $program ]] || { echo "apt-get installed the packages but $program is missing" >&2; exit 1; }
done
