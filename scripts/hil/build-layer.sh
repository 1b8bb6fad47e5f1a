#!/usr/bin/env bash
# Builds the per-run layer of the hardware-in-the-loop guest (docs/hil.md) as OUT_DIR/app.cpio.zst,
# which the kernel unpacks over the cached base. In the guest, /pd mirrors the repository layout so
# that paths the code resolves from its own location (resources/device-catalogue.json) still work:
#   /pd/test/hil/{guest,device-ftm}.cjs   the guest test and the FTM chip's firmware (esbuild bundles)
#   /pd/main/cli/index.cjs                the CLI (what `npm run cli` runs, bundled)
#   /pd/resources/device-catalogue.json
#   /pd/hil-fixture/                      a fresh virtual PKI and chip identity (make-fixture.ts)
#   /pd/node_modules/                     only the packages with native code: usb, node-hid (linux-x64
#                                         prebuilds), better-sqlite3 (the CLI opens the core)
#   /hil/init.sh                          PID 1
# Usage: build-layer.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:?usage: build-layer.sh OUT_DIR}
mkdir -p "$OUT"
# Staged outside the tree (only the archive stays), so linters and test runners never see the copies.
LAYER=$(mktemp -d /tmp/pd-hil-layer.XXXXXX)
trap 'rm -rf "$LAYER"' EXIT
PD=$LAYER/pd
mkdir -p "$PD/node_modules" "$PD/resources" "$LAYER/hil"

# import.meta.url has no meaning in a CommonJS bundle: point it at the bundle file (as build-web.mjs).
bundle() { # entry outfile
  node_modules/.bin/esbuild "$1" --bundle --platform=node --format=cjs --target=node20 --log-level=warning \
    --outfile="$2" --external:usb --external:node-hid --external:better-sqlite3 \
    --define:import.meta.url=__pd_import_meta_url \
    --banner:js='const __pd_import_meta_url = require("node:url").pathToFileURL(__filename).href;'
}
bundle test/hil/guest.ts "$PD/test/hil/guest.cjs"
bundle test/hil/device-ftm.ts "$PD/test/hil/device-ftm.cjs"
bundle main/cli/index.ts "$PD/main/cli/index.cjs"
cp resources/device-catalogue.json "$PD/resources/"
node_modules/.bin/tsx test/hil/make-fixture.ts "$PD/hil-fixture"

nm=$PD/node_modules
mkdir -p "$nm/@node-usb" "$nm/node-hid/prebuilds" "$nm/better-sqlite3/build/Release"
cp -a node_modules/usb node_modules/pkg-prebuilds node_modules/bindings node_modules/file-uri-to-path "$nm/"
cp -a node_modules/@node-usb/usb-linux-x64-gnu "$nm/@node-usb/"
cp -a node_modules/node-hid/{package.json,nodehid.js,binding-options.js} "$nm/node-hid/"
cp -a node_modules/node-hid/prebuilds/{HID-linux-x64,HID_hidraw-linux-x64} "$nm/node-hid/prebuilds/"
cp -a node_modules/better-sqlite3/{package.json,lib} "$nm/better-sqlite3/"
cp -a node_modules/better-sqlite3/build/Release/better_sqlite3.node "$nm/better-sqlite3/build/Release/"

install -m 0755 scripts/hil/guest/init.sh "$LAYER/hil/init.sh"
( cd "$LAYER" && find . -print0 | cpio --null -o -H newc --quiet ) | zstd -q -3 -T0 >"$OUT/app.cpio.zst"
