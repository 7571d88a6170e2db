import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, axeViolations, editorCode, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

const LESSON = 'distributed-joins';
const badgeOnPage = (page: Page, exercise: string) => page.locator(`#exercise-${exercise} [data-status-badge]`);
/** Every badge of an exercise on the home page: the course map's and the progress panel's. */
const badgesAtHome = (page: Page, exercise: string, lesson = LESSON) => page.locator(`[data-progress-id="${lesson}/${exercise}"] [data-status-badge]`);

/** Accepts (or dismisses) the next native dialog and hands back its message. */
function answerNextDialog(page: Page, accept: boolean): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

async function passWithSolution(page: Page, exercise: string) {
  const section = await openExercise(page, exercise);
  await setCode(page, section, exerciseFile(exercise, 'solution.ts'));
  await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  return section;
}

async function revealAndPass(page: Page, exercise: string) {
  const section = await openExercise(page, exercise);
  const asked = answerNextDialog(page, true);
  await section.getByRole('button', { name: 'Reveal solution' }).click();
  expect(await asked).toMatch(/Reveal the solution/);
  await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  return section;
}

/** Every localStorage entry of the site, as a plain object (for before/after comparisons). */
const siteStorage = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith('sai-labs:'))));

async function freshStart(page: Page) {
  await page.goto(LESSON_URL);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

function checks(viewport?: { width: number; height: number }) {
  if (viewport) test.use({ viewport });

  test('a pass after revealing the solution reads "Passed (solution shown)", on the lesson and the home page; a pass made first stays "Passed"', async ({ page }) => {
    await freshStart(page);
    const solved = await passWithSolution(page, 'broadcast-hash-join');
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Passed');
    // Revealing after the pass keeps it a plain pass.
    const asked = answerNextDialog(page, true);
    await solved.getByRole('button', { name: 'Reveal solution' }).click();
    await asked;
    await runAndWait(solved);
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Passed');

    await revealAndPass(page, 'shuffle-hash-join');
    await expect(badgeOnPage(page, 'shuffle-hash-join')).toHaveText('Passed (solution shown)');
    await expect(badgeOnPage(page, 'shuffle-hash-join')).toHaveAttribute('data-status', 'passed-revealed');
    await page.waitForTimeout(400); // the save after a run

    // Painted from storage on the next visit, before any editor loads.
    await page.reload();
    await expect(badgeOnPage(page, 'shuffle-hash-join')).toHaveText('Passed (solution shown)');
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Passed');

    await page.goto('/');
    await expect(badgesAtHome(page, 'shuffle-hash-join')).toHaveText(['Passed (solution shown)', 'Passed (solution shown)']);
    await expect(badgesAtHome(page, 'broadcast-hash-join')).toHaveText(['Passed', 'Passed']);
    await expect(badgesAtHome(page, 'salted-skew-join')).toHaveText(['Not started', 'Not started']);
    await expect(page.locator('[data-progress-summary]')).toHaveText(/^Passed 2 of \d+ exercises \(1 of them with the solution shown\); 0 in progress\.$/);
  });

  test('after a pass a link leads on: to the next exercise, and after the last one of a lesson to the next lesson', async ({ page }) => {
    await freshStart(page);
    const first = await openExercise(page, 'shuffle-hash-join');
    const next = first.getByRole('link', { name: 'Next exercise: Build a broadcast hash join' });
    await expect(next).toBeHidden(); // not before a pass
    await passWithSolution(page, 'shuffle-hash-join');
    await expect(next).toBeVisible();
    await next.click();
    await expect(page).toHaveURL(/#exercise-broadcast-hash-join$/);
    await expect(page.locator('#exercise-broadcast-hash-join')).toBeInViewport();

    const last = await passWithSolution(page, 'adaptive-partition-sizing');
    const toLesson = last.getByRole('link', { name: 'Next lesson: Kafka delivery semantics' });
    await expect(toLesson).toBeVisible();
    await toLesson.click();
    await expect(page).toHaveURL(/\/kafka-delivery\/$/);
    // The last exercise of the last lesson leads back to the course map.
    await expect(page.locator('#exercise-rebalance-reread [data-next-step] a')).toHaveAttribute('href', '/#course-map');
    await expect(page.locator('#exercise-rebalance-reread [data-next-step] a')).toHaveText('Back to the course map');
  });
}

test.describe('desktop', () => {
  checks();

  test('export, reset all, then import the file: code and statuses come back', async ({ page }) => {
    await freshStart(page);
    await passWithSolution(page, 'broadcast-hash-join');
    await revealAndPass(page, 'shuffle-hash-join');
    const typing = await openExercise(page, 'join-strategy-planner');
    await typing.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n// my notes on the planner');
    await page.waitForTimeout(500);
    await page.evaluate(() => localStorage.setItem('sai-labs:editor-history:distributed-joins/join-strategy-planner', '[]'));
    const saved = await siteStorage(page);

    await page.goto('/');
    await expect(page.locator('sai-progress-panel')).toHaveAttribute('data-ready', 'true');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^sai-labs-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const file = test.info().outputPath('progress.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ format: 'sai-labs-progress', v: 1, exportedAt: expect.any(String) });
    expect(Object.keys(exported.exercises).sort()).toEqual(['distributed-joins/broadcast-hash-join', 'distributed-joins/join-strategy-planner', 'distributed-joins/shuffle-hash-join']);
    await expect(page.getByRole('status')).toHaveText(/Exported the progress of 3 exercises/);

    // Reset all asks first; saying no changes nothing.
    let asked = answerNextDialog(page, false);
    await page.getByRole('button', { name: 'Reset all progress' }).click();
    expect(await asked).toMatch(/Reset all progress\?/);
    expect(await siteStorage(page)).toEqual(saved);
    await page.evaluate(() => localStorage.setItem('starlight-theme', 'light'));
    asked = answerNextDialog(page, true);
    await page.getByRole('button', { name: 'Reset all progress' }).click();
    await asked;
    await expect(page.getByRole('status')).toHaveText(/All progress was reset/);
    expect(await siteStorage(page)).toEqual({});
    expect(await page.evaluate(() => localStorage.getItem('starlight-theme'))).toBe('light'); // not the site's progress
    await expect(badgesAtHome(page, 'shuffle-hash-join')).toHaveText(['Not started', 'Not started']);
    await expect(badgesAtHome(page, 'broadcast-hash-join')).toHaveText(['Not started', 'Not started']);

    await page.goto(LESSON_URL);
    const reset = await openExercise(page, 'join-strategy-planner');
    expect(await editorCode(reset)).not.toContain('my notes on the planner');
    await expect(reset.locator('[data-status-badge]')).toHaveText('Not started');
    await expect(badgeOnPage(page, 'shuffle-hash-join')).toHaveText('Not started');

    await page.goto('/');
    asked = answerNextDialog(page, true);
    await page.getByLabel('Import progress from a file').setInputFiles(file);
    expect(await asked).toMatch(/Import the progress of 3 exercises/);
    await expect(page.getByRole('status')).toHaveText(/Imported the progress of 3 exercises/);
    await expect(badgesAtHome(page, 'shuffle-hash-join')).toHaveText(['Passed (solution shown)', 'Passed (solution shown)']);
    await expect(badgesAtHome(page, 'broadcast-hash-join')).toHaveText(['Passed', 'Passed']);
    await expect(badgesAtHome(page, 'join-strategy-planner')).toHaveText(['In progress', 'In progress']);

    await page.goto(LESSON_URL);
    const restored = await openExercise(page, 'join-strategy-planner');
    await expect.poll(() => editorCode(restored)).toContain('my notes on the planner');
    await expect(badgeOnPage(page, 'shuffle-hash-join')).toHaveText('Passed (solution shown)');
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Passed');
  });

  test('a bad file is refused with its reason and changes nothing; a cancelled import changes nothing either', async ({ page }) => {
    await freshStart(page);
    await passWithSolution(page, 'broadcast-hash-join');
    await page.waitForTimeout(400);
    await page.goto('/');
    await expect(page.locator('sai-progress-panel')).toHaveAttribute('data-ready', 'true');
    const before = await siteStorage(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const input = page.getByLabel('Import progress from a file');
    const status = page.getByRole('status');

    await input.setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'my-app', version: '1.0.0' })) });
    await expect(status).toHaveText('Nothing was imported from package.json. The file is not a progress file from SAI Labs: it has no "format" field, not "sai-labs-progress".');
    const good = { format: 'sai-labs-progress', v: 1, exportedAt: '2025-01-01T00:00:00Z', exercises: { 'distributed-joins/broadcast-hash-join': { v: 1, code: 'theirs', status: 'in-progress' } } };
    await input.setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good).slice(0, 70)) });
    await expect(status).toHaveText(/^Nothing was imported from cut\.json\. The file ends too early/);
    await input.setInputFiles({ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) });
    await expect(status).toHaveText('Nothing was imported from empty.json. The file is empty.');
    const badRecord = { ...good, exercises: { ...good.exercises, 'distributed-joins/salted-skew-join': { v: 1, code: 'x', status: 'done' } } };
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(badRecord)) });
    await expect(status).toHaveText(/^Nothing was imported from bad\.json\. Exercise "distributed-joins\/salted-skew-join" in the file is damaged: its status "done"/);
    expect(dialogs).toEqual([]); // refused before asking
    expect(await siteStorage(page)).toEqual(before);

    // A good file, but the learner says no.
    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await expect(status).toHaveText('Import cancelled: nothing was changed.');
    expect(dialogs).toEqual([expect.stringMatching(/It replaces the saved code and status of 1 exercise in this browser/)]);
    expect(await siteStorage(page)).toEqual(before);
    await expect(badgesAtHome(page, 'broadcast-hash-join')).toHaveText(['Passed', 'Passed']);
  });

  test('Reset in the toolbar asks first, then starts the exercise over and forgets its saved code and history', async ({ page }) => {
    await freshStart(page);
    const section = await passWithSolution(page, 'broadcast-hash-join');
    await page.evaluate(() => localStorage.setItem('sai-labs:editor-history:distributed-joins/broadcast-hash-join', '[]'));
    let asked = answerNextDialog(page, false);
    await section.getByRole('button', { name: 'Reset' }).click();
    expect(await asked).toMatch(/no longer marked passed/);
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Passed');
    asked = answerNextDialog(page, true);
    await section.getByRole('button', { name: 'Reset' }).click();
    await asked;
    await expect(badgeOnPage(page, 'broadcast-hash-join')).toHaveText('Not started');
    await expect(section.locator('[data-next-step]')).toBeHidden();
    expect(await siteStorage(page)).toEqual({});
  });

  test('the progress panel and a revealed pass pass axe, light and dark', async ({ page }) => {
    await freshStart(page);
    await revealAndPass(page, 'shuffle-hash-join');
    await page.waitForTimeout(400);
    for (const theme of ['light', 'dark']) {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(LESSON_URL);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const section = await openExercise(page, 'shuffle-hash-join');
      await expect(section.locator('[data-next-step]')).toBeVisible();
      expect(await axeViolations(page, '#exercise-shuffle-hash-join'), theme).toEqual([]);
      await page.goto('/');
      await expect(page.locator('sai-progress-panel')).toHaveAttribute('data-ready', 'true');
      await page.getByLabel('Import progress from a file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
      await expect(page.getByRole('status')).toHaveText(/Nothing was imported/);
      expect(await axeViolations(page), theme).toEqual([]);
    }
  });
});

test.describe('at 375 px', () => {
  checks({ width: 375, height: 812 });

  test('the progress panel fits: no sideways scrolling, and its actions are reachable', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('sai-progress-panel')).toHaveAttribute('data-ready', 'true');
    await page.getByRole('button', { name: 'Export progress' }).scrollIntoViewIfNeeded();
    await expect(page.getByRole('button', { name: 'Reset all progress' })).toBeVisible();
    await expect(page.getByLabel('Import progress from a file')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
