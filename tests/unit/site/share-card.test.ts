import { describe, expect, test } from 'vitest';
import { cardLayout, type CardNode } from '../../../src/share/card-layout.ts';
import { renderPng } from '../../../src/share/render-png.ts';
import { episodeCard, lessonCard, shareImageUrl, SITE_CARD } from '../../../src/share/share-card.ts';
import { metaKey, shareHead } from '../../../src/share/share-head.ts';

const joins = lessonCard({ slug: 'distributed-joins', title: 'Distributed joins', newsletter: { issue: 'SAI #05', section: 'Spark - Distributed Joins' } });

const textOf = (node: CardNode): string[] => {
  const { children } = node.props;
  if (typeof children === 'string') return [children];
  return (Array.isArray(children) ? children : children ? [children] : []).flatMap(textOf);
};

/** Width and height from a PNG's IHDR chunk, after the 8-byte signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('share cards', () => {
  test('a lesson card names the lesson and its newsletter section', () => {
    expect(joins).toMatchObject({ name: 'distributed-joins', newsletter: 'SAI #05 · Spark - Distributed Joins' });
    expect(joins.alt).toContain('Distributed joins');
    expect(episodeCard('SAI #05', ['A', 'B'])).toMatchObject({ name: 'sai-05', newsletter: 'A · B' });
    expect(shareImageUrl(SITE_CARD, 'https://labs.sai.example')).toBe('https://labs.sai.example/og/site.png');
  });

  test('the layout shows the site name, the title and the newsletter line', () => {
    expect(textOf(cardLayout(joins))).toEqual(expect.arrayContaining(['SAI Labs', 'Distributed joins', 'SAI #05 · Spark - Distributed Joins']));
  });

  test('the head tags point at the absolute image and give its size and alt text', () => {
    const tags = Object.fromEntries(shareHead(joins, 'https://labs.sai.example/').map((t) => [metaKey(t), t.attrs.content]));
    expect(tags).toMatchObject({
      'og:image': 'https://labs.sai.example/og/distributed-joins.png',
      'og:image:width': '1200',
      'og:image:height': '630',
      'og:image:alt': joins.alt,
      'twitter:card': 'summary_large_image',
    });
  });

  test('the card renders to a 1200x630 PNG', async () => {
    expect(pngSize(await renderPng(cardLayout(joins)))).toEqual({ width: 1200, height: 630 });
  });
});
