/**
 * The Kafka lesson in a real browser: a graded exercise whose checks crash the learner's consumer at
 * every point, the crash map drawn after a failing run, the pictures in the lesson, and axe.
 */
import { expect, test } from '@playwright/test';
import { axeViolations, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

const LESSON = '/kafka-delivery/';
const EXERCISE = 'at-least-once-sink';
const code = (file: string) => exerciseFile(EXERCISE, file, 'kafka-delivery');

test.beforeEach(async ({ page }) => {
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('a wrong consumer fails with the crash point and the lost offsets, and the crash map highlights it; the solution passes', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  // Commit first, write second: a crash in between loses the batch.
  await setCode(page, section, code('wrong/commit-before-write.ts'));
  let results = await runAndWait(section);
  const failed = results.locator('.sai-check--failed').first();
  await expect(failed).toBeVisible();
  await expect(failed).toContainText(/crash (after|before) /);
  await expect(failed).toContainText(/lost-write p\d+:\d+/);
  const map = results.locator('figure', { has: page.locator('svg[role="img"]') }).filter({ hasText: /crash/i }).first();
  await expect(map).toBeVisible();
  // The failing crash point is ringed and labelled on the map (each failing check's map rings its own point).
  await expect(map.locator('circle.kd-ring').first()).toBeVisible();
  await expect(map).toContainText('the check failed here');
  expect(await axeViolations(page, `#exercise-${EXERCISE}`)).toEqual([]);

  await setCode(page, section, code('solution.ts'));
  results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  await expect(section.locator('[data-status-badge]')).toHaveText('Passed');
});

test('the Kafka lesson page loads the Kafka runner only, and passes axe with its pictures', async ({ page }) => {
  await expect(page.locator('.sai-example figure svg[role="img"]').first()).toBeAttached();
  expect(await axeViolations(page)).toEqual([]);
  const section = await openExercise(page, EXERCISE);
  await expect(page.locator('html')).toHaveAttribute('data-runner-state', 'ready', { timeout: 20_000 });
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop() ?? ''));
  expect(scripts.filter((name) => name.startsWith('sai-runner-kafka.'))).toHaveLength(1);
  expect(scripts.filter((name) => name.startsWith('sai-runner-spark.'))).toEqual([]);
  await expect(section).toBeVisible();
});
