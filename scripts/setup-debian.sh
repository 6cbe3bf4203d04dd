#!/usr/bin/env bash
# Installs what Berth and its tests need on a fresh Debian or Ubuntu machine, then the npm packages.
#   bash scripts/setup-debian.sh          # engine + browser + test tools
#   bash scripts/setup-debian.sh --run    # only what running Berth needs
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Berth's set-up installs Debian packages and needs root: run it as root or install sudo." >&2; exit 1; }
  SUDO="sudo"
fi

run_pkgs=(docker.io containerd iproute2 ca-certificates)
test_pkgs=(busybox-static chromium docker-registry docker-compose apache2-utils rootlesskit uidmap slirp4netns procps tar git iptables qemu-system-x86 openssl mmdebstrap debian-archive-keyring util-linux)
# kubectl (to check Berth reads kubeconfig as kubectl does): Debian's, unless one is installed already
# (another package's /usr/bin/kubectl would make Debian's refuse to install).
command -v kubectl >/dev/null || test_pkgs+=(kubernetes-client)
pkgs=("${run_pkgs[@]}")
[ "${1:-}" = "--run" ] || pkgs+=("${test_pkgs[@]}")
# --list: print the packages (CI installs them up front) and stop.
if [ "${1:-}" = "--list" ]; then echo "${pkgs[@]}"; exit 0; fi

missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
need_node=0
if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  need_node=1
  command -v npm >/dev/null || missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ "$need_node" = 1 ]; then
  # Debian's Node may be older than Vite needs (20.19+); the npm registry ships Node itself.
  echo "Installing Node.js 22 from the npm registry"
  $SUDO npm install -g node@22
  hash -r
fi
# A system dockerd started by the package is not used by Berth's tests, and must not hold port or bridge names.
if [ -z "${CI:-}" ] && command -v systemctl >/dev/null && systemctl is-active -q docker 2>/dev/null; then
  echo "Note: the system Docker engine is running; Berth's tests use their own private engines beside it."
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
