import { describe, expect, test } from 'vitest';
import { exercisesAfterHeadings, withExercises, type TocEntry } from '../../../src/course/toc-exercises.ts';

const entry = (depth: number, slug: string, children: TocEntry[] = []): TocEntry => ({ depth, slug, text: slug, children });

// A lesson's body, its headings (all depths, in order) and the table Starlight builds (h2 and h3).
const body = [
  'Intro text.',
  '## Joins',
  '<Exercise id="l/first" />',
  '### Shuffle',
  '```ts',
  '# not a heading',
  '<Exercise id="l/in-code" />',
  '```',
  '<Exercise id="l/second" />',
  '#### Deep detail',
  '<Exercise id="l/third" />',
  '## Skew',
  '<Exercise id="l/unknown" />',
].join('\n');
const headings = [{ slug: 'joins' }, { slug: 'shuffle' }, { slug: 'deep-detail' }, { slug: 'skew' }];
const toc = () => [entry(2, '_top'), entry(2, 'joins', [entry(3, 'shuffle')]), entry(2, 'skew')];
const exercises = [
  { id: 'l/first', title: 'First' },
  { id: 'l/second', title: 'Second' },
  { id: 'l/third', title: 'Third' },
  { id: 'l/in-code', title: 'In code' },
];

const shape = (entries: TocEntry[]): unknown => entries.map((e) => (e.children.length ? [e.slug, e.depth, shape(e.children)] : [e.slug, e.depth]));

describe('exercises in the table of contents', () => {
  test('each exercise goes under the section holding it, before the subsections that follow it', () => {
    expect(shape(withExercises(toc(), headings, body, exercises))).toEqual([
      ['_top', 2],
      ['joins', 2, [['exercise-first', 3], ['shuffle', 3, [['exercise-second', 4], ['exercise-third', 4]]]]],
      ['skew', 2],
    ]);
  });

  test('an exercise under a heading too deep to be listed goes under the nearest listed one; its text names it as an exercise', () => {
    const result = withExercises(toc(), headings, body, exercises);
    const shuffle = result[1].children[1];
    expect(shuffle.children.map((e) => e.text)).toEqual(['Exercise: Second', 'Exercise: Third']);
  });

  test('an <Exercise> written inside a code block, and one the lesson does not have, are left out', () => {
    const slugs = JSON.stringify(withExercises(toc(), headings, body, exercises));
    expect(slugs).not.toContain('exercise-in-code');
    expect(slugs).not.toContain('exercise-unknown');
  });

  test('an exercise before any heading sits at the top level after the page title', () => {
    const result = withExercises(toc(), headings, `<Exercise id="l/first" />\n${body}`, exercises);
    expect(result.map((e) => e.slug).slice(0, 3)).toEqual(['_top', 'exercise-first', 'joins']);
    expect(result[1].depth).toBe(2);
  });

  test('the table given is not changed', () => {
    const items = toc();
    const before = JSON.stringify(items);
    withExercises(items, headings, body, exercises);
    expect(JSON.stringify(items)).toBe(before);
  });

  test('headings inside fenced code are not counted, whatever the fence', () => {
    const text = ['## A', '~~~', '## not', '```', '## still not', '~~~', '<Exercise id="x/y" />', '````md', '```', '````', '## B', '<Exercise id="x/z" />'].join('\n');
    expect(exercisesAfterHeadings(text)).toEqual([
      { id: 'x/y', headingsBefore: 1 },
      { id: 'x/z', headingsBefore: 2 },
    ]);
  });
});
