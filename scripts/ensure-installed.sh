#!/usr/bin/env bash
# Installs what Curbscore needs to run, once: npm packages (again whenever package-lock.json
# changes) and the generated Prisma client. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "Curbscore needs Node.js 20 or newer; found: $(node --version 2>/dev/null || echo none)." >&2
  exit 1
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.curbscore-installed
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "Installing npm packages (npm ci)..."
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi

# The generated client carries a copy of the schema; without it node_modules holds only the
# package's placeholder. `prisma generate` reads the datasource URL but never connects, so a
# placeholder URL will do.
if [ ! -f node_modules/.prisma/client/schema.prisma ] || [ prisma/schema.prisma -nt node_modules/.prisma/client/schema.prisma ]; then
  DATABASE_URL="${DATABASE_URL:-postgresql://placeholder@127.0.0.1:5432/placeholder}" npx prisma generate >/dev/null
fi
export NEXT_TELEMETRY_DISABLED=1
