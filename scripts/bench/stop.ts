/**
 * runner.stop_ms: from pressing Stop on a run stuck in an infinite loop to the runner being
 * ready for the next Run (a warm spare, the Run button enabled). Measured in headless Chromium.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';

const LOOPING = 'export function broadcastHashJoin() {\n  while (true) {}\n}\n';
const ROUNDS = 7;
/** How long each run loops before Stop, as a learner would wait before giving up on it. */
const LOOP_MS = 1500;

export async function benchStop(baseUrl: string, lesson: string, exercise: string): Promise<number[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await page.goto(baseUrl + lesson);
    const section = page.locator(`#exercise-${exercise}`);
    await section.scrollIntoViewIfNeeded();
    await section.locator('sai-exercise[data-ready="true"]').waitFor();
    await section.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(LOOPING);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await page.waitForFunction(() => document.documentElement.dataset.runnerState === 'ready');
      await section.locator('button[data-action="run"]').click();
      await section.locator('button[data-action="stop"]').waitFor({ state: 'visible' });
      await page.waitForTimeout(LOOP_MS);
      times.push(
        await page.evaluate(
          (id) =>
            new Promise<number>((resolve) => {
              const section = document.getElementById(`exercise-${id}`)!;
              const run = section.querySelector<HTMLButtonElement>('button[data-action="run"]')!;
              const root = document.documentElement;
              const start = performance.now();
              const check = () => {
                if (root.dataset.runnerState === 'ready' && !run.hasAttribute('aria-disabled')) resolve(performance.now() - start);
                else requestAnimationFrame(check);
              };
              section.querySelector<HTMLButtonElement>('button[data-action="stop"]')!.click();
              check();
            }),
          exercise,
        ),
      );
    }
    return times;
  } finally {
    await browser.close();
  }
}
