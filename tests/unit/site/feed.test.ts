import { expect, test } from 'vitest';
import { feedItems } from '../../../src/course/feed.ts';

const lesson = (slug: string, published?: string) => ({
  slug,
  title: `Lesson ${slug}`,
  description: `About ${slug}.`,
  published: published ? new Date(published) : undefined,
  newsletter: { issue: 'SAI #05', section: `Section ${slug}` },
});

test('published lessons, newest first, each linked to its page', () => {
  const items = feedItems([lesson('a', '2026-11-24'), lesson('draft'), lesson('b', '2026-12-02')], '/base');
  expect(items.map((i) => i.link)).toEqual(['/base/b/', '/base/a/']);
  expect(items[0]).toEqual({
    title: 'Lesson b',
    description: 'About b.',
    link: '/base/b/',
    pubDate: new Date('2026-12-02'),
    categories: ['SAI #05', 'Section b'],
  });
});

test('no published lesson, no items', () => {
  expect(feedItems([lesson('draft')])).toEqual([]);
});
