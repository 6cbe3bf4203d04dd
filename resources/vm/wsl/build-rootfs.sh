#!/bin/sh
# Builds the two tarballs Berth's WSL host imports (run on Linux as root with network access; CI
# runs it when packaging for Windows — it cannot run in the offline dev container):
#   berth-rootfs.tar.gz  Debian (trixie, amd64) with docker.io, iptables and /usr/local/bin/berth-engine
#   berth-data.tar       a busybox-only rootfs whose / holds the engine data (bind-mounted at /mnt/wsl/berth-data)
# Needs: debootstrap, busybox-static.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

debootstrap --variant=minbase --include=docker.io,iptables,ca-certificates,util-linux trixie "$work/engine" http://deb.debian.org/debian
cp -a "$here/rootfs/." "$work/engine/"
update-alternatives --root "$work/engine" --set iptables /usr/sbin/iptables-legacy 2>/dev/null || true
printf '[boot]\nsystemd=false\n[automount]\nenabled=false\n[interop]\nenabled=false\nappendWindowsPath=false\n' > "$work/engine/etc/wsl.conf"
rm -rf "$work/engine/var/cache/apt/archives/"*.deb "$work/engine/var/lib/apt/lists/"*
tar -C "$work/engine" --numeric-owner -czf "$out/berth-rootfs.tar.gz" .

mkdir -p "$work/data/bin" "$work/data/etc" "$work/data/docker"
cp "$(command -v busybox)" "$work/data/bin/busybox"
for a in sh mkdir mount mountpoint sleep; do ln -s busybox "$work/data/bin/$a"; done
printf '[automount]\nenabled=false\n[interop]\nenabled=false\nappendWindowsPath=false\n' > "$work/data/etc/wsl.conf"
tar -C "$work/data" --numeric-owner -cf "$out/berth-data.tar" .
echo "Wrote $out/berth-rootfs.tar.gz and $out/berth-data.tar"
