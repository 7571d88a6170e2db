import { expect, test, type Locator, type Page, type Route } from '@playwright/test';
import { LESSON_URL, axeViolations, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

/** The first exercise of the lesson: its starter's parameters are RDDs named left and right. */
const EXERCISE = 'shuffle-hash-join';
const WORKER = '**/typecheck-worker-*.js';

test.beforeEach(async ({ page }) => {
  await page.goto(LESSON_URL);
  await page.evaluate(() => localStorage.clear());
});

/** Puts the starter back and the cursor on a new line before the placeholder's return. */
async function newLineInStarter(page: Page, section: Locator): Promise<void> {
  await setCode(page, section, exerciseFile(EXERCISE, 'starter.ts'));
  await section.locator('.cm-line', { hasText: 'This placeholder returns' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}

/** Moves the pointer over the first `word` that comes right before `followedBy` in the editor. */
async function hoverWord(page: Page, section: Locator, word: string, followedBy: string): Promise<void> {
  const box = await section.locator('.cm-content').evaluate(
    (content, [w, next]) => {
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const at = text.indexOf(w);
        if (at < 0) continue;
        const rest = text.slice(at + w.length) + (node.parentElement?.closest('.cm-line')?.textContent ?? '');
        if (!rest.includes(next)) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    },
    [word, followedBy] as const,
  );
  if (!box) throw new Error(`'${word}' is not in the editor`);
  await page.mouse.move(box.x, box.y);
}

const status = (section: Locator) => section.locator('[data-assist-status]');
const completionLabels = (page: Page) => page.locator('.cm-tooltip-autocomplete .cm-completionLabel');

test('completions know the type before the dot, hover shows types, a call shows its signature; the loading note comes and goes', async ({ page }) => {
  // The worker's script is held back until the loading note has been seen.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(WORKER, async (route) => {
    await released;
    await route.continue();
  });
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  // The note coming and going must not move the Run button under the reader's pointer: its line keeps its height.
  const noteHeight = () => status(section).evaluate((note) => note.getBoundingClientRect().height);
  await newLineInStarter(page, section);
  await expect(status(section)).toHaveText('Loading type hints…');
  await expect(status(section)).toBeVisible();
  const heightWhileLoading = await noteHeight();
  expect(heightWhileLoading).toBeGreaterThan(0);
  // Asked while the service loads, answered once it is there.
  await page.keyboard.type('left.');
  release();
  await expect(completionLabels(page).filter({ hasText: /^zipPartitions$/ })).toBeVisible({ timeout: 10_000 });
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready');
  await expect(status(section)).toHaveText('');
  expect(await noteHeight()).toBe(heightWhileLoading);
  // An RDD's own methods, and nothing that is not a member of an RDD.
  await expect(completionLabels(page).filter({ hasText: /^zipPartitions$/ })).toBeVisible();
  await expect(completionLabels(page).filter({ hasText: /^keyBy$/ })).toBeVisible();
  await expect(completionLabels(page).filter({ hasText: /^(SparkSession|console|right)$/ })).toHaveCount(0);
  // Typing on narrows the same list.
  await page.keyboard.type('zipP');
  await expect(completionLabels(page)).toHaveText(['zipPartitions']);
  await page.keyboard.press('Enter');
  await expect(section.locator('.cm-line', { hasText: 'left.zipPartitions' })).toBeVisible();

  // Signature help after `(` and again after `,`, with the parameter being typed picked out.
  await page.keyboard.type('(');
  const signature = page.locator('.sai-hint--signature');
  await expect(signature).toBeVisible();
  await expect(signature.locator('.sai-hint__code')).toContainText('zipPartitions(other: RDD<');
  await expect(signature.locator('.sai-hint__active')).toHaveText(/^other: RDD</);
  await page.keyboard.type('right, ');
  await expect(signature.locator('.sai-hint__active')).toHaveText(/^f: \(a: readonly Row\[\], b: readonly Row\[\]/);
  await page.keyboard.press('Escape');
  await expect(signature).toHaveCount(0);

  // Hover: the parameter's type.
  await hoverWord(page, section, 'left', ': RDD<Row>, right');
  const hover = page.locator('.cm-tooltip-hover .sai-hint__code');
  await expect(hover).toHaveText('(parameter) left: RDD<Row>');
});

test("a Kafka exercise's completions after `consumer.` are the consumer's methods", async ({ page }) => {
  await page.goto('/kafka-delivery/');
  const section = await openExercise(page, 'at-least-once-sink');
  await section.locator('.cm-line', { hasText: 'void store;' }).click();
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready', { timeout: 30_000 });
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('consumer.');
  await expect(completionLabels(page).filter({ hasText: /^commitOffsets$/ })).toBeVisible();
  await expect(completionLabels(page).filter({ hasText: /^subscribe$/ })).toBeVisible();
  await expect(completionLabels(page).filter({ hasText: /^(Kafka|store|batch)$/ })).toHaveCount(0);
});

for (const blocked of ['worker', 'chunk'] as const) {
  test(`without the type checker (its ${blocked} blocked) the editor says so, keeps the name list, and Run passes the solution`, async ({ page }) => {
    await page.route(blocked === 'worker' ? WORKER : '**/type-check-client.*.js', (route) => route.abort('internetdisconnected'));
    await page.reload();
    const section = await openExercise(page, EXERCISE);
    await section.locator('.cm-content').click();
    await expect(status(section)).toHaveText('Type hints unavailable (offline?) — Run still works', { timeout: 15_000 });
    await expect(status(section)).toBeVisible();

    // The engine's names still complete, from the list shipped with the page.
    await newLineInStarter(page, section);
    await page.keyboard.type('SparkSess');
    await expect(completionLabels(page).filter({ hasText: /^SparkSession$/ })).toBeVisible();
    await page.keyboard.press('Escape');

    await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
    const results = await runAndWait(section);
    await expect(results.locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  });
}

test('the first Run does not wait for the type checker', async ({ page }) => {
  // The worker's script never arrives.
  const stalled: Route[] = [];
  await page.route(WORKER, (route) => void stalled.push(route));
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  await expect(status(section)).toHaveText('Loading type hints…');
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  expect(stalled.length).toBeGreaterThan(0);
});

test('the type checker loads when the page is idle, before the learner focuses an editor', async ({ page }) => {
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready', { timeout: 30_000 });
  expect(await section.evaluate((root) => root.contains(document.activeElement))).toBe(false);
});

test('a learner who saves data fetches the type checker only on focusing an exercise, not at idle', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true } }));
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (/typecheck-worker|type-check-client/.test(request.url())) fetched.push(request.url());
  });
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  expect(fetched).toEqual([]);
  await expect(status(section)).toHaveText('');
  await section.locator('.cm-content').click();
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready', { timeout: 30_000 });
  expect(fetched.length).toBeGreaterThan(0);
});

async function openHints(page: Page, section: Locator): Promise<void> {
  await section.locator('.cm-content').click();
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready', { timeout: 30_000 });
  await newLineInStarter(page, section);
  await page.keyboard.type('left.zipPartitions(');
  await expect(page.locator('.sai-hint--signature')).toBeVisible();
  await hoverWord(page, section, 'left', ': RDD<Row>, right');
  await expect(page.locator('.cm-tooltip-hover .sai-hint')).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`the hints pass axe in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const section = await openExercise(page, EXERCISE);
    await openHints(page, section);
    expect(await axeViolations(page, `#exercise-${EXERCISE}`)).toEqual([]);
  });
}

test('on a 375 px wide phone the hints fit on screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  const fits = async (hint: Locator) => {
    await expect(hint).toBeVisible();
    const box = (await hint.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
  };
  await section.locator('.cm-content').click();
  await expect(status(section)).toHaveAttribute('data-assist-state', 'ready', { timeout: 30_000 });
  await newLineInStarter(page, section);
  await page.keyboard.type('left.zipPartitions(');
  await fits(page.locator('.sai-hint--signature'));
  await page.keyboard.press('Escape');
  await hoverWord(page, section, 'filter', '(() => false)');
  await fits(page.locator('.cm-tooltip-hover .sai-hint'));
  await expect(page.locator('.cm-tooltip-hover .sai-hint__code')).toHaveText('(method) RDD<Row>.filter(f: (x: Row) => boolean): RDD<Row>');
});
