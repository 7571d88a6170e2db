import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compareLinks, formatManifest, recordLinks, type LinkManifest } from '../../../src/links/compare-links.ts';
import { pageAnchors } from '../../../src/links/page-anchors.ts';

/** The built links of a small site: the lesson fixture at /distributed-joins/ and a home page. */
const lesson = pageAnchors(readFileSync(new URL('fixtures/lesson.html', import.meta.url), 'utf8'));
const built: LinkManifest = { '/': ['course-map'], '/distributed-joins/': lesson };

/** What was recorded before: the same site, plus what each case takes away. */
const recordedWith = (page: string, anchors: string[]): LinkManifest => ({ ...built, [page]: [...(built[page] ?? []), ...anchors] });

describe('compareLinks', () => {
  test('an unchanged site passes', () => {
    expect(compareLinks(built, built, {})).toEqual({ missing: [], unrecorded: [], badRedirects: [] });
  });

  test('a removed anchor without a redirect is named', () => {
    const report = compareLinks(recordedWith('/distributed-joins/', ['broadcast-join']), built, {});
    expect(report.missing).toEqual(['/distributed-joins/#broadcast-join']);
  });

  test('a removed anchor with a redirect entry passes', () => {
    const report = compareLinks(recordedWith('/distributed-joins/', ['broadcast-join']), built, {
      '/distributed-joins/#broadcast-join': '/distributed-joins/#exercise-broadcast-hash-join',
    });
    expect(report).toEqual({ missing: [], unrecorded: [], badRedirects: [] });
  });

  test('a removed page is named, and passes once redirected (its anchors go with it)', () => {
    const recorded = recordedWith('/joins/', ['shuffle-join']);
    expect(compareLinks(recorded, built, {}).missing).toEqual(['/joins/', '/joins/#shuffle-join']);
    expect(compareLinks(recorded, built, { '/joins': '/distributed-joins/' }).missing).toEqual([]);
  });

  test('a new anchor and a new page are reported as unrecorded', () => {
    const recorded: LinkManifest = { '/distributed-joins/': lesson.filter((a) => a !== 'null-keys') };
    expect(compareLinks(recorded, built, {}).unrecorded).toEqual(['/', '/#course-map', '/distributed-joins/#null-keys']);
  });

  test('a redirect to a target missing from the build fails', () => {
    const report = compareLinks(recordedWith('/distributed-joins/', ['broadcast-join']), built, {
      '/distributed-joins/#broadcast-join': '/distributed-joins/#no-such-anchor',
      '/sai/05/joins': '/no-such-page/',
    });
    expect(report.badRedirects).toEqual([
      '/distributed-joins/#broadcast-join -> /distributed-joins/#no-such-anchor: the target does not exist in the build',
      '/sai/05/joins -> /no-such-page/: the target does not exist in the build',
    ]);
  });

  test('an anchor redirect from a live anchor, from a gone page, or to a redirected page fails', () => {
    const report = compareLinks(built, { ...built, '/old/': [] }, {
      '/distributed-joins/#null-keys': '/distributed-joins/#shuffle-join',
      '/gone/#x': '/distributed-joins/',
      '/old': '/distributed-joins/',
      '/#map': '/old/',
    });
    expect(report.badRedirects).toEqual([
      '/distributed-joins/#null-keys -> /distributed-joins/#shuffle-join: the old anchor still exists on the page and would be taken away from it',
      '/gone/#x -> /distributed-joins/: the old page is gone, so no script runs there; redirect the page instead',
      '/#map -> /old/: the target is itself redirected; point at the final page',
    ]);
  });
});

describe('recordLinks', () => {
  test('keeps redirected old links (their redirect stays required) and adds the new ones, sorted', () => {
    const recorded: LinkManifest = { '/distributed-joins/': ['broadcast-join'], '/joins/': [] };
    const next = recordLinks(recorded, built);
    expect(Object.keys(next)).toEqual(['/', '/distributed-joins/', '/joins/']);
    expect(next['/distributed-joins/']).toEqual([...lesson, 'broadcast-join'].sort());
  });
});

describe('the committed manifest', () => {
  const text = readFileSync(new URL('../../../src/links/published-links.json', import.meta.url), 'utf8');

  test('is in its recorded form (sorted, one anchor a line) and lists the lessons and short links', () => {
    const manifest = JSON.parse(text) as LinkManifest;
    expect(formatManifest(recordLinks({}, manifest))).toBe(text);
    expect(manifest['/distributed-joins/']).toContain('exercise-broadcast-hash-join');
    expect(manifest).toHaveProperty(['/sai/05/joins/']);
  });
});
