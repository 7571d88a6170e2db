import { expect, test } from '@playwright/test';
import { LESSON_URL, axeViolations } from './helpers.ts';

test('home page shows the course map with the lesson and its exercises', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Course map' })).toBeVisible();
  const lessonLink = page.getByRole('link', { name: 'Distributed joins' }).first();
  await expect(lessonLink).toBeVisible();
  const exercises = page.locator('[data-progress-id]');
  expect(await exercises.count()).toBeGreaterThanOrEqual(4);
  // Back to the newsletter, and a way to hear of new lessons.
  await expect(page.getByRole('link', { name: 'SAI #05: its sections and their lessons' })).toHaveAttribute('href', '/sai/05/');
  await expect(page.getByRole('link', { name: 'Follow new lessons (RSS)' })).toHaveAttribute('href', '/rss.xml');
  await lessonLink.click();
  await expect(page).toHaveURL(new RegExp(`${LESSON_URL}$`));
});

test('home page has no axe violations (light and dark)', async ({ page }) => {
  await page.goto('/');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await axeViolations(page)).toEqual([]);
});

test('lesson page renders examples with build-time output and diagrams, and passes axe', async ({ page }) => {
  await page.goto(LESSON_URL);
  await expect(page.locator('h1')).toHaveText('Distributed joins'); // exactly one h1 on the page
  const examples = page.locator('.sai-example');
  expect(await examples.count()).toBeGreaterThanOrEqual(2);
  // Rendered without running any script: output text and an accessible SVG diagram.
  await expect(examples.first().locator('.sai-example__console')).not.toBeEmpty();
  await expect(examples.first().locator('svg[role="img"]')).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await axeViolations(page)).toEqual([]);
});

test('a deep link to a section lands on its heading', async ({ page }) => {
  await page.goto(LESSON_URL);
  const firstH2 = page.locator('.sl-markdown-content h2').first();
  const id = await firstH2.getAttribute('id');
  expect(id).toBeTruthy();
  await page.goto(`${LESSON_URL}#${id}`);
  await expect(page.locator(`#${id}`)).toBeInViewport();
});

test('the editor code is not loaded until an exercise comes near the viewport', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(LESSON_URL);
  await page.waitForLoadState('networkidle');
  const firstExercise = page.locator('sai-exercise').first();
  const before = scripts.length;
  await expect(firstExercise).not.toHaveAttribute('data-ready', 'true');
  await firstExercise.scrollIntoViewIfNeeded();
  await expect(firstExercise).toHaveAttribute('data-ready', 'true');
  expect(scripts.length).toBeGreaterThan(before);
});

test('a runnable example runs in the browser', async ({ page }) => {
  await page.goto(LESSON_URL);
  const example = page.locator('.sai-example').first();
  await example.scrollIntoViewIfNeeded();
  await example.getByRole('button', { name: 'Run example' }).click();
  await expect(example.locator('.sai-result__summary')).toHaveText(/Ran in \d+ ms/);
  // Its last job, as on the built page; the earlier ones of the run are listed collapsed, newest first.
  await expect(example.locator('svg[role="img"]:visible')).toHaveCount(1);
  const earlier = example.locator('details.sai-trace-earlier');
  await expect(earlier.locator('summary')).toHaveText('Earlier jobs of this run (2), newest first');
  await earlier.locator('summary').click();
  await expect(earlier.locator('svg[role="img"] title').first()).toHaveText('Job 1: count');
  await expect(example.locator('svg[role="img"]:visible')).toHaveCount(3);
});

test('an example that draws two jobs shows both, with their captions, before and after Run', async ({ page }) => {
  await page.goto(LESSON_URL);
  const example = page.locator('#example-shuffle-vs-broadcast');
  const check = async () => {
    const figures = example.locator('figure.sai-trace-figure');
    await expect(figures).toHaveCount(2);
    await expect(figures.nth(0).locator('svg[role="img"] title').first()).toHaveText('Job 0: count');
    await expect(figures.nth(0).locator('figcaption')).toContainText(/Join strategy: SortMergeJoin\. Shuffle moved [\d,]+ records \([\d.]+ KB\) between executors/);
    await expect(figures.nth(1).locator('svg[role="img"] title').first()).toHaveText('Job 1: count');
    await expect(figures.nth(1).locator('figcaption')).toContainText(
      /The build side \(40 records, [\d.]+ KB\) was collected from 4 executors to the driver, which broadcast a copy to each of 4 executors: [\d.]+ KB in total\./);
    await expect(example.locator('figcaption', { hasText: /from executor/ })).toHaveCount(0);
  };
  await check();
  await example.scrollIntoViewIfNeeded();
  await example.getByRole('button', { name: 'Run example' }).click();
  await expect(example.locator('.sai-result__summary')).toHaveText(/Ran in \d+ ms/);
  await check();
});

test('at 375 px a diagram scrolls inside its own box, says so, and keeps its text at 12 px or more', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(LESSON_URL);
  const figure = page.locator('#example-shuffle-vs-broadcast figure.sai-trace-figure').nth(1);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('figcaption')).toContainText(/was collected from 4 executors to the driver/);
  const box = figure.locator('.sai-trace-figure__scroll');
  const sizes = await box.evaluate((el) => {
    const svg = el.querySelector('svg')!;
    const fonts = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize));
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, smallest: Math.min(...fonts) * scale };
  });
  expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
  expect(sizes.smallest).toBeGreaterThanOrEqual(12);
  // The hint takes room (and shows) only when the picture is wider than its box.
  await expect(figure.getByText('Scroll sideways to see it all')).toBeInViewport();
  expect((await figure.locator('.sai-trace-figure__hint').boundingBox())!.height).toBeGreaterThan(10);
  // Scrolling the box reaches the end of the picture; the page itself never scrolls sideways.
  await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  expect(await box.evaluate((el) => Math.ceil(el.scrollLeft + el.clientWidth) >= el.scrollWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await figure.locator('.sai-trace-figure__hint').boundingBox())?.height ?? 0).toBe(0);
});

for (const [lesson, id, least] of [
  ['/distributed-joins/', 'shuffle-vs-broadcast', 2],
  ['/kafka-delivery/', 'partitions-and-offsets', 1],
  ['/kafka-delivery/', 'rebalance', 1],
] as const) {
  test(`at 375 px, after a Run of ${id}, every diagram keeps its text summary right beside it and its text at 12 px or more`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(lesson);
    const example = page.locator(`#example-${id}`);
    await example.scrollIntoViewIfNeeded();
    await expect(example.locator('sai-example')).toHaveAttribute('data-ready', 'true');
    await example.getByRole('button', { name: /Run example/ }).click();
    // The summary "Ran in N ms." replaces the build's output once the run is drawn.
    await expect(example.locator('[data-output] .sai-result__summary')).toHaveText(/^Ran in \d+ ms\.$/);
    const figures = example.locator('figure.sai-trace-figure');
    // The run's pictures are drawn a moment after its summary (their code loads on first use).
    await expect(figures.nth(least - 1)).toBeVisible();
    for (const figure of await figures.all()) {
      await figure.scrollIntoViewIfNeeded();
      const caption = figure.locator('figcaption');
      await expect(caption).toHaveText(/\w{3,}/);
      const picture = (await figure.locator('.sai-trace-figure__scroll').boundingBox())!;
      const text = (await caption.boundingBox())!;
      const gap = Math.min(Math.abs(text.y - (picture.y + picture.height)), Math.abs(picture.y - (text.y + text.height)));
      expect(gap, 'the summary sits against the picture').toBeLessThanOrEqual(48);
      expect(text.width, 'the summary is as wide as the picture box').toBeGreaterThanOrEqual(picture.width * 0.9);
      const smallest = await figure.locator('svg').first().evaluate((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      });
      expect(smallest).toBeGreaterThanOrEqual(12);
    }
  });
}

test('search finds the lesson by a term from its text', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await expect(input).toBeFocused();
  await input.fill('broadcast');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /distributed-joins/);
});

test('no request of a page fails (assets, icons, scripts)', async ({ page }) => {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  for (const url of ['/', LESSON_URL]) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
  }
  expect(failures).toEqual([]);
});

test('the sidebar lists the lessons under Course', async ({ page }) => {
  await page.goto(LESSON_URL);
  const sidebar = page.locator('#starlight__sidebar');
  await expect(sidebar.getByText('Course', { exact: true })).toBeVisible();
  await expect(sidebar.getByRole('link', { name: 'Distributed joins' })).toHaveAttribute('aria-current', 'page');
});
