import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON_URL, axeViolations, setCode } from './helpers.ts';

const EXAMPLE = 'narrow-vs-wide';
const ORIGINAL = readFileSync(new URL(`../../lessons/distributed-joins/examples/${EXAMPLE}.ts`, import.meta.url), 'utf8');
/** The same example with 40 orders instead of 16: other output, other diagram. */
const EDITED = ORIGINAL.replace('length: 16', 'length: 40');

/** The example's section, scrolled into view and upgraded to an editor. */
async function openExample(page: Page, name = EXAMPLE): Promise<Locator> {
  const section = page.locator(`#example-${name}`);
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('sai-example')).toHaveAttribute('data-ready', 'true');
  await expect(section.getByRole('textbox', { name: `Code for example: ${name}` })).toBeVisible();
  return section;
}

async function runExample(section: Locator): Promise<Locator> {
  const output = section.locator('[data-output]');
  await section.getByRole('button', { name: /Run example/ }).click();
  // Busy from the click on (the element is ready); generous: an endless loop is stopped after its budget.
  await expect(output).not.toHaveAttribute('aria-busy', 'true', { timeout: 15_000 });
  await expect(output.locator('.sai-result__summary')).not.toHaveText('Output');
  return output;
}

const diagram = (section: Locator) => section.locator('[data-output] figure.sai-trace-figure svg[role="img"]').first();

function checks(viewport?: { width: number; height: number }) {
  if (viewport) test.use({ viewport });

  test('an edited example runs, and its output and diagram follow the edit; Reset brings the original back', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = await openExample(page);
    await expect(section.getByText('Editable: change the code and run it.')).toBeVisible();
    const reset = section.getByRole('button', { name: 'Reset' });
    await expect(reset).toBeDisabled(); // nothing to reset yet
    const console = section.locator('[data-output] .sai-example__console, [data-output] .sai-console pre');
    await expect(console).toContainText('orders still has 16 rows');
    const svgBefore = await diagram(section).evaluate((svg) => svg.outerHTML);

    await setCode(page, section, EDITED);
    await expect(reset).toBeEnabled();
    const output = await runExample(section);
    await expect(output.locator('.sai-result__summary')).toHaveText(/^Ran in \d+ ms\.$/);
    await expect(console).toContainText('orders still has 40 rows');
    await expect(console).not.toContainText('orders still has 16 rows');
    await expect(diagram(section)).toBeVisible();
    const svgAfter = await diagram(section).evaluate((svg) => svg.outerHTML);
    expect(svgAfter).not.toEqual(svgBefore);

    await reset.click();
    await expect(section.locator('.cm-content')).toContainText('length: 16');
    await expect(section.locator('.cm-content')).not.toContainText('length: 40');
    await expect(console).toContainText('orders still has 16 rows');
    await expect(reset).toBeDisabled();
    // The build-time diagram is back, unchanged.
    expect(await diagram(section).evaluate((svg) => svg.outerHTML)).toEqual(svgBefore);
    await expect(section.locator('[role="status"]')).toHaveText(/reset/i);
    // The page never scrolls sideways, whatever the viewport.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test('Ctrl+Enter in the editor runs the edited example', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = await openExample(page);
    await setCode(page, section, EDITED);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(section.locator('[data-output] .sai-result__summary')).toHaveText(/^Ran in \d+ ms\.$/, { timeout: 15_000 });
    await expect(section.locator('[data-output]')).toContainText('orders still has 40 rows');
  });

  test('a syntax error shows its line, and the next Run works', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = await openExample(page);
    const broken = ORIGINAL.split('\n');
    broken.splice(4, 0, 'const oops = ;'); // becomes line 5
    await setCode(page, section, broken.join('\n'));
    const output = await runExample(section);
    await expect(output.locator('.sai-result__summary')).toHaveText(/^Syntax error on line 5\b/);
    await expect(output.locator('.sai-result__where')).toHaveText(/^Line 5\b/);
    await expect(section.locator('[role="status"]')).toHaveText(/Syntax error on line 5/);
    await expect(section.locator('.sai-error-line')).toHaveCount(1); // the line is marked in the editor

    await setCode(page, section, EDITED);
    await runExample(section);
    await expect(output.locator('.sai-result__summary')).toHaveText(/^Ran in \d+ ms\.$/);
    await expect(output).toContainText('orders still has 40 rows');
    await expect(section.locator('.sai-error-line')).toHaveCount(0);
  });
}

test.describe('desktop', () => {
  checks();

  test('a runtime error and an endless loop each show a message, and the example still runs after', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = await openExample(page);
    await setCode(page, section, `${ORIGINAL}\nthrow new Error('no such customer');\n`);
    let output = await runExample(section);
    const lastLine = ORIGINAL.split('\n').length + 1;
    await expect(output.locator('.sai-result__summary')).toHaveText(new RegExp(`^Runtime error on line ${lastLine}: .*no such customer`));
    // What the code printed before it threw is still shown.
    await expect(output).toContainText('orders still has 16 rows');

    await setCode(page, section, "console.log('before the loop');\nwhile (true) {}\n");
    output = await runExample(section);
    await expect(output.locator('.sai-result__summary')).toContainText(/Stopped/);
    await expect(output).toContainText('before the loop');

    // Stop ends the loop at once, long before its time limit, and focus lands on what it says.
    await section.getByRole('button', { name: /Run example/ }).click();
    await expect(section.locator('[data-run-clock]')).toHaveText(/^Running… \d+\.\d s$/);
    await section.getByRole('button', { name: 'Stop' }).click();
    await expect(output.locator('.sai-result__summary')).toHaveText(/^Stopped: You stopped the run after/, { timeout: 2_000 });
    await expect(output.locator('.sai-result__summary')).toBeFocused();
    await expect(section.getByRole('button', { name: 'Stop' })).toBeHidden();

    await setCode(page, section, EDITED);
    output = await runExample(section);
    await expect(output.locator('.sai-result__summary')).toHaveText(/^Ran in \d+ ms\.$/);
    await expect(output).toContainText('orders still has 40 rows');
  });

  test('the editor takes the place of the code without a jump in height', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(LESSON_URL);
    // Far down the page: still the highlighted block until it comes near the viewport.
    const section = page.locator('#example-adaptive-broadcast');
    await expect(section.locator('sai-example')).not.toHaveAttribute('data-ready', 'true');
    // The code as first drawn passes axe too (a focusable, labelled box that scrolls sideways).
    expect(await axeViolations(page, '#example-adaptive-broadcast')).toEqual([]);
    const before = (await section.locator('[data-editor]').boundingBox())!.height;
    await openExample(page, 'adaptive-broadcast');
    const after = (await section.locator('[data-editor]').boundingBox())!.height;
    expect(Math.abs(after - before)).toBeLessThanOrEqual(12);
  });

  test('an example with an edited result and an error passes axe, light and dark', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = await openExample(page);
    await setCode(page, section, EDITED);
    await runExample(section);
    const other = await openExample(page, 'shuffle-vs-broadcast');
    await setCode(page, other, 'const x = ;\n');
    await runExample(other);
    await expect(other.locator('.sai-result__error')).toBeVisible();
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      expect(await axeViolations(page, '.sai-example'), theme).toEqual([]);
    }
  });
});

test.describe('at 375 px', () => {
  checks({ width: 375, height: 812 });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page shows the highlighted code and the build-time output and diagram', async ({ page }) => {
    await page.goto(LESSON_URL);
    const section = page.locator(`#example-${EXAMPLE}`);
    await expect(section.locator('.sai-static-code')).toContainText('length: 16');
    // Highlighted in the editors' colours, without JavaScript.
    await expect(section.locator('.sai-static-code .tok-keyword').first()).toBeVisible();
    // The code scrolls sideways in its own box, which the keyboard can reach; exercises' code wraps.
    await expect(section.locator('.sai-static-code')).toHaveAttribute('tabindex', '0');

    await expect(section.locator('.sai-example__console')).toContainText('orders still has 16 rows');
    await expect(section.locator('svg[role="img"]')).toHaveCount(1);
    // No promise of editing where there is no editor.
    await expect(section.getByText('Editable: change the code')).toBeHidden();
    await expect(section.getByRole('button', { name: 'Reset' })).toHaveCount(0);
  });
});
