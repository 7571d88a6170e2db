/**
 * The learner's workbench in use: Run that talks (running state, Stop, results brought into
 * view, focus), on a desktop and on a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

const EXERCISE = 'broadcast-hash-join';
const LOOPING = "console.log('before the loop');\nexport function broadcastHashJoin() {\n  while (true) {}\n}\n";

async function freshLesson(page: Page) {
  await page.goto(LESSON_URL);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
]) {
  test.describe(`${viewport.name} (${viewport.width} px)`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });
    test.beforeEach(async ({ page }) => freshLesson(page));

    test('a run in progress shows its elapsed time and a Stop button that ends an infinite loop at once', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      await setCode(page, section, LOOPING);
      await section.getByRole('button', { name: /Run checks/ }).click();
      const stop = section.getByRole('button', { name: 'Stop' });
      await expect(stop).toBeVisible();
      await expect(section.locator('[data-run-clock]')).toHaveText(/^Running… \d+\.\d s$/);
      await expect(section.locator('[data-announce]')).toHaveText(/Running your code/);
      await stop.click();
      const results = section.locator('[data-results]');
      // Far sooner than the 5 s time limit that would otherwise end the loop.
      await expect(results.locator('.sai-result__summary')).toHaveText(/^Stopped: You stopped the run after \d+\.\d s/, { timeout: 2_000 });
      await expect(results.locator('.sai-console')).toContainText('before the loop');
      await expect(stop).toBeHidden();
      await expect(section.locator('[data-run-clock]')).toBeHidden();
      // The Stop button is gone: focus lands on the summary, which is in view.
      await expect(results.locator('.sai-result__summary')).toBeFocused();
      await expect(results.locator('.sai-result__summary')).toBeInViewport();
      // The next Run works, and the runner is ready for it.
      await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
      await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
    });

    test('keyboard only: Ctrl+Enter brings the results into view and keeps the cursor in the editor; the Run button moves focus to them', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      const editor = section.locator('.cm-content');
      await editor.click();
      await page.keyboard.press('ControlOrMeta+Home');
      // The editor's bottom at the bottom of the screen: the results start below the fold.
      await editor.evaluate((node) => node.closest('.cm-editor')!.scrollIntoView({ block: 'end' }));
      const summary = section.locator('.sai-result__summary');
      await page.keyboard.press('Control+Enter');
      await expect(summary).toBeVisible();
      await expect(summary).toBeInViewport();
      await expect(editor).toBeFocused();

      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await expect(section.getByRole('button', { name: /Run checks/ })).toBeFocused();
      await editor.evaluate((node) => node.closest('.cm-editor')!.scrollIntoView({ block: 'end' }));
      await page.keyboard.press('Enter');
      await expect(section.locator('[data-results]')).not.toHaveAttribute('aria-busy', 'true');
      await expect(summary).toBeFocused();
      await expect(summary).toBeInViewport();
    });
  });
}
