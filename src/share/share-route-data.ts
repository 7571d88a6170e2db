/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`): gives every page a share
 * picture. A lesson gets its own card, a page that set its own og:image (an episode) keeps it,
 * and every other page gets the site's card.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { lessonCard, SITE_CARD } from './share-card.ts';
import { metaKey, shareHead } from './share-head.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if (!context.site || route.head.some((entry) => metaKey(entry) === 'og:image')) return;
  const { data } = route.entry;
  const card = data.newsletter ? lessonCard({ slug: route.entry.id, title: data.title, newsletter: data.newsletter }) : SITE_CARD;
  const tags = shareHead(card, context.site);
  const replaced = new Set(tags.map(metaKey));
  route.head = [...route.head.filter((entry) => !replaced.has(metaKey(entry))), ...tags];
});
