/** Old anchors of pages that still exist, and where each now points (no Node or DOM: the page script uses it). */
import { splitLink } from './link-paths.ts';

/** The anchor entries of a redirect list: keys with a '#'. */
export function anchorRedirects(redirects: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(redirects).filter(([from]) => from.includes('#')));
}

/**
 * Where a reader arriving at `pathname` + `hash` should be instead, or undefined when the hash is
 * not an old anchor of that page. The hash comes as in `location.hash`: '#...' and percent-encoded.
 */
export function redirectedHash(pathname: string, hash: string, redirects: Readonly<Record<string, string>>): string | undefined {
  if (hash.length < 2) return undefined;
  let anchor: string;
  try {
    anchor = decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
  const page = splitLink(pathname).page;
  for (const [from, to] of Object.entries(redirects)) {
    const old = splitLink(from);
    if (old.page === page && old.anchor === anchor) return to;
  }
  return undefined;
}
