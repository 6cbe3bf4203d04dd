#!/usr/bin/env bash
# One command to pass the tests on a fresh Debian/Ubuntu machine: set-up, then lint, format,
# typecheck, build, unit, integration (a private real dockerd) and end-to-end (Chromium) tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
if [ "$(id -u)" = 0 ]; then
  npm test
else
  echo "The integration and e2e tests start a private dockerd, which needs root: running them with sudo."
  sudo env "PATH=$PATH" npm test
fi
