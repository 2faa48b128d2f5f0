#!/usr/bin/env bash
# Runs every test: installs what is missing (npm packages, Debian's Chromium for the browser
# test), then runs scripts/test.ts, which builds the engine on first use and starts the stack.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ensure-installed.sh

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The browser test needs Debian's chromium package: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "Installing Debian's chromium for the browser test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

exec node_modules/.bin/tsx scripts/test.ts
