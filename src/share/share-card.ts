/**
 * The picture a link to the site shows when shared (Open Graph): one per lesson, one per
 * episode and one for the rest of the site, each a PNG built with the site (pages/og/).
 */
export interface ShareCard {
  /** The image's file name without .png, e.g. "distributed-joins", "sai-05", "site". */
  name: string;
  title: string;
  /** The newsletter line under the title, e.g. "SAI #05 · Spark - Distributed Joins". */
  newsletter: string;
  /** What the picture shows, for people who cannot see it. */
  alt: string;
}

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

export const SITE_CARD: ShareCard = {
  name: 'site',
  title: 'See what your data system really does',
  newsletter: 'The companion site of the SAI newsletter',
  alt: 'SAI Labs: see what your data system really does. Executable lessons on data and ML engineering.',
};

export function lessonCard(lesson: { slug: string; title: string; newsletter: { issue: string; section: string } }): ShareCard {
  const newsletter = `${lesson.newsletter.issue} · ${lesson.newsletter.section}`;
  return { name: lesson.slug, title: lesson.title, newsletter, alt: `SAI Labs lesson "${lesson.title}", accompanies ${newsletter}.` };
}

export function episodeCard(issue: string, sectionTitles: readonly string[]): ShareCard {
  return {
    name: issue.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title: `${issue}: the lessons`,
    newsletter: sectionTitles.join(' · '),
    alt: `SAI Labs: the lessons that go with newsletter issue ${issue}.`,
  };
}

/** Where the card's image is served: absolute, since other sites fetch it. */
export function shareImageUrl(card: ShareCard, site: URL | string): string {
  return new URL(`/og/${card.name}.png`, site).href;
}
