/**
 * Lighthouse on the built site, mobile (its default: a mid-range phone, simulated slow 4G), for
 * each kind of page a reader lands on. Shared by `npm run bench` (the real scores, as
 * lighthouse.<page>.<category>) and `npm test` (tests/e2e/lighthouse.spec.ts, the guards).
 * Chromium comes from scripts/chromium.ts, started by Playwright with a debugging port for
 * Lighthouse to drive; service workers are left to register, as for a reader.
 */
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { chromiumLaunchOptions } from '../chromium.ts';

/** The pages a newsletter link lands on: one of each kind. */
export const AUDITED_PAGES = { home: '/', lesson: '/distributed-joins/', episode: '/sai/05/' } as const;
export type AuditedPage = keyof typeof AUDITED_PAGES;

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export type PageAudit = {
  page: AuditedPage;
  /** 0 to 100, per category. */
  scores: Record<Category, number>;
  /** Elements in the page's DOM. */
  domElements: number;
  /** Main-thread work during load, in ms (Lighthouse's own, with its CPU slow-down). */
  mainThreadMs: number;
  totalBlockingMs: number;
  largestPaintMs: number;
  /** Audits that cost a category points: "category: title (score)". */
  shortfalls: string[];
};

type Audit = { title: string; score: number | null; numericValue?: number; scoreDisplayMode: string };
type Lhr = {
  categories: Record<Category, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function readAudit(page: AuditedPage, lhr: Lhr): PageAudit {
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)])) as Record<Category, number>;
  const shortfalls = CATEGORIES.flatMap((category) =>
    lhr.categories[category].auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
      .filter(({ audit }) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
      .map(({ audit }) => `${category}: ${audit.title} (${Math.round((audit.score ?? 0) * 100)})`),
  );
  const value = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
  // Lighthouse 13 reports the DOM's size in its DOM-size insight.
  const domElements = value('dom-size-insight');
  return {
    page,
    scores,
    domElements,
    mainThreadMs: value('mainthread-work-breakdown'),
    totalBlockingMs: value('total-blocking-time'),
    largestPaintMs: value('largest-contentful-paint'),
    shortfalls,
  };
}

/** Audits each page in a fresh Chromium profile (nothing cached, as for a first visit). */
export async function auditPages(baseUrl: string, pages: AuditedPage[] = Object.keys(AUDITED_PAGES) as AuditedPage[]): Promise<PageAudit[]> {
  const results: PageAudit[] = [];
  for (const page of pages) {
    const port = await freePort();
    const options = chromiumLaunchOptions();
    const browser = await chromium.launch({ ...options, args: [...(options.args ?? []), `--remote-debugging-port=${port}`] });
    try {
      const run = await lighthouse(new URL(AUDITED_PAGES[page], baseUrl).href, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
      if (!run) throw new Error(`Lighthouse returned nothing for ${page}`);
      results.push(readAudit(page, run.lhr as unknown as Lhr));
    } finally {
      await browser.close();
    }
  }
  return results;
}
