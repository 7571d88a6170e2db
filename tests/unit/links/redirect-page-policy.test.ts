import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { REDIRECT_PAGE_CSP, withRedirectPagePolicy } from '../../../src/build/links-redirect-pages.ts';

test('a redirect page gets the strict policy before its other tags, once', () => {
  const html = readFileSync(new URL('fixtures/redirect.html', import.meta.url), 'utf8');
  const once = withRedirectPagePolicy(html);
  expect(once.startsWith(`<!doctype html><meta http-equiv="content-security-policy" content="${REDIRECT_PAGE_CSP}"><title>`)).toBe(true);
  expect(withRedirectPagePolicy(once)).toBe(once);
  expect(REDIRECT_PAGE_CSP).toContain("script-src 'none'");
});
