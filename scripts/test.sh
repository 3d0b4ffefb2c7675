#!/usr/bin/env bash
# The test command the README gives (`npm test`): type-check, build (CLI and end-to-end
# tests run the built `sahay`), then the whole jest suite. Run `npm install` first.
set -euo pipefail
cd "$(dirname "$0")/.."

npx tsc --noEmit
npm run --silent build

results="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
# One plain closing line, the same in every language's CI: "N passed, N failed, N skipped".
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
