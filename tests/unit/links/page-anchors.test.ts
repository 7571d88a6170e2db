import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isRedirectPage, pageAnchors } from '../../../src/links/page-anchors.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('pageAnchors', () => {
  test('headings and exercise/example sections count; Starlight ids, exercise titles and widget ids do not', () => {
    expect(pageAnchors(fixture('lesson.html'))).toEqual([
      'example-narrow-vs-wide',
      'exercise-broadcast-hash-join',
      'key-takeaways',
      'null-keys',
      'shuffle-join',
    ]);
  });

  test('an Astro redirect page is told apart from a page', () => {
    expect(isRedirectPage(fixture('redirect.html'))).toBe(true);
    expect(isRedirectPage(fixture('lesson.html'))).toBe(false);
  });
});
