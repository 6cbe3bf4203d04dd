#!/usr/bin/env bash
# Builds what Berth's isolated Linux VM boots (app/engine/host/vm/qemu-host.ts), from Debian packages
# only — nothing of the machine that builds it ends up in the VM:
#   vmlinuz          Debian's kernel (linux-image-amd64 of the same release as the root image)
#   initramfs.cpio   busybox-static, the modules stage 1 needs (virtio, ext4) and ./init
#   root.img         raw ext4 (no journal: the VM mounts it read-only), sparse: Debian bookworm with
#                    docker.io (dockerd, containerd, runc), iptables, e2fsprogs, kmod, busybox-static,
#                    ca-certificates, the kernel's modules (virtio, ext4, overlay, bridge, netfilter, …)
#                    ./berth-guest-init as /usr/sbin/berth-guest-init, ./berth-guest-control (the control
#                    port's service: stop, stats) and ./berth-cgroup-dump as /usr/lib/berth/cgroup-dump
#   berth-image.json what was built, from which scripts (the sha256 of this script, init,
#                    berth-guest-init, berth-guest-control and berth-cgroup-dump: a newer checkout rebuilds), and packages.txt (the package list)
#
#   sudo bash resources/vm/linux/build-image.sh [OUT_DIR] [--force]
#
# OUT_DIR defaults to resources/vm/linux/image (where Berth looks; packaging runs this before
# electron-builder). Run as root, with mmdebstrap and Debian's archive keys installed (apt-get install
# mmdebstrap debian-archive-keyring) and a Debian mirror reachable (BERTH_DEBIAN_MIRROR, default
# http://deb.debian.org/debian). Idempotent: an OUT_DIR already built from the same scripts is kept
# (--force builds it again); a new build replaces OUT_DIR only once it succeeded. Downloaded packages
# are kept in BERTH_IMAGE_CACHE (default /var/cache/berth/vm-image-debs): a rebuild downloads only
# what changed.
set -euo pipefail

# mmdebstrap runs these two hooks (this script again): the package cache in, the kernel package and the
# cache out. They run on the host with the chroot as $2.
if [ "${1:-}" = --hook-setup ]; then
  mkdir -p "$2/var/cache/apt/archives"
  if compgen -G "$BERTH_IMAGE_CACHE/*.deb" >/dev/null; then cp "$BERTH_IMAGE_CACHE"/*.deb "$2/var/cache/apt/archives/"; fi
  exit 0
fi
if [ "${1:-}" = --hook-customize ]; then
  export APT_CONFIG="$MMDEBSTRAP_APT_CONFIG"
  archives="$2/var/cache/apt/archives"
  # linux-image-amd64 → linux-image-<version>-amd64. Unpacked by hand (below), not installed: its
  # dependencies (initramfs-tools, linux-base) would build an initramfs Berth does not use.
  pkg="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')"
  [ -n "$pkg" ] || { echo "build-image.sh: no linux-image package found for linux-image-amd64" >&2; exit 1; }
  file="$(apt-cache show --no-all-versions "$pkg" | awk '/^Filename:/ { print $2; exit }')"
  if [ ! -f "$archives/$(basename "$file")" ]; then
    cd "$archives"
    apt-get download -q "$pkg" 2>&1 | { grep -v '^W: Download is performed unsandboxed' || true; } >&2
  fi
  [ -f "$archives/$(basename "$file")" ] || { echo "build-image.sh: could not download $pkg" >&2; exit 1; }
  cp "$archives/$(basename "$file")" "$BERTH_KERNEL_DEB"
  # The cache holds exactly this build's packages (old versions go).
  mkdir -p "$BERTH_IMAGE_CACHE"
  find "$BERTH_IMAGE_CACHE" -maxdepth 1 -name '*.deb' -delete
  cp "$archives"/*.deb "$BERTH_IMAGE_CACHE/"
  exit 0
fi

here="$(cd "$(dirname "$0")" && pwd)"
self="$here/$(basename "$0")"
out=""
force=0
for a in "$@"; do
  case "$a" in
    --force) force=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$self" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "build-image.sh: unknown option $a" >&2
      exit 2
      ;;
    *) out="$a" ;;
  esac
done
out="${out:-$here/image}"
out="$(mkdir -p "$out" && cd "$out" && pwd)"
suite=bookworm
mirror="${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${BERTH_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
export BERTH_IMAGE_CACHE="${BERTH_IMAGE_CACHE:-/var/cache/berth/vm-image-debs}"

# The scripts this image is made from: the same hash Berth computes (app/engine/host/vm/image.ts).
source_hash="$(cat "$self" "$here/init" "$here/berth-guest-init" "$here/berth-guest-control" "$here/berth-cgroup-dump" |
  sha256sum | cut -d' ' -f1)"

sizes() {
  local f
  for f in vmlinuz initramfs.cpio root.img; do
    printf '  %-15s %6s MiB' "$f" "$(($(stat -c %s "$out/$f") / 1048576))"
    [ "$f" = root.img ] && printf ' (%s MiB on disk: sparse)' "$(($(stat -c %b "$out/$f") * 512 / 1048576))"
    printf '\n'
  done
}

if [ "$force" = 0 ] && [ -f "$out/berth-image.json" ] && grep -q "\"source\": \"$source_hash\"" "$out/berth-image.json" &&
  [ -f "$out/vmlinuz" ] && [ -f "$out/initramfs.cpio" ] && [ -f "$out/root.img" ]; then
  echo "Berth's VM image in $out is up to date (built from these scripts); --force builds it again."
  sizes
  exit 0
fi

[ "$(id -u)" = 0 ] || {
  echo "build-image.sh: run it as root (sudo bash $self $out): it builds a Debian root file system." >&2
  exit 1
}
command -v mmdebstrap >/dev/null || {
  echo "build-image.sh: mmdebstrap is missing: install it with \`sudo apt-get install mmdebstrap\`." >&2
  exit 1
}
# Debian's archive keys (a Debian host has them; Ubuntu: apt-get install debian-archive-keyring).
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || {
  echo "build-image.sh: Debian's archive keys are missing: install them with \`sudo apt-get install debian-archive-keyring\`." >&2
  exit 1
}
command -v mke2fs >/dev/null || {
  echo "build-image.sh: mke2fs is missing: install it with \`sudo apt-get install e2fsprogs\`." >&2
  exit 1
}

began=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/var/tmp}/berth-vm-image.XXXXXX")"
cleanup() {
  # mmdebstrap unmounts what it mounted; never follow a leftover mount out of the work dir.
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
root="$work/root"
export BERTH_KERNEL_DEB="$work/kernel.deb"

echo "Building Berth's VM image (Debian $suite) in $out"
# --variant=essential: only Essential:yes packages plus these (and their dependencies, no
# recommends). The merged-usr hooks set up /bin → usr/bin itself (the usrmerge package would pull in perl).
TMPDIR=/var/tmp mmdebstrap --variant=essential --mode=root --format=directory --keyring="$keyring" \
  --include=docker.io,containerd,runc,iptables,e2fsprogs,kmod,mount,busybox-static,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --dpkgopt='path-exclude=/usr/share/bash-completion/*' \
  --dpkgopt='path-exclude=/usr/share/zsh/*' \
  --dpkgopt='path-exclude=/usr/share/fish/*' \
  --skip=essential/unlink \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --setup-hook="bash '$self' --hook-setup \"\$1\"" \
  --customize-hook="bash '$self' --hook-customize \"\$1\"" \
  "$suite" "$root" \
  "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"

# The kernel and only the modules a container engine VM uses (the package has ~400 MB of drivers).
kdir=./usr/lib/modules
dpkg-deb --fsys-tarfile "$BERTH_KERNEL_DEB" |
  tar -x -C "$work" --wildcards --no-wildcards-match-slash \
    './boot/vmlinuz-*' './lib/modules/*/modules.*' \
    './lib/modules/*/kernel/arch' './lib/modules/*/kernel/crypto' './lib/modules/*/kernel/lib' \
    './lib/modules/*/kernel/block' './lib/modules/*/kernel/mm' './lib/modules/*/kernel/net' \
    './lib/modules/*/kernel/fs/ext4' './lib/modules/*/kernel/fs/jbd2' './lib/modules/*/kernel/fs/mbcache.ko' \
    './lib/modules/*/kernel/fs/overlayfs' './lib/modules/*/kernel/fs/fuse' './lib/modules/*/kernel/fs/nls' \
    './lib/modules/*/kernel/drivers/virtio' './lib/modules/*/kernel/drivers/block' \
    './lib/modules/*/kernel/drivers/char/hw_random' './lib/modules/*/kernel/drivers/net' \
    './lib/modules/*/kernel/drivers/char/virtio_console.ko' './lib/modules/*/kernel/drivers/acpi/button.ko' \
    './lib/modules/*/kernel/drivers/input/evdev.ko' \
    './lib/modules/*/kernel/drivers/firmware/qemu_fw_cfg.ko' \
    --exclude='./lib/modules/*/kernel/drivers/net/*/*' \
    --exclude='./lib/modules/*/kernel/drivers/block/*/*' \
    --exclude='./lib/modules/*/kernel/net/'{wireless,mac80211,bluetooth,nfc,sunrpc,ceph,rxrpc,can,ieee802154,mac802154,rds,tipc,batman-adv,ax25,netrom,rose,x25,appletalk,atm,l2tp,qrtr,smc,phonet,6lowpan,9p,mpls,caif,lapb,hsr,mctp,dsa}
kver="$(basename "$(find "$work/lib/modules" -mindepth 1 -maxdepth 1 -type d)")"
mkdir -p "$root/$kdir"
mv "$work/lib/modules/$kver" "$root/$kdir/$kver"
mv "$work/boot/vmlinuz-$kver" "$work/vmlinuz"
chroot "$root" depmod -a "$kver"

# The guest's own files. The root is read-only in the VM: /etc and /var get a tmpfs overlay there,
# the engine data is on the data disk at /var/lib/berth.
install -m 0755 "$here/berth-guest-init" "$root/usr/sbin/berth-guest-init"
install -m 0755 "$here/berth-guest-control" "$root/usr/sbin/berth-guest-control"
install -D -m 0644 "$here/berth-cgroup-dump" "$root/usr/lib/berth/cgroup-dump"
mkdir -p "$root/var/lib/berth" "$root/opt/containerd"
echo berth-vm >"$root/etc/hostname"
printf '127.0.0.1 localhost berth-vm\n::1 localhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
echo 'nameserver 10.0.2.3' >"$root/etc/resolv.conf" # QEMU's user networking
: >"$root/etc/machine-id"
# Not needed inside: the docker CLI (Berth talks to the API), containerd's own tools and old shims,
# libnetwork's test tools; apt's and dpkg's caches; documentation left by maintainer scripts.
rm -f "$root"/usr/bin/{docker,ctr,containerd-stress,containerd-shim,containerd-shim-runc-v1,dnet} "$root/usr/sbin/ovrouter"
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/* \
  "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale "$root"/usr/share/info
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
chroot "$root" dpkg-query -W -f='${Package} ${Version}\n' >"$work/packages.txt"

# Stage 1: busybox, the modules to reach the root disk (with their dependencies, in order), ./init.
# crc32c-intel (ext4's soft dependency) needs SSE 4.2, which emulated CPUs lack: the generic one does.
ird="$work/initramfs"
mkdir -p "$ird/bin" "$ird/lib/modules" "$ird/dev" "$ird/proc" "$ird/sys" "$ird/root"
cp "$root/usr/bin/busybox" "$ird/bin/busybox"
install -m 0755 "$here/init" "$ird/init"
chroot "$root" modprobe -S "$kver" --show-depends -a virtio_pci virtio_blk crc32c_generic ext4 |
  awk '$1 == "insmod" && $2 !~ /crc32c-intel/ && !seen[$2]++ { print $2 }' >"$work/stage1"
: >"$ird/lib/modules/order"
while read -r m; do
  cp "$root$m" "$ird/lib/modules/"
  basename "$m" >>"$ird/lib/modules/order"
done <"$work/stage1"
(cd "$ird" && find . | "$root/usr/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null) >"$work/initramfs.cpio"

# The root file system image: the files, 10% and 64 MiB of slack, inodes for them plus some.
used_kib=$(du -sk --apparent-size "$root" | cut -f1)
files=$(find "$root" -xdev | wc -l)
size_mib=$((used_kib * 11 / 10 / 1024 + 64))
rm -f "$work/root.img"
mke2fs -q -F -t ext4 -O ^has_journal -m 0 -L berth-root -N $((files + 4096)) -E root_owner=0:0 \
  -d "$root" "$work/root.img" "${size_mib}M" >/dev/null

cat >"$work/berth-image.json" <<EOF
{
  "format": 1,
  "guest": 3,
  "debian": "$suite",
  "kernel": "$kver",
  "source": "$source_hash",
  "built": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF

# Replace OUT_DIR's files only now that everything is built; berth-image.json goes last, so an
# interrupted replacement is never taken for a complete image.
rm -f "$out/berth-image.json"
for f in vmlinuz initramfs.cpio root.img packages.txt berth-image.json; do
  mv -f "$work/$f" "$out/$f"
done
echo "Built Berth's VM image (Debian $suite, kernel $kver, $(wc -l <"$out/packages.txt") packages) in $(($(date +%s) - began)) s:"
sizes
