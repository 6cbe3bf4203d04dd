#!/usr/bin/env bash
# One command to run Berth on a fresh Debian/Ubuntu machine: set-up, build, then the desktop app
# where a display and the Electron runtime exist, else `berth serve` (open the printed address).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh --run
node scripts/ensure-built.mjs
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -n "$(node bin/electron-path.mjs)" ]; then
  exec node bin/berth.mjs "$@"
fi
echo "No display or no Electron runtime here: starting Berth in the browser (berth serve)."
exec node bin/berth.mjs serve "$@"
