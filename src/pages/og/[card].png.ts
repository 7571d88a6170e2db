/** The share cards as PNG files (/og/<name>.png), drawn once at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { cardLayout } from '../../share/card-layout.ts';
import { loadShareCards } from '../../share/load-share-cards.ts';
import { renderPng } from '../../share/render-png.ts';
import type { ShareCard } from '../../share/share-card.ts';

export const getStaticPaths = (async () =>
  (await loadShareCards()).map((card) => ({ params: { card: card.name }, props: { card } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: ShareCard }> = async ({ props }) => {
  const png = await renderPng(cardLayout(props.card));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
