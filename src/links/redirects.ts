/**
 * Where old links go. Every URL and anchor in published-links.json was given to readers (the
 * newsletter links to lesson sections), so renaming a heading or moving a page needs an entry here,
 * or the build fails (src/build/links-check.ts).
 *
 * - 'old page' -> 'new page' or 'new page#anchor': a page redirect (Astro's `redirects`, a 301 on
 *   Vercel). The old page's anchors go to the target, at its top or at its anchor.
 * - 'page#old-anchor' -> 'page#new-anchor' (or another page's anchor): for a page that still
 *   exists; a small script on the page swaps the hash (anchor-redirect-client.ts).
 *
 * The newsletter's short links (/sai/05/<short>) are made from src/course/sections.ts, not here.
 */
export const REDIRECTS: Readonly<Record<string, string>> = {};
