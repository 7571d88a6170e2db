/**
 * The promise kept by the build: every recorded URL and anchor still resolves, on the page or
 * through a redirect entry, and every redirect leads somewhere real. Pure, so the cases are unit-tested.
 */
import { splitLink } from './link-paths.ts';

/** Page ('/distributed-joins/') -> its anchors, sorted. */
export type LinkManifest = Readonly<Record<string, readonly string[]>>;

export interface LinkReport {
  /** Recorded links that are gone and have no redirect: 'page' or 'page#anchor'. */
  missing: string[];
  /** Links of the build that the manifest lacks (record them). */
  unrecorded: string[];
  /** Redirect entries that cannot work, each with the reason. */
  badRedirects: string[];
}

const link = (page: string, anchor?: string) => (anchor ? `${page}#${anchor}` : page);

/** `redirects`: every entry, short links included: 'old' or 'old#anchor' -> 'new' or 'new#anchor'. */
export function compareLinks(recorded: LinkManifest, built: LinkManifest, redirects: Readonly<Record<string, string>>): LinkReport {
  const entries = Object.entries(redirects).map(([from, to]) => ({ from, to, old: splitLink(from), target: splitLink(to) }));
  const redirectedPages = new Set(entries.filter((e) => !e.old.anchor).map((e) => e.old.page));
  const redirectedAnchors = new Set(entries.filter((e) => e.old.anchor).map((e) => link(e.old.page, e.old.anchor)));
  const has = (page: string, anchor?: string) => page in built && (!anchor || built[page].includes(anchor));

  const missing: string[] = [];
  for (const [page, anchors] of Object.entries(recorded)) {
    if (!(page in built) && !redirectedPages.has(page)) missing.push(page);
    // A redirected page sends its anchors along with it.
    if (redirectedPages.has(page)) continue;
    for (const anchor of anchors) if (!has(page, anchor) && !redirectedAnchors.has(link(page, anchor))) missing.push(link(page, anchor));
  }

  const unrecorded: string[] = [];
  for (const [page, anchors] of Object.entries(built)) {
    if (!(page in recorded)) unrecorded.push(page);
    for (const anchor of anchors) if (!recorded[page]?.includes(anchor)) unrecorded.push(link(page, anchor));
  }

  const badRedirects: string[] = [];
  for (const { from, to, old, target } of entries) {
    if (!has(target.page, target.anchor)) badRedirects.push(`${from} -> ${to}: the target does not exist in the build`);
    else if (redirectedPages.has(target.page)) badRedirects.push(`${from} -> ${to}: the target is itself redirected; point at the final page`);
    if (!old.anchor) continue;
    if (!(old.page in built) || redirectedPages.has(old.page)) {
      badRedirects.push(`${from} -> ${to}: the old page is gone, so no script runs there; redirect the page instead`);
    } else if (has(old.page, old.anchor)) {
      badRedirects.push(`${from} -> ${to}: the old anchor still exists on the page and would be taken away from it`);
    }
  }
  return { missing: missing.sort(), unrecorded: unrecorded.sort(), badRedirects };
}

/** What the manifest becomes when recorded: everything it had (a redirect still owes those) plus the build's links. */
export function recordLinks(recorded: LinkManifest, built: LinkManifest): Record<string, string[]> {
  const pages = [...new Set([...Object.keys(recorded), ...Object.keys(built)])].sort();
  return Object.fromEntries(pages.map((page) => [page, [...new Set([...(recorded[page] ?? []), ...(built[page] ?? [])])].sort()]));
}

/** The manifest file's text: one anchor a line, so a diff shows each change. */
export function formatManifest(manifest: LinkManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
