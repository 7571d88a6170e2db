import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, openExercise } from './helpers.ts';

/** A sentence only the Spark engine's code holds (an error message), not its type declarations. */
const SPARK_CODE = 'parallelize expects an array';
const RUNNER = /^sai-runner\.[0-9a-f]+\.js$/;

/** The built JavaScript files and their text. */
function builtScripts(): Array<{ name: string; text: string }> {
  const dir = new URL('../../dist/_astro/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

test("the simulated systems ship only in the runner's bundle, which the sandbox runs; no page script holds them", () => {
  const scripts = builtScripts();
  const holders = scripts.filter((s) => s.text.includes(SPARK_CODE)).map((s) => s.name);
  expect(holders).toHaveLength(1);
  expect(holders[0]).toMatch(RUNNER);
});

test("a page fetches the runner only once an exercise loads, and hosts it in the sandbox frame; the home page never does", async ({ page }) => {
  const runnerLoads = async (where: Page) =>
    (await where.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter((url) => RUNNER.test(url.split('/').pop() ?? ''));

  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(await runnerLoads(page), 'the home page').toEqual([]);
  await expect(page.locator('iframe[sandbox]'), 'the home page starts no sandbox').toHaveCount(0);

  await page.goto(LESSON_URL);
  expect(await runnerLoads(page), 'the lesson page before any exercise loads').toEqual([]);
  await openExercise(page, 'shuffle-hash-join');
  await expect(page.locator('html')).toHaveAttribute('data-runner-state', 'ready', { timeout: 20_000 });
  expect(await runnerLoads(page)).toHaveLength(1);
  // Scripts only, no same-origin: learner code runs in an opaque origin.
  await expect(page.locator('iframe[sandbox]')).toHaveAttribute('sandbox', 'allow-scripts');
});
