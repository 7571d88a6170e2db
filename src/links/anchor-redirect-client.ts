/**
 * On every page: a reader who arrives with an old anchor of this page in the hash (a renamed
 * heading, an exercise given a new id) is taken to its new place. The entries are in redirects.ts.
 * Bundled, not inline, so the page's Content-Security-Policy covers it with 'self'.
 */
import { anchorRedirects, redirectedHash } from './anchor-redirects.ts';
import { splitLink } from './link-paths.ts';
import { REDIRECTS } from './redirects.ts';

const ANCHORS = anchorRedirects(REDIRECTS);

function followOldAnchor(): void {
  const target = redirectedHash(location.pathname, location.hash, ANCHORS);
  if (!target) return;
  const { page, anchor } = splitLink(target);
  if (page !== splitLink(location.pathname).page || !anchor) {
    location.replace(target);
    return;
  }
  // Replaced, not pushed: Back should not return to the old anchor and bounce here again.
  history.replaceState(history.state, '', `#${encodeURIComponent(anchor)}`);
  document.getElementById(anchor)?.scrollIntoView();
}

if (Object.keys(ANCHORS).length > 0) {
  followOldAnchor();
  addEventListener('hashchange', followOldAnchor);
}
