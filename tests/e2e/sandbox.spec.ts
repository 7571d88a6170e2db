/**
 * The sandbox in a real browser: learner code reaches neither the site's storage nor the network,
 * cannot forge a result or put markup into the page, and a sandbox that dies (out of memory) ends
 * the run with a message while the page lives on. After each attack a correct solution passes.
 * The test build names a separate sandbox origin (localhost, while the tests browse 127.0.0.1), as
 * a production site should; one test browses localhost, where the sandbox is same-origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { LEAK_CHANNELS, leakProbe, reachedChannels } from '../fixtures/sandbox/leak-probe.ts';
import { LESSON_URL, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

const EXERCISE = 'shuffle-hash-join';
const PASSED = /^All \d+ checks passed\.$/;

/** A server outside the site that counts every request it gets: nothing may reach it. */
let outside: Server;
let outsideUrl = '';
let hits: string[] = [];
test.beforeAll(async () => {
  outside = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('reached');
  });
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
});
test.afterAll(() => outside.close());

test.beforeEach(async ({ page }) => {
  hits = [];
  await page.goto(LESSON_URL);
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('canary', 'site data');
    document.cookie = 'session=site-cookie; path=/';
  });
  await page.reload();
});

async function solvesAfterwards(page: Page): Promise<void> {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(PASSED);
}

test("learner code reaches neither the site's storage and cookies, nor the page, nor the network", async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, leakProbe(outsideUrl, new URL(page.url()).origin));
  const results = await runAndWait(section);
  const printed = results.locator('.sai-check__output, .sai-console').first();
  await expect(printed).toContainText('beacon:');
  const text = (await printed.textContent()) ?? '';
  for (const channel of LEAK_CHANNELS) expect(text, channel).toContain(`${channel}: blocked`);
  expect(reachedChannels(text)).toEqual([]);
  expect(text).toContain('origin: blocked null');
  expect(hits, 'requests that reached the outside server').toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('canary'))).toBe('site data');
  await solvesAfterwards(page);
});

test('a result posted by learner code, or a wrapped postMessage, never counts as a pass', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  const forged = JSON.stringify({ version: 2, status: 'passed', checks: [{ name: 'forged', status: 'passed', durationMs: 1 }], console: [], consoleTruncated: false, durationMs: 1, traces: [] });
  const code = `
const g = globalThis as any;
const fake = ${forged};
let refused = '';
for (let id = 0; id < 500; id++) {
  try { g.postMessage({ type: 'result', id, secret: String(id), result: fake }); } catch (e) { refused = (e as Error).message; }
}
console.log('postMessage: ' + (refused || 'allowed'));
const real = g.postMessage;
try { g.postMessage = (m: any) => real.call(g, m?.type === 'result' ? { ...m, result: fake } : m); } catch {}
try { Object.getPrototypeOf(g).postMessage = g.postMessage; } catch {}
export function shuffleHashJoin(): never { throw new Error('not solved'); }
`;
  await setCode(page, section, code);
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^0 of \d+ checks passed\. /);
  await expect(results.locator('.sai-console')).toContainText('postMessage: postMessage() is not available to your code');
  await expect(results).not.toContainText('forged');
  await expect(section.locator('[data-status-badge]')).not.toHaveText('Passed');
  await solvesAfterwards(page);
});

test('markup printed by learner code is shown as text, never run', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, `console.log('<img src=x onerror="parent.document.title=1;window.top.hacked=1">');\nexport function shuffleHashJoin() {}\n`);
  const results = await runAndWait(section);
  await expect(results.locator('.sai-console')).toContainText('<img src=x onerror=');
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await expect(results.locator('img')).toHaveCount(0);
  await solvesAfterwards(page);
});

test('calling close() ends the run at once with a message that says so', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, 'export function shuffleHashJoin() { (globalThis as any).close(); }\n');
  const started = Date.now();
  const results = await runAndWait(section);
  await expect(results).toContainText('called close()');
  expect(Date.now() - started).toBeLessThan(4000);
  await solvesAfterwards(page);
});

test('an error thrown in a timer ends the run with a message that says so, at once', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, "export function shuffleHashJoin() {\n  setTimeout(() => { throw new Error('late boom'); }, 0);\n  return new Promise(() => {});\n}\n");
  const started = Date.now();
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toContainText('An error was thrown in a callback after your code returned');
  await expect(results.locator('.sai-result__summary')).toContainText('late boom');
  expect(Date.now() - started, 'not left to the time limit').toBeLessThan(4000);
  await solvesAfterwards(page);
});

test('a reset clears a pass along with the code', async ({ page }) => {
  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  await expect((await runAndWait(section)).locator('.sai-result__summary')).toHaveText(PASSED);
  await expect(section.locator('[data-status-badge]')).toHaveText('Passed');
  page.once('dialog', (dialog) => dialog.accept());
  await section.getByRole('button', { name: 'Reset' }).click();
  await expect(section.locator('[data-status-badge]')).toHaveText('Not started');
  await page.reload();
  await expect((await openExercise(page, EXERCISE)).locator('[data-status-badge]')).toHaveText('Not started');
});

test('on a same-origin sandbox (browsing localhost) nothing is within reach either', async ({ page, baseURL }) => {
  const local = baseURL!.replace('127.0.0.1', 'localhost');
  await page.goto(`${local}${LESSON_URL}`);
  await page.evaluate(() => localStorage.setItem('canary', 'site data'));
  const section = await openExercise(page, EXERCISE);
  expect(await page.locator('iframe[sandbox]').getAttribute('src')).toMatch(new RegExp(`^${local}/`));
  await setCode(page, section, leakProbe(outsideUrl, local));
  const printed = (await runAndWait(section)).locator('.sai-check__output, .sai-console').first();
  await expect(printed).toContainText('beacon:');
  expect(reachedChannels((await printed.textContent()) ?? '')).toEqual([]);
  expect(hits).toEqual([]);
  await solvesAfterwards(page);
});

test('when the sandbox dies mid-run (out of memory), the run says so, the page lives, and the next run works', async ({ page, context }) => {
  // A real out-of-memory crash takes far longer than a run's budget on a small machine; crashing
  // the sandbox's process is what the page sees when it happens. The page is then driven over
  // CDP, as the test tool stops talking to a page one of whose frames crashed.
  const section = await openExercise(page, EXERCISE);
  await expect(page.locator('html')).toHaveAttribute('data-runner-state', 'ready', { timeout: 30_000 });
  await setCode(page, section, 'export function shuffleHashJoin() { const grow: number[][] = []; for (;;) grow.push(new Array(1e5).fill(1)); }\n');
  const sandbox = page.frames().find((frame) => frame.url().includes('/sandbox/'));
  expect(sandbox, 'the sandbox is its own frame').toBeTruthy();
  const frameSession = await context.newCDPSession(sandbox!);
  const main = await context.newCDPSession(page);
  const evaluate = async (expression: string) => (await main.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value;
  const summary = `document.querySelector('#exercise-${EXERCISE} .sai-result__summary')?.textContent ?? ''`;
  await section.getByRole('button', { name: /Run checks/ }).click();
  await page.waitForTimeout(300);
  await frameSession.send('Page.crash').catch(() => {}); // the session dies with the frame
  let said = '';
  for (let waited = 0; waited < 10_000 && !/memory/.test(said); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    said = await evaluate(summary);
  }
  expect(said).toMatch(/ran out of memory/);
  // The next run, in a new sandbox: the editor is typed into through CDP's input events.
  await evaluate(`document.querySelector('#exercise-${EXERCISE} .cm-content').focus()`);
  await main.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'a', code: 'KeyA', modifiers: 2, windowsVirtualKeyCode: 65, commands: ['selectAll'] });
  await main.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'a', code: 'KeyA', modifiers: 2, windowsVirtualKeyCode: 65 });
  await main.send('Input.insertText', { text: exerciseFile(EXERCISE, 'solution.ts') });
  await evaluate(`document.querySelector('#exercise-${EXERCISE} sai-exercise').run()`);
  expect(await evaluate(summary)).toMatch(PASSED);
  expect(await evaluate(`localStorage.getItem('canary')`)).toBe('site data');
});
