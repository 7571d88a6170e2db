/**
 * Stable links on the built site: the newsletter's short links land on their lessons (also
 * without JavaScript), and every recorded page still carries every recorded anchor, or has a
 * redirect entry for it. The build checks the HTML; this checks the page a browser ends up with.
 */
import { expect, test } from '@playwright/test';
import manifest from '../../src/links/published-links.json' with { type: 'json' };
import { splitLink } from '../../src/links/link-paths.ts';
import { pageRedirects } from '../../src/links/page-redirects.ts';
import { REDIRECTS } from '../../src/links/redirects.ts';

const redirectedPages = new Set(Object.keys(pageRedirects(new URL('../../lessons/', import.meta.url))).map((from) => splitLink(from).page));
const redirectedAnchors = new Set(Object.keys(REDIRECTS).filter((from) => from.includes('#')).map((from) => {
  const { page, anchor } = splitLink(from);
  return `${page}#${anchor}`;
}));

for (const javaScriptEnabled of [true, false]) {
  test(`a short link lands on its lesson (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/sai/05/joins');
    await expect(page).toHaveURL(/\/distributed-joins\/$/);
    await expect(page.locator('h1')).toContainText(/join/i);
    await context.close();
  });
}

test('a redirect page keeps the address\'s #anchor, and its script breaks no policy', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text());
  });
  await page.goto('/sai/05/joins/#exercise-broadcast-hash-join');
  await expect(page).toHaveURL(/\/distributed-joins\/#exercise-broadcast-hash-join$/);
  await expect(page.locator('#exercise-broadcast-hash-join')).toBeInViewport();
  expect(refused.filter((text) => /Content.Security.Policy|Refused/i.test(text))).toEqual([]);
});

test('every recorded page has each of its recorded anchors (or a redirect entry for it)', async ({ page }) => {
  const pages = Object.entries(manifest as Record<string, string[]>).filter(([url]) => !redirectedPages.has(url));
  expect(pages.length).toBeGreaterThan(1);
  for (const [url, anchors] of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    const ids = new Set(await page.locator('[id]').evaluateAll((elements) => elements.map((e) => e.id)));
    const absent = anchors.filter((anchor) => !ids.has(anchor) && !redirectedAnchors.has(`${url}#${anchor}`));
    expect(absent, `${url}: recorded anchors missing from the page`).toEqual([]);
  }
});

test('every recorded redirect page leads to a page that loads', async ({ page }) => {
  const redirects = Object.keys(manifest).filter((url) => redirectedPages.has(url));
  expect(redirects).toContain('/sai/05/joins/');
  for (const url of redirects) {
    const response = await page.goto(url);
    await page.waitForURL((to) => to.pathname !== url);
    expect(response?.ok(), url).toBe(true);
    await expect(page.locator('h1').first()).toBeVisible();
  }
});

test("a heading's link icon and an exercise's link copy the section's address (without the newsletter's query) and say so", async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/distributed-joins/?utm_source=newsletter');
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  const heading = page.locator('.sl-heading-wrapper', { has: page.locator('h2#partitions-and-lineage') });
  await heading.hover();
  await heading.locator('a.sl-anchor-link').click();
  expect(await clipboard()).toBe(`${baseURL}/distributed-joins/#partitions-and-lineage`);
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  await expect(page).toHaveURL(/#partitions-and-lineage$/);

  const exercise = page.locator('#exercise-broadcast-hash-join');
  const link = exercise.getByRole('link', { name: 'Link to this exercise: Build a broadcast hash join' });
  await link.click();
  expect(await clipboard()).toBe(`${baseURL}/distributed-joins/#exercise-broadcast-hash-join`);
  await expect(page).toHaveURL(/#exercise-broadcast-hash-join$/);
  const box = await link.boundingBox();
  expect(box!.width, 'a target a thumb can hit').toBeGreaterThanOrEqual(24);
});
