/** The feed of new lessons (/rss.xml), announced in every page's head. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { feedItems } from '../course/feed.ts';

export const GET: APIRoute = async (context) => {
  const lessons = await getCollection('docs');
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return rss({
    title: 'SAI Labs: new lessons',
    description: 'Executable lessons that go with the SAI newsletter: a new one when a section gets its lesson.',
    site: context.site ?? context.url.origin,
    items: feedItems(
      lessons.map(({ id, data }) => ({ ...data, slug: id, description: data.description ?? '' })),
      base,
    ),
    customData: '<language>en</language>',
  });
};
