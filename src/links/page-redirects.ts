/**
 * Every page redirect of the site: the newsletter's short links and the page entries of
 * redirects.ts. astro.config.mjs gives them to Astro (a page that refreshes to the target, no
 * JavaScript needed) and vercel.json repeats them as 301s (tests/unit/links/vercel-redirects.test.ts).
 */
import { REDIRECTS } from './redirects.ts';
import { sai05ShortLinks } from './short-links.ts';

/** The entries without an anchor on their old side. */
export function pageEntries(redirects: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(redirects).filter(([from]) => !from.includes('#')));
}

/** `lessonsDir`: the lessons folder, as a URL ending in '/'. */
export function pageRedirects(lessonsDir: URL): Record<string, string> {
  return { ...sai05ShortLinks(lessonsDir), ...pageEntries(REDIRECTS) };
}
