import { describe, expect, test } from 'vitest';
import { anchorRedirects, redirectedHash } from '../../../src/links/anchor-redirects.ts';
import { pageEntries } from '../../../src/links/page-redirects.ts';

const redirects = {
  '/distributed-joins/#broadcast-join': '/distributed-joins/#exercise-broadcast-hash-join',
  '/distributed-joins#älter': '/distributed-joins/#shuffle-join',
  '/kafka-delivery/#exactly-once': '/distributed-joins/#shuffle-join',
  '/joins': '/distributed-joins/',
};

describe('redirectedHash', () => {
  test('an old anchor of this page maps to its new place', () => {
    expect(redirectedHash('/distributed-joins/', '#broadcast-join', redirects)).toBe('/distributed-joins/#exercise-broadcast-hash-join');
    // location.pathname may lack the slash; location.hash is percent-encoded.
    expect(redirectedHash('/distributed-joins', '#%C3%A4lter', redirects)).toBe('/distributed-joins/#shuffle-join');
    expect(redirectedHash('/kafka-delivery/', '#exactly-once', redirects)).toBe('/distributed-joins/#shuffle-join');
  });

  test('other hashes and other pages are left alone', () => {
    expect(redirectedHash('/distributed-joins/', '#shuffle-join', redirects)).toBeUndefined();
    expect(redirectedHash('/kafka-delivery/', '#broadcast-join', redirects)).toBeUndefined();
    expect(redirectedHash('/distributed-joins/', '', redirects)).toBeUndefined();
    expect(redirectedHash('/distributed-joins/', '#%E0%A4%A', redirects)).toBeUndefined();
  });
});

test('anchor and page entries are split by the #', () => {
  expect(Object.keys(anchorRedirects(redirects))).toEqual(Object.keys(redirects).slice(0, 3));
  expect(pageEntries(redirects)).toEqual({ '/joins': '/distributed-joins/' });
});
