/**
 * What the service worker keeps (src/offline/precache-manifest.ts) and how it names it
 * (src/offline/cache-keys.ts).
 */
import { describe, expect, test } from 'vitest';
import { cachesToDelete, pageKey } from '../../../src/offline/cache-keys.ts';
import { contentHash, isPrecached, precacheManifest, urlOf } from '../../../src/offline/precache-manifest.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

const SITE = new Map([
  ['index.html', bytes('<h1>home</h1>')],
  ['404.html', bytes('<h1>lost</h1>')],
  ['distributed-joins/index.html', bytes('<h1>joins</h1>')],
  ['_astro/exercise-element.abc.js', bytes('export {}')],
  ['_astro/typecheck-worker-x.js', bytes('self.onmessage = () => {}')],
  ['pagefind/pagefind.js', bytes('// search')],
  ['sandbox/runner.html', bytes('<script></script>')],
  ['og/distributed-joins.png', bytes('PNG')],
  ['rss.xml', bytes('<rss/>')],
  ['sitemap-index.xml', bytes('<sitemapindex/>')],
  ['sitemap-0.xml', bytes('<urlset/>')],
  ['_headers', bytes('/*')],
  ['sw.js', bytes('// the worker itself')],
]);

describe('precache manifest', () => {
  test('keeps pages and what they load; leaves out share pictures, feeds, sitemaps, the header file, the sandbox page and itself', () => {
    const urls = precacheManifest(SITE, '/').files.map((file) => file.url);
    expect(urls).toEqual(['/', '/404.html', '/_astro/exercise-element.abc.js', '/_astro/typecheck-worker-x.js', '/distributed-joins/', '/pagefind/pagefind.js']);
  });

  test('a page is asked for by its directory, under the site base', () => {
    expect(urlOf('index.html', '/')).toBe('/');
    expect(urlOf('kafka-delivery/index.html', '/')).toBe('/kafka-delivery/');
    expect(urlOf('kafka-delivery/index.html', '/labs')).toBe('/labs/kafka-delivery/');
    expect(urlOf('_astro/a.js', '/labs/')).toBe('/labs/_astro/a.js');
    expect(urlOf('404.html', '/')).toBe('/404.html');
    expect(urlOf('notindex.html', '/')).toBe('/notindex.html');
  });

  test('each file carries the hash the worker checks its bytes against', () => {
    const file = precacheManifest(SITE, '/').files.find((f) => f.url === '/distributed-joins/');
    expect(file).toEqual({ url: '/distributed-joins/', hash: contentHash(bytes('<h1>joins</h1>')), bytes: 14 });
    expect(file?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  test('the version changes with any kept file, and only with kept files', () => {
    const version = precacheManifest(SITE, '/').version;
    expect(precacheManifest(new Map(SITE), '/').version).toBe(version);
    const page = new Map(SITE).set('distributed-joins/index.html', bytes('<h1>joins, revised</h1>'));
    expect(precacheManifest(page, '/').version).not.toBe(version);
    const added = new Map(SITE).set('_astro/new.js', bytes('1'));
    expect(precacheManifest(added, '/').version).not.toBe(version);
    const picture = new Map(SITE).set('og/distributed-joins.png', bytes('another PNG'));
    expect(precacheManifest(picture, '/').version).toBe(version);
  });

  test('left-out rules match whole names, not look-alikes', () => {
    expect(isPrecached('blog/og/index.html')).toBe(true);
    expect(isPrecached('sandboxes/index.html')).toBe(true);
    expect(isPrecached('_astro/sw.js')).toBe(true);
    expect(isPrecached('_astro/app.js.map')).toBe(false);
  });
});

describe('cache keys', () => {
  const key = (url: string) => pageKey(new URL(url, 'https://labs.example'));

  test('a navigation finds its page without the query a newsletter adds, and without its trailing slash', () => {
    expect(key('/distributed-joins/?utm_source=newsletter')).toBe('/distributed-joins/');
    expect(key('/distributed-joins')).toBe('/distributed-joins/');
    expect(key('/')).toBe('/');
    expect(key('/404.html')).toBe('/404.html');
    expect(key('/sai/05/joins')).toBe('/sai/05/joins/');
  });

  test('once a version is in use, the newest finished older cache stays (for tabs still showing it) and the rest go', () => {
    expect(
      cachesToDelete([
        { name: 'sai-old', keptAt: 100 },
        { name: 'sai-previous', keptAt: 200 },
        { name: 'sai-unfinished', keptAt: undefined },
      ]),
    ).toEqual(['sai-old', 'sai-unfinished']);
    expect(cachesToDelete([{ name: 'sai-unfinished', keptAt: undefined }])).toEqual(['sai-unfinished']);
    expect(cachesToDelete([])).toEqual([]);
  });
});
