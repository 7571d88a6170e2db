import { expect, test, type Page } from '@playwright/test';
import { axeViolations, openExercise, runAndWait, setCode } from './helpers.ts';
import { PAGE_BUDGETS } from '../../scripts/lighthouse/budgets.ts';

/** Every kind of page a reader can land on. */
const PAGES = ['/', '/distributed-joins/', '/kafka-delivery/', '/no-such-page/'];
const WIDTHS = [320, 375, 1280];

/**
 * Why the page scrolls sideways, or null when it does not: the elements sticking out past the
 * viewport that no scrolling box of their own contains (those are the ones that widen the page).
 */
function sidewaysScroll(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const inScrollBox = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1 && !inScrollBox(element))
      .slice(0, 3)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}"> "${(element.textContent ?? '').slice(0, 60)}"`);
    return `the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport; sticking out: ${culprits.join('; ') || 'text overflowing its box'}`;
  });
}

/** The header's controls are on screen: nothing pushed them past the edge. */
async function expectHeaderOnScreen(page: Page, width: number) {
  const controls = page.locator('header.header').getByRole('button');
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    expect(box.x + box.width, `${await control.getAttribute('aria-label')} sits inside the ${width} px screen`).toBeLessThanOrEqual(width);
  }
}

test('every lesson keeps to the lesson page\'s DOM budget (Lighthouse audits one lesson; this holds them all)', async ({ page }) => {
  for (const path of PAGES.filter((p) => p !== '/' && !p.startsWith('/no-such'))) {
    await page.goto(path);
    const elements = await page.evaluate(() => document.querySelectorAll('*').length);
    expect(elements, `${path}: elements in the DOM`).toBeLessThanOrEqual(PAGE_BUDGETS.lesson.domElements);
  }
});

test('every page links each stylesheet once', async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    const links = await page.locator('link[rel="stylesheet"]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLLinkElement).href));
    const repeated = links.filter((href, i) => links.indexOf(href) !== i);
    expect(links.length, path).toBeGreaterThan(0);
    expect(repeated, `${path}: stylesheets linked more than once`).toEqual([]);
  }
});

for (const width of WIDTHS) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('no page scrolls sideways, and the header keeps its controls on screen', async ({ page }) => {
      for (const path of PAGES) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect(await sidewaysScroll(page), path).toBeNull();
        await expectHeaderOnScreen(page, width);
      }
    });

    test('a long output line, a long check message and the results stay inside their boxes', async ({ page }) => {
      await page.goto('/distributed-joins/');
      // An example that prints a line with no place to break it.
      const example = page.locator('#example-narrow-vs-wide');
      await example.scrollIntoViewIfNeeded();
      await expect(example.locator('sai-example')).toHaveAttribute('data-ready', 'true');
      await setCode(page, example, `console.log('${'x'.repeat(400)}');\nconsole.log('${'spark.sql.autoBroadcastJoinThreshold.'.repeat(12)}');`);
      await example.getByRole('button', { name: /Run example/ }).click();
      await expect(example.locator('[data-output]')).toContainText('x'.repeat(400));
      await expect(example.locator('[data-output]')).not.toHaveAttribute('aria-busy', 'true');
      expect(await sidewaysScroll(page), 'after the example printed a long line').toBeNull();

      // The starter's results: failures with expected and received values and long messages.
      const exercise = await openExercise(page, 'broadcast-hash-join');
      await runAndWait(exercise);
      expect(await sidewaysScroll(page), 'with failing checks on screen').toBeNull();
      await expectHeaderOnScreen(page, width);
    });
  });
}

test.describe('exercises in the table of contents', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const lesson of ['distributed-joins', 'kafka-delivery']) {
    test(`${lesson}: every exercise is listed, in page order, and its entry lands on it`, async ({ page }) => {
      await page.goto(`/${lesson}/`);
      // The exercises as the page shows them, in order.
      const sections = await page.locator('section.sai-exercise').evaluateAll((all) =>
        all.map((section) => ({ id: section.id, title: section.querySelector('h3')!.textContent!.trim() })),
      );
      expect(sections.length).toBeGreaterThan(1);
      const toc = page.locator('starlight-toc nav');
      const listed = await toc.locator('a[href^="#exercise-"]').evaluateAll((links) =>
        links.map((link) => ({ id: link.getAttribute('href')!.slice(1), title: link.textContent!.trim() })),
      );
      expect(listed).toEqual(sections.map(({ id, title }) => ({ id, title: `Exercise: ${title}` })));

      // Each entry sits after the heading of the section that holds it.
      const order = await page.evaluate(() => {
        const inToc = [...document.querySelectorAll('starlight-toc nav a')].map((a) => a.getAttribute('href')!.slice(1));
        const inPage = [...document.querySelectorAll('.sl-markdown-content :is(h2, h3)[id], section.sai-exercise')]
          .map((element) => element.id)
          .filter((id) => inToc.includes(id));
        return { inToc: inToc.filter((id) => id !== '_top'), inPage };
      });
      expect(order.inToc).toEqual(order.inPage);

      const last = sections.at(-1)!;
      await toc.getByRole('link', { name: `Exercise: ${last.title}` }).click();
      await expect(page).toHaveURL(new RegExp(`#${last.id}$`));
      const top = await page.locator(`#${last.id}`).evaluate((section) => section.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(200);
    });
  }
});

for (const width of [1280, 375]) {
  test(`${width} px: a deep link to an exercise lands on it and stays there while the islands load`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const target = 'exercise-salted-skew-join';
    await page.goto(`/distributed-joins/#${target}`);
    const section = page.locator(`#${target}`);
    await expect(section.locator('sai-exercise')).toHaveAttribute('data-ready', 'true');
    // Examples and exercises above it turn into editors meanwhile: watch where it sits for a while.
    const tops: number[] = [];
    for (let i = 0; i < 8; i++) {
      tops.push(await section.evaluate((element) => Math.round(element.getBoundingClientRect().top)));
      await page.waitForTimeout(400);
    }
    for (const top of tops) {
      expect(top, `the exercise's top edge over time: ${tops.join(', ')} px`).toBeGreaterThanOrEqual(0);
      expect(top, `the exercise's top edge over time: ${tops.join(', ')} px`).toBeLessThan(200);
    }
  });
}

test('after a deep link, a scroll of the reader\'s own that is not a wheel or a key (a scrollbar dragged) is not undone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const target = 'exercise-salted-skew-join';
  await page.goto(`/distributed-joins/#${target}`);
  const section = page.locator(`#${target}`);
  await expect(section).toBeInViewport();
  // What dragging the scrollbar does: the page scrolls, with no wheel, key or touch event.
  await page.evaluate(() => window.scrollBy(0, -1500));
  const after = await page.evaluate(() => window.scrollY);
  await page.waitForTimeout(200); // the scroll event
  // Then the page changes height (as an island loading does): it must stay where the reader took it.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 600px' })));
  await page.waitForTimeout(500);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - after), 'scroll position moved back').toBeLessThan(400);
  await expect(section).not.toBeInViewport();
});

test.describe('the table of contents follows the reader into exercises and examples', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  const current = (page: Page) => page.locator('starlight-toc a[aria-current="true"]');

  test('inside an exercise its own entry is highlighted; inside an example, the section holding it', async ({ page }) => {
    await page.goto('/distributed-joins/#exercise-salted-skew-join');
    const title = (await page.locator('#exercise-salted-skew-join h3').textContent())!.trim();
    await expect(current(page)).toHaveText(`Exercise: ${title}`);

    // The reader scrolls on (a wheel turn hands the page back from the deep link's hold).
    await page.mouse.wheel(0, -100);
    // The oracle: the last entry of the table whose target comes before the example in the page.
    await page.locator('#example-adaptive-broadcast').evaluate((example) => example.scrollIntoView({ block: 'start' }));
    const expected = await page.evaluate(() => {
      const example = document.getElementById('example-adaptive-broadcast')!;
      const before = [...document.querySelectorAll('starlight-toc a')].filter((link) => {
        const target = document.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
        return target && target.compareDocumentPosition(example) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      return before.at(-1)!.textContent!.trim();
    });
    expect(expected).not.toBe('Overview');
    await expect(current(page)).toHaveText(expected);
  });
});

test('a lesson\'s reference list is folded under a line that says what it holds, and opens by click or keyboard', async ({ page }) => {
  await page.goto('/kafka-delivery/');
  const dive = page.locator('details.sai-deep-dive');
  await expect(dive).toHaveCount(1);
  const summary = dive.locator('summary');
  await expect(summary).toHaveText(/^Each simplification, in detail \(\d+\)$/);
  const count = Number(/\((\d+)\)/.exec((await summary.textContent()) ?? '')?.[1]);
  const items = dive.locator('li');
  await expect(items.first()).toBeHidden();
  await summary.click();
  await expect(items.first()).toBeVisible();
  await expect(items).toHaveCount(count);
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(items.first()).toBeHidden();
  expect(await axeViolations(page, 'details.sai-deep-dive')).toEqual([]);
});
