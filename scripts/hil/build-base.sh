#!/usr/bin/env bash
# Builds, or reuses from the cache, the guest base of the hardware-in-the-loop tier (docs/hil.md):
# Debian's kernel (the package unpacked, not installed) and a debootstrap minbase with udev, libusb
# and kmod, the USB gadget / HID module subset and the host's node binary, as one cpio.zst.
#
# Cache: .cache/hil/base-<key>/ where the key hashes the kernel ABI, the suite, the package list,
# the node version and this script. Last line on success: "HIL-BASE <dir>".
# Exit 77 with "HIL-SKIP: <reason>" when this machine cannot build it (not Linux/x86-64, not root,
# no apt); any other non-zero exit is a real failure.
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.."
ROOT=$PWD
CACHE=${HIL_CACHE:-$ROOT/.cache/hil}
PACKAGES=udev,libusb-1.0-0,libudev1,kmod
HOST_TOOLS=(qemu-system-x86 debootstrap cpio zstd)

skip() { echo "HIL-SKIP: $*"; exit 77; }
log() { echo "hil-base: $*" >&2; }

[ "$(uname -s)" = Linux ] || skip "not Linux"
[ "$(uname -m)" = x86_64 ] || skip "not x86-64 (the guest kernel and node binary are amd64)"
[ "$(id -u)" -eq 0 ] || skip "not root (debootstrap and chroot need root)"
command -v apt-get >/dev/null && command -v apt-cache >/dev/null || skip "no apt (Debian's kernel and packages come from apt)"
command -v node >/dev/null || skip "no node binary to copy into the guest"

# --- host tools
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v cpio >/dev/null || missing+=(cpio)
command -v zstd >/dev/null || missing+=(zstd)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } ||
    skip "cannot install ${missing[*]} with apt"
fi

# --- what the base is made of (never hard-code the ABI: it moves with every kernel update)
abi_pkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
KPKG=$(abi_pkg)
if [ -z "$KPKG" ]; then apt-get update -qq; KPKG=$(abi_pkg); fi
[ -n "$KPKG" ] || { log "cannot resolve linux-image-amd64 to an ABI package"; exit 1; }
. /etc/os-release
SUITE=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
NODE_BIN=$(readlink -f "$(command -v node)")
NODE_VERSION=$(node --version)

# The Debian mirror the machine's apt sources use for the main suite (deb822 or one-line format).
mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$SUITE" '
      /^[[:space:]]*$/ { if (uri && ok) exit; uri=""; ok=0; next }
      /^URIs:/ { uri=$2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok=1 }
      END { if (uri && ok) print uri }' "$f"
  done
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } |
    awk -v s="$SUITE" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/ && $(i+1) == s) { print $i; exit } }'
}
MIRROR=${HIL_MIRROR:-$(mirror | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

KEY=$( { echo "$KPKG $SUITE $PACKAGES $NODE_VERSION"; cat "$SELF"; } | sha256sum | cut -c1-16)
OUT=$CACHE/base-$KEY
if [ -f "$OUT/base.cpio.zst" ] && [ -f "$OUT/vmlinuz" ]; then
  log "cached: $KPKG, $SUITE, node $NODE_VERSION"
  echo "HIL-BASE $OUT"
  exit 0
fi

log "building: $KPKG, debootstrap $SUITE from $MIRROR, node $NODE_VERSION"
mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
t0=$(date +%s)

# --- kernel: vmlinuz and only the modules the gadgets and the host side of the cable need
( cd "$WORK" && apt-get download -q "$KPKG" >/dev/null 2>&1 ) || { log "apt-get download $KPKG failed"; exit 1; }
mkdir "$WORK/kernel"
dpkg-deb --fsys-tarfile "$WORK"/linux-image-*.deb | tar -x -C "$WORK/kernel" --wildcards \
  '*/boot/vmlinuz-*' '*/lib/modules/*/modules.order' '*/lib/modules/*/modules.builtin*' \
  '*/kernel/drivers/usb/gadget/*' '*/kernel/drivers/usb/core/*' '*/kernel/drivers/usb/common/*' \
  '*/kernel/drivers/hid/hid.ko*' '*/kernel/drivers/hid/hid-generic.ko*' '*/kernel/drivers/hid/usbhid/*' \
  '*/kernel/fs/configfs/*'
VMLINUZ=$(find "$WORK/kernel" -name 'vmlinuz-*' | head -1)
KVER=${VMLINUZ##*/vmlinuz-}
[ -n "$VMLINUZ" ] && [ -n "$(find "$WORK/kernel" -type d -path "*/lib/modules/$KVER")" ] || { log "no vmlinuz/modules in $KPKG"; exit 1; }
log "kernel $KVER unpacked ($(( $(date +%s) - t0 )) s)"

# --- rootfs: minbase + udev (usb@3 hotplug needs udevd's netlink group) + libusb (node-hid's prebuild links it)
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -20 "$WORK/debootstrap.log" >&2; log "debootstrap failed"; exit 1; }
log "debootstrap done ($(( $(date +%s) - t0 )) s)"

mkdir -p "$WORK/rootfs/lib/modules"
cp -a "$(find "$WORK/kernel" -type d -path "*/lib/modules/$KVER" | head -1)" "$WORK/rootfs/lib/modules/"
chroot "$WORK/rootfs" depmod "$KVER"
install -m 0755 "$NODE_BIN" "$WORK/rootfs/usr/local/bin/node"
# Trim what nothing in the guest uses (the kernel unpacks every byte under TCG on each boot):
# docs, locales, time zones, perl, iconv modules, udev's hardware database, apt and dpkg state.
( cd "$WORK/rootfs" && rm -rf usr/share/{doc,man,info,locale,lintian,bug,zoneinfo,perl5} \
  usr/lib/x86_64-linux-gnu/{gconv,perl-base} usr/bin/perl* usr/lib/udev/hwdb.bin usr/lib/udev/hwdb.d \
  etc/udev/hwdb.bin usr/lib/apt var/cache/* var/lib/apt var/lib/dpkg/info var/log/* )
echo "$KVER" >"$WORK/rootfs/etc/hil-kernel"

mkdir -p "$WORK/out"
cp "$VMLINUZ" "$WORK/out/vmlinuz"
( cd "$WORK/rootfs" && find . -print0 | cpio --null -o -H newc --quiet ) | zstd -q -3 -T0 >"$WORK/out/base.cpio.zst"
printf 'kernel=%s\nkernel_package=%s\nsuite=%s\nmirror=%s\npackages=%s\nnode=%s\n' \
  "$KVER" "$KPKG" "$SUITE" "$MIRROR" "$PACKAGES" "$NODE_VERSION" >"$WORK/out/manifest"

# Keep one base: drop the ones made under other keys, then publish this one atomically.
find "$CACHE" -maxdepth 1 -name 'base-*' -type d ! -name "base-$KEY" -exec rm -rf {} +
mv "$WORK/out" "$OUT"
log "base ready in $(( $(date +%s) - t0 )) s: $(du -h "$OUT/base.cpio.zst" | cut -f1) initramfs, kernel $KVER"
echo "HIL-BASE $OUT"
