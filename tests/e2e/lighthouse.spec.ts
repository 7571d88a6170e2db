/**
 * Lighthouse (mobile) on a page of each kind: accessibility, best practices and SEO at 100; for
 * performance, the DOM and main-thread budgets and a score floor (scripts/lighthouse/budgets.ts).
 * A miss fails with the figures and the audits that cost the points.
 */
import { expect, test } from '@playwright/test';
import { AUDITED_PAGES, auditPages, type AuditedPage, type PageAudit } from '../../scripts/lighthouse/audit.ts';
import { PAGE_BUDGETS, PERFORMANCE_FLOOR, STEADY_CATEGORIES } from '../../scripts/lighthouse/budgets.ts';

let audits: Map<AuditedPage, PageAudit> | undefined;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('no baseURL for Lighthouse');
  audits = new Map((await auditPages(baseURL)).map((audit) => [audit.page, audit]));
});

for (const page of Object.keys(AUDITED_PAGES) as AuditedPage[]) {
  test(`Lighthouse on the ${page} page: accessibility, best practices and SEO at 100; performance within its budgets`, () => {
    const audit = audits?.get(page);
    if (!audit) throw new Error(`no Lighthouse result for ${page}`);
    const budget = PAGE_BUDGETS[page];
    console.log(
      `${page}: ${Object.entries(audit.scores).map(([c, s]) => `${c} ${s}`).join(', ')}; ${audit.domElements} elements (budget ${budget.domElements}), main thread ${audit.mainThreadMs} ms (budget ${budget.mainThreadMs}), TBT ${audit.totalBlockingMs} ms, LCP ${audit.largestPaintMs} ms`,
    );
    const why = audit.shortfalls.join('; ') || 'no audit named';
    for (const category of STEADY_CATEGORIES) expect(audit.scores[category], `${page} ${category}: ${why}`).toBe(100);
    expect(audit.domElements, `${page}: elements in the DOM`).toBeLessThanOrEqual(budget.domElements);
    expect(audit.mainThreadMs, `${page}: main-thread work (ms)`).toBeLessThanOrEqual(budget.mainThreadMs);
    expect(audit.scores.performance, `${page} performance: ${why}`).toBeGreaterThanOrEqual(PERFORMANCE_FLOOR);
  });
}
