/**
 * What a reader can link to on a built page: the ids of headings and of exercise and example
 * sections. Left out: Starlight's own ids (the page top, its sidebar and table of contents) and
 * the exercise title's id, a label for its section (link to the section instead).
 */
const LINKABLE_TAG = /<(h[1-6]|section)\b([^>]*)>/gi;
const ID = /(?:^|\s)id="([^"]*)"/;

function linkable(tag: string, id: string): boolean {
  if (tag.toLowerCase() === 'section') return /^(exercise|example)-/.test(id);
  return id !== '_top' && !id.startsWith('starlight__') && !/^exercise-.+-title$/.test(id);
}

/** The page's linkable ids, sorted, each once. */
export function pageAnchors(html: string): string[] {
  const ids = [...html.matchAll(LINKABLE_TAG)]
    .map(([, tag, attrs]) => [tag, ID.exec(attrs)?.[1]] as const)
    .filter((found): found is readonly [string, string] => !!found[1] && linkable(found[0], found[1]))
    .map(([, id]) => id);
  return [...new Set(ids)].sort();
}

/** Astro's redirect pages (a meta refresh) are links too, with no anchors of their own. */
export function isRedirectPage(html: string): boolean {
  return /<meta http-equiv="refresh"/i.test(html);
}
