#!/usr/bin/env bash
# The test command the README gives (`npm test`): type-check, build (CLI and end-to-end
# tests run the built `sahay`), then the whole jest suite. Run `npm install` first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's browser test (test/console/browser.test.ts) drives Debian's Chromium.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser test: apt-get install -y chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser test needs Chromium. On Debian: sudo apt-get install -y chromium" >&2
    echo "(or set CHROMIUM_PATH to a Chromium or Chrome binary), then run npm test again." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

npx tsc --noEmit
npm run --silent build

results="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
# One plain closing line, the same in every language's CI: "N passed, N failed, N skipped".
node -e '
  try {
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  } catch { console.log("jest wrote no results"); }
' "$results" 
rm -f "$results"
exit "$status"
