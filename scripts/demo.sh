#!/usr/bin/env bash
# Runs Curbscore on this machine with embedded defaults: installs what is missing, then starts
# PostgreSQL, the provider emulator, the app and the Inngest engine (see scripts/demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ensure-installed.sh
# tsx itself forwards SIGINT and SIGTERM to the launcher, so signalling this pid stops the stack.
exec node_modules/.bin/tsx scripts/demo.ts
