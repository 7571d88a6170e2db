/**
 * The <head> tags that make a shared link show its card as a large picture, in the shape
 * Starlight's head config uses (so a page can pass them as frontmatter `head` too).
 */
import { SHARE_IMAGE_SIZE, shareImageUrl, type ShareCard } from './share-card.ts';

export interface MetaTag {
  tag: 'meta';
  attrs: Record<string, string>;
}

export function shareHead(card: ShareCard, site: URL | string): MetaTag[] {
  const url = shareImageUrl(card, site);
  const meta = (key: 'property' | 'name', value: string, content: string): MetaTag => ({ tag: 'meta', attrs: { [key]: value, content } });
  return [
    meta('property', 'og:image', url),
    meta('property', 'og:image:type', 'image/png'),
    meta('property', 'og:image:width', String(SHARE_IMAGE_SIZE.width)),
    meta('property', 'og:image:height', String(SHARE_IMAGE_SIZE.height)),
    meta('property', 'og:image:alt', card.alt),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:image', url),
    meta('name', 'twitter:image:alt', card.alt),
  ];
}

/** The key a meta tag is known by ("og:image"), so a page's own tag replaces a default one. */
export function metaKey(entry: { tag: string; attrs?: Record<string, string | boolean | undefined> }): string | undefined {
  if (entry.tag !== 'meta') return undefined;
  const key = entry.attrs?.property ?? entry.attrs?.name;
  return typeof key === 'string' ? key : undefined;
}
