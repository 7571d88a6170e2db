import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { JS_BUDGETS, loadIsland, watchJsBytes } from '../../scripts/bench/js-bytes.ts';

// The JavaScript budgets, for every lesson (each has its own runner bundle): a miss fails `npm test`
// with the figure and the files that make it up. `npm run bench` reports the same figures.
const lessons = readdirSync(new URL('../../lessons/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

for (const lesson of lessons) {
  test(`${lesson}: the page before interaction and the exercise island keep to their JavaScript budgets`, async ({ browser }) => {
    const exercise = readdirSync(new URL(`../../lessons/${lesson}/exercises/`, import.meta.url)).sort()[0];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    try {
      const js = await watchJsBytes(context);
      const page = await context.newPage();
      await page.goto(`/${lesson}/`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      js.setPhase('island');
      await loadIsland(page, exercise);
      js.setPhase('done');

      const initial = await js.total('initial');
      const island = await js.total('island');
      console.log(`${lesson}: lesson page ${initial} B gzip before interaction (budget ${JS_BUDGETS.lessonInitialGzBytes}), exercise island ${island} B (budget ${JS_BUDGETS.exerciseIslandGzBytes})`);
      expect(island, 'the island must have loaded something').toBeGreaterThan(0);
      expect(initial, `lesson page before interaction: ${await js.files('initial')}`).toBeLessThanOrEqual(JS_BUDGETS.lessonInitialGzBytes);
      expect(island, `exercise island: ${await js.files('island')}`).toBeLessThanOrEqual(JS_BUDGETS.exerciseIslandGzBytes);
    } finally {
      await context.close();
    }
  });
}
