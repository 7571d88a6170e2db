/**
 * Prints one closing line for the whole `npm test` run, e.g. "tests: 291 passed, 0 failed",
 * from the JSON reports of vitest and Playwright. Exits 1 if either report is missing or
 * counted no test, so a run that silently tested nothing cannot look green.
 */
import { readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function read(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`test-summary: cannot read ${path}: ${(error as Error).message}`);
    process.exit(1);
  }
}

function vitestCounts(report: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }): Counts {
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(report: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }): Counts {
  // A flaky test passed on retry: count it as passed, but say so below.
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

const unit = vitestCounts(read('.test-reports/vitest.json') as Parameters<typeof vitestCounts>[0]);
const browser = playwrightCounts(read('.test-reports/playwright.json') as Parameters<typeof playwrightCounts>[0]);
const flaky = (read('.test-reports/playwright.json') as { stats: { flaky: number } }).stats.flaky;
const total: Counts = { passed: unit.passed + browser.passed, failed: unit.failed + browser.failed, skipped: unit.skipped + browser.skipped };

console.log(`unit: ${unit.passed} passed, ${unit.failed} failed; browser: ${browser.passed} passed, ${browser.failed} failed${flaky ? ` (${flaky} flaky)` : ''}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (unit.passed === 0 || browser.passed === 0 || total.failed > 0) process.exit(1);
