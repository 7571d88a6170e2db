/**
 * How soon the editor's type hints answer: ms from focusing the first exercise's editor until the
 * completion list after `left.` shows the RDD's methods (member-aware completions from the
 * language service), measured in headless Chromium against the built site. The HTTP cache is warm
 * (a first page load fetched everything), as on a learner's second visit. The page is told the
 * learner saves data, so the service does not load at idle and the figure covers its whole start
 * from the focus.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';

const LESSON = '/distributed-joins/';
/** The lesson's first exercise: its starter has an RDD parameter named `left`. */
const EXERCISE = 'shuffle-hash-join';
/** A method of RDD that no other completion list offers. */
const MEMBER = 'zipPartitions';

/** For addInitScript: the page sees a Save-Data connection, so the type checker loads on focus only. */
export function saveData(): void {
  Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true } });
}

export interface TypecheckBench {
  /** Median over `runs` page loads. */
  firstCompletionMs: number;
  samplesMs: number[];
}

export async function benchTypecheck(baseUrl: string, runs = 5): Promise<TypecheckBench> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const samplesMs: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      await page.addInitScript(saveData);
      await page.goto(baseUrl + LESSON);
      await page.evaluate(() => localStorage.clear());
      const section = page.locator(`#exercise-${EXERCISE}`);
      await section.scrollIntoViewIfNeeded();
      await section.locator('sai-exercise[data-ready="true"]').waitFor();
      const shown = page.evaluate(
        ([id, member]) =>
          new Promise<number>((resolve) => {
            const root = document.getElementById(`exercise-${id}`)!;
            let focusedAt = 0;
            root.addEventListener('focusin', () => (focusedAt = performance.now()), { once: true });
            const observer = new MutationObserver(() => {
              const labels = root.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel');
              if (![...labels].some((label) => label.textContent === member)) return;
              observer.disconnect();
              resolve(performance.now() - focusedAt);
            });
            observer.observe(root, { childList: true, subtree: true });
          }),
        [EXERCISE, MEMBER] as const,
      );
      await section.locator('.cm-line', { hasText: 'This placeholder returns' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('left.');
      const ms = await Promise.race([
        shown,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no member completions within 30 s')), 30_000)),
      ]);
      // The first load fills the HTTP cache; it is not counted.
      if (run > 0) samplesMs.push(ms);
      if (run === 0) await section.locator('[data-assist-status][data-assist-state="ready"]').waitFor({ state: 'attached' });
      await page.close();
    }
    const sorted = [...samplesMs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return { firstCompletionMs: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, samplesMs };
  } finally {
    await browser.close();
  }
}
