/**
 * The learner's workbench in use: Run that talks (running state, Stop, results brought into
 * view, focus), results that read like a teacher, and an editor that behaves like one (Tab,
 * wrapping, undo across a reload, a visible shortcut list), on a desktop and on a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, axeViolations, editorCode, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

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

    test('a failing starter: one line naming the first check to fix, only that check open, in plain words, differences marked', async ({ page }) => {
      const section = await openExercise(page, 'adaptive-partition-sizing');
      const starter = exerciseFile('adaptive-partition-sizing', 'starter.ts');
      // Something printed on a failing run stays visible.
      await setCode(page, section, `console.log('tracing the sizes');\n${starter}`);
      const results = await runAndWait(section);
      const summary = results.locator('.sai-result__summary');
      await expect(summary).toHaveText(/^\d+ of \d+ checks passed\. First to fix: .+\.$/);
      const firstName = (await results.locator('.sai-check:not(.sai-check--passed) .sai-check__name').first().textContent())!;
      await expect(summary).toContainText(`First to fix: ${firstName}.`);
      // One check open; the others say only their name until opened.
      const failing = results.locator('.sai-check__details');
      expect(await failing.count()).toBeGreaterThan(2);
      await expect(results.locator('.sai-check__details[open]')).toHaveCount(1);
      await expect(failing.first()).toHaveAttribute('open', '');
      await expect(failing.nth(1).locator('.sai-check__message')).toBeHidden();
      await failing.nth(1).locator('summary').click();
      await expect(failing.nth(1).locator('.sai-check__message')).toBeVisible();
      // The project's words, not the assertion library's.
      await expect(results).not.toContainText(/Object\.is equality|deeply equal|\+0\b/);
      await expect(results.locator('.sai-check__message').first()).toContainText(/expected .+, got .+\.|not the expected value/);
      // Expected vs received, with what differs marked on both sides.
      const open = failing.first();
      await expect(open.locator('.sai-check__diff')).toBeVisible();
      await expect(open.locator('mark.sai-diff').first()).toBeVisible();
      await expect(results.locator('.sai-console')).toHaveAttribute('open', '');
      await expect(results.locator('.sai-console')).toContainText('tracing the sizes');
      // Short enough to read (every failure opened took about 3,700 px on a desktop, 5,000 on a phone):
      // past the first few, the other failures wait behind one line.
      const height = await results.evaluate((node) => node.getBoundingClientRect().height);
      expect(height).toBeLessThan(viewport.width < 500 ? 2600 : 1600);
      const more = results.locator('.sai-checks-more');
      await expect(more.locator(':scope > summary')).toHaveText(/^\d+ more checks: \d+ not passed/);
      await expect(more.locator('.sai-check').first()).toBeHidden();
      await more.locator(':scope > summary').click();
      await expect(more.locator('.sai-check').first()).toBeVisible();
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        expect(await axeViolations(page, '#exercise-adaptive-partition-sizing [data-results]')).toEqual([]);
      }
    });

    test('a runtime error is told once, its line marked in the editor; a wrong answer and a crash look different', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      const starter = exerciseFile(EXERCISE, 'starter.ts');
      const crashing = starter.replace(/\{\n/, "{\n  throw new Error('the build side is missing');\n");
      await setCode(page, section, crashing);
      const results = await runAndWait(section);
      await expect(results.locator('.sai-result__error')).toHaveCount(1);
      const text = (await results.textContent()) ?? '';
      expect(text.split('the build side is missing').length - 1).toBe(1);
      const thrownAt = crashing.split('\n').findIndex((line) => line.includes('the build side is missing')) + 1;
      await expect(results.locator('.sai-result__summary')).toContainText(`on line ${thrownAt}`);
      await expect(section.locator('.cm-line.sai-error-line')).toHaveCount(1);
      await expect(section.locator('.cm-line.sai-error-line')).toContainText('the build side is missing');

      // Thrown in a helper: the calls in the learner's code that led there, and nothing else of the stack.
      const nested = starter.replace('export function', "function lookup(): never {\n  throw new Error('no build side yet');\n}\n\nexport function").replace('// 1.', 'lookup(); // 1.');
      await setCode(page, section, nested);
      const calls = (await runAndWait(section)).locator('.sai-result__error .sai-result__calls li');
      await expect(calls.first()).toHaveText(/^line \d+, in lookup$/);
      await expect(calls.nth(1)).toHaveText(/^line \d+, in broadcastHashJoin$/);
      await expect(calls).toHaveCount(2);

      // A wrong answer: its own label and colour.
      await setCode(page, section, starter);
      const wrong = await runAndWait(section);
      const failedLabel = wrong.locator('.sai-check--failed .sai-check__label').first();
      await expect(failedLabel).toHaveText('Wrong answer');
      await setCode(page, section, crashing);
      const crashed = await runAndWait(section);
      const crashedLabel = crashed.locator('.sai-check--error .sai-check__label').first();
      await expect(crashedLabel).toHaveText('Crashed');
      const colour = (label: typeof crashedLabel) => label.evaluate((node) => getComputedStyle(node).color);
      const crashedColour = await colour(crashedLabel);
      await setCode(page, section, starter);
      expect(await colour((await runAndWait(section)).locator('.sai-check--failed .sai-check__label').first())).not.toBe(crashedColour);
    });

    test('Tab indents and Escape then Tab leaves the editor; long lines wrap instead of hiding past the edge', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      await setCode(page, section, 'export function f() {\nreturn 1;\n}\n');
      const editor = section.locator('.cm-content');
      await section.locator('.cm-line').nth(1).click();
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      await expect(section.locator('.cm-line').nth(1)).toHaveText(/^\s{2,}return 1;$/);
      await expect(editor).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(section.locator('.cm-line').nth(1)).toHaveText('return 1;');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await expect(section.getByRole('button', { name: /Run checks/ })).toBeFocused();

      // The starter's signature is longer than a phone is wide: it wraps, nothing scrolls sideways.
      await setCode(page, section, exerciseFile(EXERCISE, 'starter.ts'));
      const scroller = section.locator('.cm-scroller');
      const [scrollWidth, clientWidth] = await scroller.evaluate((node) => [node.scrollWidth, node.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
      await expect(section.locator('.cm-line', { hasText: 'export function broadcastHashJoin' })).toContainText('key: string): RDD<Row>');
    });

    test('undo history survives a reload; a corrupt saved history is ignored', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      await section.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('\n// first try');
      await page.waitForTimeout(600); // saved a moment after typing
      await page.reload();
      let again = await openExercise(page, EXERCISE);
      await expect.poll(() => editorCode(again)).toContain('// first try');
      await again.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => editorCode(again)).not.toContain('// first try');
      expect(await editorCode(again)).toContain('export function broadcastHashJoin');

      // Something else in the history's place: the code is still restored, undo simply has nothing.
      await page.keyboard.insertText('// second try');
      await page.waitForTimeout(600);
      await page.evaluate(() => {
        for (const key of Object.keys(localStorage)) if (key.startsWith('sai-labs:editor-history:')) localStorage.setItem(key, '{"v":1,"state":{"doc":');
      });
      await page.reload();
      again = await openExercise(page, EXERCISE);
      await expect.poll(() => editorCode(again)).toContain('// second try');
      await again.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+z');
      await page.waitForTimeout(200);
      expect(await editorCode(again)).toContain('// second try');
    });

    test('the keyboard shortcuts are listed under the editor', async ({ page }) => {
      const section = await openExercise(page, EXERCISE);
      const list = section.locator('.sai-shortcuts');
      await expect(list.locator('summary')).toHaveText('Keyboard shortcuts');
      await expect(list.locator('dl')).toBeHidden();
      await list.locator('summary').click();
      await expect(list).toContainText('Esc, then Tab');
      await expect(list).toContainText('Indent / outdent');
      await expect(list).toContainText('Run the checks');
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        expect(await axeViolations(page, `#exercise-${EXERCISE} .sai-shortcuts`)).toEqual([]);
      }
    });
  });
}
