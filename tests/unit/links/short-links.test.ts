import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SAI_05_SECTIONS } from '../../../src/course/sections.ts';
import { pageRedirects } from '../../../src/links/page-redirects.ts';
import { sai05ShortLinks, shortLinks } from '../../../src/links/short-links.ts';

const ROOT = new URL('../../../', import.meta.url);
const LESSONS = new URL('lessons/', ROOT);

describe('short links', () => {
  test('one per section whose lesson is published, to the lesson page', () => {
    expect(shortLinks(SAI_05_SECTIONS, (lesson) => lesson === 'distributed-joins')).toEqual({ '/sai/05/joins': '/distributed-joins/' });
    expect(shortLinks(SAI_05_SECTIONS, () => false)).toEqual({});
  });

  test('the published lessons have theirs, and the episode page /sai/05/ is not one of them', () => {
    const links = sai05ShortLinks(LESSONS);
    expect(links['/sai/05/joins']).toBe('/distributed-joins/');
    expect(Object.keys(links).every((from) => /^\/sai\/05\/[a-z-]+$/.test(from))).toBe(true);
  });
});

test('vercel.json sends every page redirect as a 301 (add an entry there when a page redirect is added)', () => {
  const vercel = JSON.parse(readFileSync(new URL('vercel.json', ROOT), 'utf8')) as {
    redirects?: { source: string; destination: string; statusCode: number }[];
  };
  const expected = Object.entries(pageRedirects(LESSONS)).map(([source, destination]) => ({ source, destination, statusCode: 301 }));
  expect(vercel.redirects).toEqual(expected);
});
