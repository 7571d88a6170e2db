/**
 * Offline: after one visit the whole site is kept by the service worker (src/offline/), so with
 * the network gone a reload still shows the lesson and an exercise can be solved; a new version
 * is offered and applied only whole; and what cannot work offline says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_URL, axeViolations, exerciseFile, openExercise, runAndWait, setCode } from './helpers.ts';

test.use({ serviceWorkers: 'allow' });

const EXERCISE = 'broadcast-hash-join';
const WORKER_FILE = new URL('../../dist/sw.js', import.meta.url);

/** Visits `url` and waits until the site is kept on this device (the notice says so). */
async function firstVisit(page: Page, url = LESSON_URL): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-notice]')).toHaveText(/Saved on this device: every lesson and exercise now works offline\./, { timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await axeViolations(page, '[data-notice]')).toEqual([]);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.locator('[data-notice]')).toHaveCount(0);
}

const keptVersions = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('sai-')).sort());

test('after one visit, with no network, a reload shows the lesson and an exercise can be solved', async ({ page, context }) => {
  await firstVisit(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText(/Distributed joins/);

  const section = await openExercise(page, EXERCISE);
  await setCode(page, section, exerciseFile(EXERCISE, 'solution.ts'));
  const results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^All \d+ checks passed\.$/);
  await expect(section.locator('[data-status-badge]')).toHaveText('Passed');

  // The type checker was kept too: a type error is pointed out offline.
  await setCode(page, section, 'const count: number = "three";\n');
  await expect(section.locator('[data-type-errors] li').first()).toContainText(/not assignable to type 'number'/, { timeout: 20_000 });
});

test('offline, a page never opened is there too, a newsletter link keeps working, and a missing one says why', async ({ page, context }) => {
  await firstVisit(page, '/');
  await page.reload();
  await page.waitForTimeout(1500); // past the moment the page registers the worker
  await expect(page.locator('[data-notice]'), 'said once, not on every page').toHaveCount(0);
  await context.setOffline(true);
  // Never visited, with the tracking query a newsletter adds, and without its trailing slash.
  await page.goto('/kafka-delivery?utm_source=newsletter#exercise-at-least-once-sink');
  await expect(page).toHaveURL(/\/kafka-delivery\/\?utm_source=newsletter#exercise-at-least-once-sink$/);
  await expect(page.locator('h1')).toContainText('Kafka');
  const section = page.locator('#exercise-at-least-once-sink');
  await expect(section.locator('sai-exercise')).toHaveAttribute('data-ready', 'true');

  await page.goto('/sai/05/');
  await expect(page.locator('h1')).toContainText('SAI #05');

  const missing = await page.goto('/no-such-lesson/');
  expect(missing?.status()).toBe(503);
  await expect(page.locator('h1')).toHaveText('Not available offline');
  await expect(page.getByText('You are offline, and this page is not saved on this device.')).toBeVisible();
});

test('Run pressed before an exercise could load, offline, says so; back online it runs', async ({ page, context }) => {
  // No service worker yet (a first visit cut short): the exercise's code is not kept.
  await context.route('**/sw.js', (route) => route.abort());
  await page.goto(LESSON_URL);
  await context.setOffline(true);
  const section = page.locator(`#exercise-${EXERCISE}`);
  await section.scrollIntoViewIfNeeded();
  await section.getByRole('button', { name: /Run checks/ }).click();
  const notice = section.locator('[data-island-notice]');
  await expect(notice).toHaveText(/you are offline, and this page was not saved on this device yet/);
  await expect(notice).toHaveAttribute('role', 'alert');
  expect(await axeViolations(page, '[data-island-notice]')).toEqual([]);

  await context.setOffline(false);
  await section.getByRole('button', { name: /Run checks/ }).click();
  await expect(section.locator('sai-exercise')).toHaveAttribute('data-ready', 'true');
  await expect(notice).toHaveCount(0);
  // The pending Run was carried out: the starter's checks ran (and fail).
  await expect(section.locator('[data-results] .sai-result__summary')).toHaveText(/^\d+ of \d+ checks passed\./, { timeout: 15_000 });
});

test('offline, with the sandbox page not in the browser cache, Run says the runner is not available yet; online it runs', async ({ page, context }) => {
  // The sandbox page is kept by the HTTP cache, which a browser may empty: here it never had it.
  const sandboxPage = '**/sandbox/runner.html*';
  await context.route(sandboxPage, (route) => route.abort('internetdisconnected'));
  await firstVisit(page);
  await context.setOffline(true);
  await page.reload();
  const section = await openExercise(page, EXERCISE);
  let results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toContainText('The code runner is not available offline yet: its files were not saved on this device. Press Run again once you are online.');

  await context.unroute(sandboxPage);
  await context.setOffline(false);
  results = await runAndWait(section);
  await expect(results.locator('.sai-result__summary')).toHaveText(/^\d+ of \d+ checks passed\./);
});

test.describe('a new version', () => {
  const original = readFileSync(WORKER_FILE, 'utf8');
  // The manifest as esbuild writes it, minified: {version:"…",files:[{url:"…",hash:"…",…}]}.
  const version = /\bversion:"([0-9a-f]+)"/.exec(original)?.[1];
  const withVersion = (text: string, next: string) => text.replace(`version:"${version}"`, `version:"${next}"`);
  test.afterEach(() => writeFileSync(WORKER_FILE, original));

  test('is offered, and taken only when the reader asks', async ({ page }) => {
    expect(version, 'dist/sw.js names its version').toBeTruthy();
    await firstVisit(page);
    expect(await keptVersions(page)).toEqual([`sai-${version}`]);

    // A deploy: a new service worker with another version of the same files.
    writeFileSync(WORKER_FILE, withVersion(original, '0000next0000'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.locator('[data-notice]')).toHaveText(/A new version of SAI Labs is ready\./, { timeout: 30_000 });
    // Not applied behind the reader's back: the page still runs on the old version.
    expect(await keptVersions(page)).toEqual(['sai-0000next0000', `sai-${version}`]);
    const before = await page.evaluate(() => performance.timeOrigin);
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction((t) => performance.timeOrigin !== t, before);
    await expect(page.locator('h1')).toHaveText(/Distributed joins/);
    const active = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state);
    expect(active).toBe('activated');
    await expect(page.locator('[data-notice]')).toHaveCount(0);
  });

  test('whose files do not match what it lists is never installed; the kept version goes on', async ({ page, context }) => {
    await firstVisit(page);
    // A deploy caught half-way: the new list names a page whose bytes on the server differ.
    const broken = withVersion(original, '0000half0000').replace(/(url:"\/distributed-joins\/",hash:")[0-9a-f]+"/, '$10000000000000000"');
    expect(broken).toContain('0000000000000000');
    writeFileSync(WORKER_FILE, broken);
    const failed = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
      const incoming = registration?.installing;
      if (!incoming) return 'no install started';
      return new Promise<string>((resolve) => incoming.addEventListener('statechange', () => incoming.state === 'redundant' && resolve('redundant')));
    });
    expect(failed).toBe('redundant');
    await expect(page.locator('[data-notice]')).toHaveCount(0);
    expect(await keptVersions(page)).toEqual([`sai-${version}`]);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('h1')).toHaveText(/Distributed joins/);
  });
});
