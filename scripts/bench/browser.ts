/**
 * Figures measured in headless Chromium against the built site: how long Run takes until
 * results are on screen (first and warm), how much JavaScript a lesson page and the
 * exercise island load (gzip bytes), and whether 100 runs leak memory in the page.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';
import { loadIsland, watchJsBytes } from './js-bytes.ts';

export interface BrowserBench {
  /** Median over the exercises of each one's warm p50, until the results are painted. */
  warmP50Ms: number;
  warmP50MsByExercise: Record<string, number>;
  /** The same, until the results are in the DOM (before the frame that paints them). */
  warmP50DomMs: number;
  warmP50DomMsByExercise: Record<string, number>;
  coldFirstMs: number;
  /** Median time from a run's results until the next spare worker is booted and rehearsed. */
  spareReadyP50Ms: number;
  lessonInitialGzBytes: number;
  /** Loaded on the first edit: TypeScript's checker, the engine's sources and the standard library types. */
  typeCheckerGzBytes: number;
  exerciseIslandGzBytes: number;
  heapGrowthMbAfter100Runs: number;
}


/**
 * Clicks Run in the exercise and resolves with ms until the results are in the DOM (`dom`)
 * and until the next frame after that, when they are painted (`paint`).
 */
function timeOneRun(page: Page, exercise: string): Promise<{ dom: number; paint: number }> {
  return page.evaluate(
    (id) =>
      new Promise<{ dom: number; paint: number }>((resolve) => {
        const section = document.getElementById(`exercise-${id}`)!;
        const results = section.querySelector<HTMLElement>('[data-results]')!;
        const button = section.querySelector<HTMLButtonElement>('button[data-action="run"]')!;
        // The previous results stay on screen until the new ones replace them, as a learner sees it
        // (emptying them first would shift the whole page and time that layout instead of the run).
        const previous = results.querySelector('.sai-result__summary');
        const observer = new MutationObserver(() => {
          const summary = results.querySelector('.sai-result__summary');
          if (!summary || summary === previous || results.getAttribute('aria-busy') === 'true') return;
          observer.disconnect();
          const dom = performance.now() - start;
          requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
        });
        observer.observe(results, { childList: true, subtree: true, attributes: true });
        const start = performance.now();
        button.click();
      }),
    exercise,
  );
}

/** Ms from now until the page's runner has a ready spare again (0 when it has one). */
function timeUntilReady(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const root = document.documentElement;
        const start = performance.now();
        if (root.dataset.runnerState === 'ready') return resolve(0);
        const observer = new MutationObserver(() => {
          if (root.dataset.runnerState !== 'ready') return;
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(root, { attributes: true, attributeFilter: ['data-runner-state'] });
      }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Puts code in an exercise's editor as a paste would. */
async function setCode(page: Page, exercise: string, code: string): Promise<void> {
  const section = page.locator(`#exercise-${exercise}`);
  await section.scrollIntoViewIfNeeded();
  await section.locator('sai-exercise[data-ready="true"]').waitFor();
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

/**
 * `exercises` maps each exercise of the lesson at `lesson` ('/distributed-joins/') to its solution;
 * the first one is also used for the cold run, the bundle sizes and the memory figure (after
 * `heapRuns` runs; 0 skips it).
 */
export async function benchBrowser(baseUrl: string, lesson: string, exercises: Record<string, string>, heapRuns = 100): Promise<BrowserBench> {
  const [exercise, solution] = Object.entries(exercises)[0];
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const js = await watchJsBytes(context);
    const page = await context.newPage();

    await page.goto(baseUrl + lesson, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    js.setPhase('island');
    // The island: its code, the editor and the runner's worker, loaded as the exercise nears the viewport.
    await loadIsland(page, exercise);
    js.setPhase('edit');
    // What the first edit adds: the type checker (loaded on first edit, not with the island).
    await setCode(page, exercise, solution);
    const coldFirstMs = (await timeOneRun(page, exercise)).paint;
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    js.setPhase('done');

    // Warm: the spare worker is booted, as it is when a learner reads results before the next Run.
    const spareReady = () => page.waitForFunction(() => document.documentElement.dataset.runnerState === 'ready');
    const warmP50MsByExercise: Record<string, number> = {};
    const warmP50DomMsByExercise: Record<string, number> = {};
    const spareReadyMs: number[] = [];
    for (const [id, code] of Object.entries(exercises)) {
      if (id !== exercise) await setCode(page, id, code);
      const warm: Array<{ dom: number; paint: number }> = [];
      for (let i = 0; i < 21; i++) {
        await spareReady();
        warm.push(await timeOneRun(page, id));
        // The first spare after switching exercises still rehearsed the previous one.
        if (i > 0) spareReadyMs.push(await timeUntilReady(page));
      }
      warmP50MsByExercise[id] = median(warm.map((t) => t.paint));
      warmP50DomMsByExercise[id] = median(warm.map((t) => t.dom));
    }
    await setCode(page, exercise, solution);

    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.waitForTimeout(200);
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = heapRuns > 0 ? await heap() : 0;
    for (let i = 0; i < heapRuns; i++) {
      await spareReady();
      await timeOneRun(page, exercise);
    }
    const after = heapRuns > 0 ? await heap() : 0;

    return {
      warmP50Ms: median(Object.values(warmP50MsByExercise)),
      warmP50MsByExercise,
      warmP50DomMs: median(Object.values(warmP50DomMsByExercise)),
      warmP50DomMsByExercise,
      coldFirstMs,
      spareReadyP50Ms: median(spareReadyMs),
      lessonInitialGzBytes: await js.total('initial'),
      exerciseIslandGzBytes: await js.total('island'),
      typeCheckerGzBytes: await js.total('edit'),
      heapGrowthMbAfter100Runs: (after - before) / (1024 * 1024),
    };
  } finally {
    await browser.close();
  }
}
