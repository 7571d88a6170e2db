/** Every share card the site builds: the site's, one per lesson, one per newsletter issue. */
import { getCollection } from 'astro:content';
import { NEWSLETTER_ISSUES } from '../course/issues.ts';
import { episodeCard, lessonCard, SITE_CARD, type ShareCard } from './share-card.ts';

export async function loadShareCards(): Promise<ShareCard[]> {
  const lessons = (await getCollection('docs')).flatMap(({ id, data }) =>
    data.newsletter ? [lessonCard({ slug: id, title: data.title, newsletter: data.newsletter })] : [],
  );
  const episodes = NEWSLETTER_ISSUES.map((sections) => episodeCard(sections[0].issue, sections.map((s) => s.section)));
  return [SITE_CARD, ...lessons, ...episodes];
}
