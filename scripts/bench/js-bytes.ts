/**
 * How much JavaScript a lesson page loads, in gzip bytes (level 9, each file on its own), by
 * phase: before any interaction, what the exercise island adds as the exercise comes into view,
 * and what the first edit adds (the type checker). Used by `npm run bench` (figures) and by the
 * browser tests (the budgets, so `npm test` fails when one is missed).
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { saveData } from './typecheck.ts';

export const JS_BUDGETS = {
  /** A lesson page before the reader does anything. */
  lessonInitialGzBytes: 20 * 1024,
  /** The editor, the runner and the island's own code. */
  exerciseIslandGzBytes: 250 * 1024,
} as const;

export type JsPhase = 'initial' | 'island' | 'edit' | 'done';

export interface JsBytesWatch {
  /** Files first loaded from now on count toward `phase` ('done': no longer counted). */
  setPhase(phase: JsPhase): void;
  /** Total gzip bytes of a phase, once the bodies read so far are in. */
  total(phase: Exclude<JsPhase, 'done'>): Promise<number>;
  /** A phase's files and their gzip bytes, largest first: what grew when a budget is missed. */
  files(phase: Exclude<JsPhase, 'done'>): Promise<string>;
}

/**
 * Watches the scripts `context` loads. Save-Data is set on the context, so the type checker (about
 * 1 MB, fetched when the page is idle otherwise) waits for the first edit and stays out of the island.
 */
export async function watchJsBytes(context: BrowserContext): Promise<JsBytesWatch> {
  await context.addInitScript(saveData);
  let phase: JsPhase = 'initial';
  const seen = new Set<string>();
  const loaded: Array<Promise<{ phase: JsPhase; file: string; gzBytes: number }>> = [];
  context.on('response', (response) => {
    const url = response.url();
    if (phase === 'done' || !/\.(m?js|ts)(\?|$)/.test(url) || seen.has(url)) return;
    seen.add(url);
    const current = phase;
    const body = response.body().catch(() => Buffer.alloc(0));
    loaded.push(body.then((bytes) => ({ phase: current, file: url.replace(/^.*\//, ''), gzBytes: gzipSync(bytes, { level: 9 }).length })));
  });
  const of = async (which: JsPhase) => (await Promise.all(loaded)).filter((file) => file.phase === which);
  return {
    setPhase: (next) => void (phase = next),
    total: async (which) => (await of(which)).reduce((sum, file) => sum + file.gzBytes, 0),
    files: async (which) =>
      (await of(which))
        .sort((a, b) => b.gzBytes - a.gzBytes)
        .map((file) => `${file.file} ${file.gzBytes}`)
        .join(', '),
  };
}

/**
 * Brings the exercise's island in: scrolled to, its editor up and the runner ready for a Run (its
 * bundle fetched and booted). Waiting for those rather than for a quiet network: a page whose
 * network is never quiet for long enough must not hang the measurement.
 */
export async function loadIsland(page: Page, exercise: string): Promise<void> {
  const section = page.locator(`#exercise-${exercise}`);
  await section.locator('sai-exercise').scrollIntoViewIfNeeded();
  await section.locator('sai-exercise[data-ready="true"]').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.runnerState === 'ready');
  await page.waitForTimeout(500);
}
