#!/usr/bin/env bash
# Installs what the tests need on a fresh machine and runs every suite:
# type-check, lint (with the layer rule), unit, integration, end-to-end (Chromium).
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

# --- system packages (Debian): Chromium for e2e, libusb for node-hid's prebuilt binary,
# opj_compress for the biometric-sample generator test
need=()
command -v opj_compress >/dev/null 2>&1 || need+=(libopenjp2-tools)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libusb-1.0.so.0' || need+=(libusb-1.0-0)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "== installing ${need[*]} (apt)"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- Node: the version the project supports (.nvmrc; Electron's tooling needs 22.12+). A machine with
# another Node gets the official build for this run from the npm registry's node-linux-<arch>
# package, under .cache/ (git-ignored), and native addons are built against its headers.
want=$(tr -d " \n" < .nvmrc 2>/dev/null); want=${want:-22}
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$want" ]; then
  arch=$(node -p 'process.arch' 2>/dev/null || echo x64)
  nodedir="$PWD/.cache/node-$want-linux-$arch"
  if [ ! -x "$nodedir/bin/node" ]; then
    echo "== fetching Node $want (linux-$arch) from the npm registry"
    mkdir -p "$nodedir"
    (cd "$nodedir" && npm pack --silent "node-linux-$arch@$want" >/dev/null && tar xzf node-linux-*.tgz --strip-components=1 && rm -f node-linux-*.tgz) \
      || { echo "could not fetch Node $want"; echo "0 passed, 1 failed"; exit 1; }
  fi
  export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
fi
echo "== node $(node --version), npm $(npm --version)"

# --- npm packages: exactly the committed lock (`npm ci` fails loudly when package.json and the lock
# disagree); better-sqlite3 builds from source. The lock must come out of the install unchanged.
# What the checkout looks like before anything runs: the run must leave it so.
tree_before=$(git status --porcelain 2>/dev/null; git diff 2>/dev/null | sha256sum)
lock_before=$(sha256sum package-lock.json)
echo "== npm ci"
npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "== no system Chromium: using Playwright's own browser"
  npx playwright install chromium
fi

passed=0; failed=0; skipped=0; skips=()
stage() { # name, command...: a stage without its own test count counts as one test
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!! $name failed"; fi
}
count() { # add the counts of a JSON report (vitest or playwright)
  local file=$1
  if [ ! -f "$file" ]; then failed=$((failed + 1)); echo "!! no report $file"; return; fi
  local out p f s
  out=$(node scripts/count-results.mjs "$file") || { failed=$((failed + 1)); echo "!! unreadable report $file"; return; }
  read -r p f s <<<"$(head -1 <<<"$out")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  while IFS= read -r line; do [ -n "$line" ] && skips+=("${line#skipped: }"); done < <(tail -n +2 <<<"$out")
}

# The install and the test run leave the checkout as they found it: no rewritten lock file, no
# refreshed screenshots (tests write under test-results/ only).
same_lock() { [ "$(sha256sum package-lock.json)" = "$lock_before" ] || { git diff --stat -- package-lock.json; false; }; }
stage "lock file unchanged by the install" same_lock

stage "type-check" npm run -s typecheck
stage "lint" npm run -s lint
stage "build renderer" npm run -s build:renderer

for project in unit integration; do
  echo "== $project tests"
  rm -f "test-results/$project.json"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="test-results/$project.json"
  count "test-results/$project.json"
done

echo "== end-to-end tests (Chromium)"
rm -f test-results/e2e.json
CI=1 npx playwright test -c test/e2e/playwright.config.ts
count test-results/e2e.json

# Hardware in the loop: the native layer against a real kernel USB stack in a QEMU guest (docs/hil.md).
# Skipped (and says why) without root or QEMU; a failure or hang counts as failed.
echo "== hardware in the loop (QEMU guest)"
bash scripts/hil/run.sh 2>&1 | tee test-results/hil.txt
hil=$(grep -a '^HIL: ' test-results/hil.txt | tail -1)
if [[ $hil =~ ^HIL:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
elif [[ $hil == "HIL: skipped"* ]]; then
  skipped=$((skipped + 1)); skips+=("hardware in the loop — ${hil#HIL: skipped — }")
else
  failed=$((failed + 1)); echo "!! hardware in the loop gave no result"
fi

same_tree() { [ "$(git status --porcelain 2>/dev/null; git diff 2>/dev/null | sha256sum)" = "$tree_before" ] || { git status --short; false; }; }
stage "test run left the checkout unchanged" same_tree

if [ "$skipped" -gt 0 ]; then
  echo "$skipped skipped:"
  printf '  - %s\n' "${skips[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
