import { describe, expect, test } from 'vitest';
import { episodeHref, episodeOf, issueNumber } from '../../../src/course/episode.ts';
import type { CourseLesson } from '../../../src/course/order.ts';
import type { NewsletterSection } from '../../../src/course/sections.ts';

const sections: NewsletterSection[] = [
  { issue: 'SAI #07', section: 'Joins', lesson: 'joins', short: 'j', blurb: 'About joins.' },
  { issue: 'SAI #07', section: 'Skew', lesson: 'skew', short: 's', blurb: 'About skew.' },
];
const course: CourseLesson[] = [
  { slug: 'kafka', title: 'Kafka', exercises: [{ id: 'kafka/c', title: 'C' }] },
  { slug: 'joins', title: 'Distributed joins', exercises: [{ id: 'joins/b', title: 'B' }, { id: 'joins/a', title: 'A' }] },
];

describe('episode', () => {
  test('the issue number comes from the printed issue', () => {
    expect(issueNumber('SAI #05')).toBe('05');
    expect(episodeHref('SAI #12', '/base')).toBe('/base/sai/12/');
    expect(() => issueNumber('SAI')).toThrow(/SAI/);
  });

  test('each section links its published lesson and its exercises in page order', () => {
    const episode = episodeOf(sections, course, '/base');
    expect(episode.issue).toBe('SAI #07');
    expect(episode.href).toBe('/base/sai/07/');
    expect(episode.sections[0]).toEqual({
      title: 'Joins',
      short: 'j',
      blurb: 'About joins.',
      lesson: {
        slug: 'joins',
        title: 'Distributed joins',
        href: '/base/joins/',
        exercises: [
          { title: 'B', href: '/base/joins/#exercise-b' },
          { title: 'A', href: '/base/joins/#exercise-a' },
        ],
      },
    });
  });

  test('a section whose lesson is not published is kept, with no lesson', () => {
    const episode = episodeOf(sections, course);
    expect(episode.sections.map((s) => s.title)).toEqual(['Joins', 'Skew']);
    expect(episode.sections[1].lesson).toBeNull();
  });

  test('sections of two issues are not one episode', () => {
    expect(() => episodeOf([...sections, { ...sections[0], issue: 'SAI #08' }], course)).toThrow(/SAI #08/);
    expect(() => episodeOf([], course)).toThrow();
  });
});
