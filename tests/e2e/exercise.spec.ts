import { expect, test } from '@playwright/test';
import { LESSON_URL, axeViolations, editorCode, exerciseFile, openExercise, runAndWait, setCode, solutionOnlyLine } from './helpers.ts';

const EXERCISE = 'broadcast-hash-join';

test.beforeEach(async ({ page }) => {
  await page.goto(LESSON_URL);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('solving an exercise by typing passes every check, and a reload keeps code and status', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await expect(section.locator('[data-status-badge]')).toHaveText('Not started');

  // The starter fails with expected/received shown.
  let results = await runAndWait(section);
  await expect(results.locator('.sai-check--failed').first()).toBeVisible();

  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  await expect(results.locator('.sai-check--failed')).toHaveCount(0);
  await expect(section.locator('[data-status-badge]')).toHaveText('Passed');

  // Saved as typed: a marker comment survives the reload.
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// kept after reload');
  await page.waitForTimeout(500);
  await page.reload();
  const again = await openExercise(page, EXERCISE);
  await expect.poll(() => editorCode(again)).toContain('// kept after reload');
  await expect(again.locator('[data-status-badge]')).toHaveText('Passed');
});

test('code typed a moment before leaving the page is kept', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// typed just before leaving');
  // At once, before the save that typing schedules: leaving the page must save it.
  await page.reload();
  const again = await openExercise(page, EXERCISE);
  await expect.poll(() => editorCode(again)).toContain('// typed just before leaving');
});

test('an infinite loop is stopped with a message and the next run passes', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, "console.log('before the loop');\nexport function broadcastHashJoin() {\n  while (true) {}\n}\n");
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toContainText(/Stopped/);
  await expect(results).toContainText(/infinite loop/i);
  // The worker never answered, but what it printed before the loop reached the page as it happened.
  await expect(results.locator('.sai-console')).toContainText('before the loop');
  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
});

test('a check whose code crashed reads apart from a wrong answer, with what the code printed', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  const crashing = exerciseFile(EXERCISE, 'starter.ts').replace(/\{\n/, "{\n  console.log('joining now');\n  throw new Error('boom');\n");
  await setCode(page, section, crashing);
  const results = await runAndWait(section);
  const crashed = results.locator('.sai-check--error').first();
  await expect(crashed).toBeVisible();
  await expect(crashed.locator('.sai-check__label')).toHaveText('Crashed');
  // Every check crashed alike: the error is told once, at the top, with its line and how many checks it hit.
  await expect(results.locator('.sai-result__error')).toContainText('boom');
  await expect(results.locator('.sai-result__where')).toHaveText(/^Line \d+, column \d+ · in \d+ checks$/);
  await expect(crashed.locator('.sai-check__message')).toContainText('The error shown above.');
  await expect(crashed.locator('.sai-check__output pre')).toHaveText('joining now');
  await expect(results.locator('.sai-check--failed')).toHaveCount(0);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    expect(await axeViolations(page, `#exercise-${EXERCISE} [data-results]`)).toEqual([]);
  }
});

test('a syntax error shows the line in the learner code'
, async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, 'const a = 1;\nconst b = 2;\nconst c = ;\n');
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toContainText('Syntax error on line 3');
  await expect(section.locator('.sai-error-mark')).toHaveCount(1);
});

test('run by keyboard alone', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  // Reach the editor with Tab from the exercise's heading area, then run with Ctrl+Enter.
  await section.locator('h3').evaluate((h) => {
    h.setAttribute('tabindex', '-1');
    h.focus();
  });
  let guard = 0;
  while (!(await section.locator('.cm-content').evaluate((el) => el === document.activeElement)) && guard++ < 40) {
    await page.keyboard.press('Tab');
  }
  await expect(section.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(section.locator('.sai-result__summary')).toBeVisible();
  // Then the buttons: Tab out of the editor to "Run checks" and press Enter.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(section.getByRole('button', { name: /Run checks/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section.locator('[data-results]')).not.toHaveAttribute('aria-busy', 'true');
});

test('hints unlock one at a time and the solution needs a confirm', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  const hints = section.locator('[data-hints] > li');
  const total = await hints.count();
  expect(total).toBeGreaterThanOrEqual(2);
  await section.getByRole('button', { name: /Show hint 1 of/ }).click();
  await expect(hints.nth(0)).toBeVisible();
  await expect(hints.nth(1)).toBeHidden();

  const marker = solutionOnlyLine(EXERCISE);
  page.once('dialog', (dialog) => dialog.dismiss());
  await section.getByRole('button', { name: 'Reveal solution' }).click();
  await expect(section.locator('.cm-content')).not.toContainText(marker);
  page.once('dialog', (dialog) => dialog.accept());
  await section.getByRole('button', { name: 'Reveal solution' }).click();
  await expect(section.locator('.cm-content')).toContainText(marker);
});

test('a corrupt saved entry never breaks the page', async ({ page }) => {
  await page.evaluate((id) => localStorage.setItem(`sai-labs:exercise:distributed-joins/${id}`, '{"v":1,"code":'), EXERCISE);
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  await expect(section.locator('[data-status-badge]')).toHaveText('Not started');
  await expect(section.locator('.cm-content')).toContainText('export function broadcastHashJoin');
});

test('an exercise after a run passes axe', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await runAndWait(section);
  expect(await axeViolations(page, `#exercise-${EXERCISE}`)).toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await axeViolations(page, `#exercise-${EXERCISE}`)).toEqual([]);
});

test('a runtime error shows its line in the learner code', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, "const ok = 1;\n\nthrow new Error('boom at load');\n");
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^Runtime error on line 3: .*boom at load/);
  await expect(section.locator('.sai-error-line')).toHaveCount(1);
});

test('reset brings back the starter after a confirm', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  const starterLine = exerciseFile(EXERCISE, 'starter.ts').split('\n')[0];
  await setCode(page, section, '// my attempt\n');
  page.once('dialog', (dialog) => dialog.dismiss());
  await section.getByRole('button', { name: 'Reset' }).click();
  await expect(section.locator('.cm-content')).toHaveText('// my attempt');
  page.once('dialog', (dialog) => dialog.accept());
  await section.getByRole('button', { name: 'Reset' }).click();
  await expect(section.locator('.cm-content')).toContainText(starterLine);
});

test('screen readers hear a one-line summary of each run', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await runAndWait(section);
  const status = section.locator('[data-announce][role="status"]');
  await expect(status).toHaveText(/^\d+ of \d+ checks passed\. First to fix: .+\.$/);
});

test('type errors against the engine API are underlined and listed as you type', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, "import { SparkSession } from '@sai/spark';\n\nconst spark = new SparkSession({ executors: 'four' });\n");
  const list = section.locator('[data-type-errors] li');
  await expect(list).toHaveCount(1, { timeout: 30_000 });
  await expect(list.first()).toContainText(/^Line 3: .*string.*number/);
  await expect(section.locator('.sai-type-error')).toHaveCount(1);
  expect(await axeViolations(page, `#exercise-${EXERCISE}`)).toEqual([]);
  // Fixing the code clears them.
  await setCode(page, section, "import { SparkSession } from '@sai/spark';\n\nconst spark = new SparkSession({ executors: 4 });\n");
  await expect(list).toHaveCount(0, { timeout: 30_000 });
  await expect(section.locator('.sai-type-error')).toHaveCount(0);
});
