#!/usr/bin/env bash
# Everything `npm test` proves, in order of speed: types, unit tests (engine, runner,
# every exercise through the real runner), then the built site in a real browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASTRO_TELEMETRY_DISABLED=1
echo "== browser"
node scripts/ensure-browser.ts # stops at once, with the fix, when no Chromium can run
echo "== typecheck"
astro sync # generates .astro/ types (astro:content, import.meta.glob) that tsc needs
tsc --noEmit -p .
mkdir -p .test-reports
echo "== unit tests"
vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json
echo "== build"
# The browser tests browse 127.0.0.1 and find the sandbox on localhost: a separate origin, as a
# production site should have (see README, "The sandbox"), so learner code gets its own process.
PUBLIC_SANDBOX_ORIGIN="http://localhost:${PREVIEW_PORT:-4329}" astro build
echo "== browser tests"
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json playwright test --reporter=list,json
echo "== summary"
node scripts/test-summary.ts
