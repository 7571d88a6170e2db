import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { LESSON_URL, openExercise } from './helpers.ts';

/** A sentence only the Spark engine's code holds (an error message), not its type declarations. */
const SPARK_CODE = 'parallelize expects an array';

/** The built JavaScript files and their text. */
function builtScripts(): Array<{ name: string; text: string }> {
  const dir = new URL('../../dist/_astro/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

test('the runner worker ships no simulated system: each module is its own chunk, loaded when a page needs it', () => {
  const scripts = builtScripts();
  const worker = scripts.find((s) => /^worker-/.test(s.name));
  expect(worker, 'the runner worker bundle').toBeDefined();
  expect(worker!.text).not.toContain(SPARK_CODE);
  expect(scripts.filter((s) => s.text.includes(SPARK_CODE)).map((s) => s.name).length).toBeGreaterThan(0);
});

test('a page fetches the Spark module only once an exercise that uses it loads; the home page never does', async ({ page }) => {
  const sparkChunks = builtScripts().filter((s) => s.text.includes(SPARK_CODE)).map((s) => s.name);
  const loadedIn = async (where: { evaluate: Page['evaluate'] }) =>
    (await where.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter((url) =>
      sparkChunks.some((name) => url.endsWith(`/_astro/${name}`)),
    );
  const workers: Worker[] = [];
  page.on('worker', (worker) => workers.push(worker));

  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(await loadedIn(page), 'the home page').toEqual([]);
  expect(workers, 'the home page starts no runner').toEqual([]);

  await page.goto(LESSON_URL);
  expect(await loadedIn(page), 'the lesson page before any exercise loads').toEqual([]);
  await openExercise(page, 'shuffle-hash-join');
  await expect(page.locator('html')).toHaveAttribute('data-runner-state', 'ready', { timeout: 20_000 });
  const inWorkers = (await Promise.all(workers.map((worker) => loadedIn(worker).catch(() => [])))).flat();
  expect(inWorkers.length, 'the runner worker loaded the Spark module for the Spark exercise').toBeGreaterThan(0);
});
