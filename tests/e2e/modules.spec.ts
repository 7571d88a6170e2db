import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, openExercise } from './helpers.ts';

/** Sentences only each engine's code holds (error messages), not its type declarations. */
const SPARK_CODE = 'parallelize expects an array';
const KAFKA_CODE = 'is not a legal topic name';
const RUNNER = /^sai-runner-[a-z]+\.[0-9a-f]+\.js$/;

/** The built JavaScript files and their text. */
function builtScripts(): Array<{ name: string; text: string }> {
  const dir = new URL('../../dist/_astro/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

test("each simulated system ships only in its own runner bundle, which the sandbox runs; no page script holds it", () => {
  const scripts = builtScripts();
  for (const [system, sentence] of [['spark', SPARK_CODE], ['kafka', KAFKA_CODE]] as const) {
    const holders = scripts.filter((s) => s.text.includes(sentence)).map((s) => s.name);
    expect(holders, system).toHaveLength(1);
    expect(holders[0]).toMatch(RUNNER);
    expect(holders[0]).toContain(`sai-runner-${system}.`);
  }
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
