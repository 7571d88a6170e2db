/**
 * The site as the newsletter's companion: the episode page and its links, the "Accompanies" line
 * on lessons, the RSS feed, share pictures and the 404 page. Links are followed for real, so a
 * renamed lesson, exercise or anchor fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SAI_05_SECTIONS } from '../../src/course/sections.ts';
import { axeViolations } from './helpers.ts';

const EPISODE_URL = '/sai/05/';

/** The lessons on disk with the frontmatter fields this spec needs. */
const LESSONS = readdirSync(new URL('../../lessons/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const text = readFileSync(new URL(`../../lessons/${entry.name}/index.mdx`, import.meta.url), 'utf8');
    const frontmatter = text.split('\n---\n')[0];
    const field = (name: string) => new RegExp(`^\\s*${name}: "?(.+?)"?$`, 'm').exec(frontmatter)?.[1];
    return { slug: entry.name, title: field('title'), issue: field('issue'), section: field('section'), published: field('published') };
  });

/** A link of the built site as a local path: absolute links to the production site are mapped here. */
const localPath = (href: string, from: string) => {
  const url = new URL(href, `http://local${from}`);
  return { path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) };
};

/** Fails unless the path answers 200 and, given an anchor, the page has an element with that id. */
async function expectResolves(request: APIRequestContext, href: string, from: string) {
  const { path, hash } = localPath(href, from);
  const response = await request.get(path);
  expect(response.status(), `${href} (from ${from})`).toBe(200);
  if (hash) expect(await response.text(), `#${hash} on ${path}`).toContain(`id="${hash}"`);
}

async function withTheme(page: Page, url: string, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Width and height from a PNG's header: the signature, then the IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test.describe('episode page', () => {
  test('lists every section of the issue, published lessons linked with their exercises, the others coming', async ({ page }) => {
    await page.goto(EPISODE_URL);
    await expect(page.locator('h1')).toHaveText('SAI #05');
    const sections = page.locator('.sai-episode__section');
    await expect(sections).toHaveCount(SAI_05_SECTIONS.length);
    for (const [i, expected] of SAI_05_SECTIONS.entries()) {
      const section = sections.nth(i);
      await expect(section.locator('h2')).toContainText(expected.section);
      await expect(section).toContainText(expected.blurb);
      const lesson = LESSONS.find((l) => l.slug === expected.lesson);
      if (lesson) {
        await expect(section.getByRole('link', { name: lesson.title })).toHaveAttribute('href', `/${lesson.slug}/`);
        const exercises = section.getByRole('list', { name: `Exercises in ${lesson.title}` }).getByRole('link');
        expect(await exercises.count(), expected.lesson).toBeGreaterThan(0);
        for (const href of await exercises.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
          expect(href).toMatch(new RegExp(`^/${lesson.slug}/#exercise-[a-z0-9-]+$`));
        }
        await expect(section.locator('.sai-episode__coming')).toHaveCount(0);
      } else {
        await expect(section.locator('.sai-episode__coming')).toHaveText(/coming/i);
        await expect(section.getByRole('link')).toHaveCount(0);
      }
    }
  });

  test('every link on it leads to an existing page and anchor', async ({ page, request }) => {
    await page.goto(EPISODE_URL);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toEqual(expect.arrayContaining(['/rss.xml', '/#course-map']));
    expect(hrefs.filter((h) => h.includes('#exercise-')).length).toBeGreaterThanOrEqual(2);
    for (const href of new Set(hrefs)) await expectResolves(request, href, EPISODE_URL);
  });

  test('an exercise link lands on the exercise', async ({ page }) => {
    await page.goto(EPISODE_URL);
    const link = page.locator('.sai-episode__exercises a').first();
    const target = (await link.getAttribute('href'))!.split('#')[1];
    await link.click();
    await expect(page).toHaveURL(new RegExp(`#${target}$`));
    await expect(page.locator(`#${target}`)).toBeInViewport();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`passes axe in the ${theme} theme`, async ({ page }) => {
      await withTheme(page, EPISODE_URL, theme);
      expect(await axeViolations(page), theme).toEqual([]);
    });
  }
});

test('each lesson says which newsletter section it accompanies, linked to the episode', async ({ page }) => {
  expect(LESSONS.length).toBeGreaterThan(0);
  for (const lesson of LESSONS) {
    await page.goto(`/${lesson.slug}/`);
    const line = page.locator('.sai-accompanies');
    await expect(line).toHaveText(`Accompanies ${lesson.issue} · ${lesson.section}`);
    // Right under the title, where a reader from the newsletter looks first.
    await expect(page.locator('h1 + .sai-accompanies')).toHaveCount(1);
    await line.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`${EPISODE_URL}$`));
    await expect(page.locator('h1')).toHaveText(lesson.issue!);
  }
});

test('the RSS feed is valid XML with an item per published lesson, each linking to it', async ({ page, request }) => {
  for (const url of ['/', EPISODE_URL, `/${LESSONS[0].slug}/`]) {
    await page.goto(url);
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', '/rss.xml');
  }
  const response = await request.get('/rss.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const read = (item: Element, name: string) => item.querySelector(name)?.textContent ?? '';
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      title: doc.querySelector('channel > title')?.textContent,
      items: [...doc.querySelectorAll('channel > item')].map((item) => ({
        title: read(item, 'title'),
        link: read(item, 'link'),
        description: read(item, 'description'),
        pubDate: read(item, 'pubDate'),
      })),
    };
  }, xml);
  expect(feed.error).toBeNull();
  expect(feed.title).toBeTruthy();
  const published = LESSONS.filter((l) => l.published);
  expect(published.length).toBeGreaterThan(0);
  expect(feed.items.map((i) => i.title).sort()).toEqual(published.map((l) => l.title).sort());
  for (const item of feed.items) {
    const lesson = published.find((l) => l.title === item.title)!;
    expect(localPath(item.link, '/').path).toBe(`/${lesson.slug}/`);
    expect(new Date(item.pubDate).toISOString().slice(0, 10)).toBe(lesson.published);
    expect(item.description.length).toBeGreaterThan(20);
    await expectResolves(request, item.link, '/rss.xml');
  }
});

test('lesson, episode and home pages share a 1200x630 PNG picture', async ({ page, request }) => {
  for (const url of [`/${LESSONS[0].slug}/`, `/${LESSONS.at(-1)!.slug}/`, EPISODE_URL, '/']) {
    await page.goto(url);
    const meta = (key: string) => page.locator(`head meta[property="${key}"], head meta[name="${key}"]`);
    await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`^https://[^/]+${url}$`));
    await expect(meta('twitter:card')).toHaveAttribute('content', 'summary_large_image');
    await expect(meta('og:image:width')).toHaveAttribute('content', '1200');
    await expect(meta('og:image:height')).toHaveAttribute('content', '630');
    await expect(meta('og:image:alt')).toHaveAttribute('content', /\w{3,}/);
    await expect(meta('og:image')).toHaveCount(1);
    const image = (await meta('og:image').getAttribute('content'))!;
    expect(image, 'other sites need an absolute URL').toMatch(/^https:\/\/[^/]+\/og\/[a-z0-9-]+\.png$/);
    const response = await request.get(localPath(image, url).path);
    expect(response.status(), image).toBe(200);
    expect(pngSize(await response.body()), image).toEqual({ width: 1200, height: 630 });
  }
  // Each lesson has its own picture, not the site's.
  await page.goto(`/${LESSONS[0].slug}/`);
  await expect(page.locator('head meta[property="og:image"]')).toHaveAttribute('content', new RegExp(`/og/${LESSONS[0].slug}\\.png$`));
});

test.describe('404 page', () => {
  const MISSING = '/sai/05/no-such-section/';

  test('says the page is gone and offers search, the course map and the episode', async ({ page, request }) => {
    const response = await page.goto(MISSING);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page not found');
    await expect(page.locator('main')).toContainText(/moved, or it never existed/);
    const courseMap = page.getByRole('link', { name: /course map/i });
    const episode = page.getByRole('link', { name: /SAI #05/ });
    await expect(courseMap).toHaveAttribute('href', '/#course-map');
    await expect(episode).toHaveAttribute('href', EPISODE_URL);
    for (const href of ['/#course-map', EPISODE_URL]) await expectResolves(request, href, MISSING);
    await page.getByRole('button', { name: 'Search the lessons' }).click();
    const search = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
    await expect(search).toBeVisible();
    await search.fill('broadcast');
    await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 10_000 });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`passes axe in the ${theme} theme`, async ({ page }) => {
      await withTheme(page, MISSING, theme);
      expect(await axeViolations(page), theme).toEqual([]);
    });
  }
});
