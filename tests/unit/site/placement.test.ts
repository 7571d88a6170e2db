import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExercises } from '../../../src/exercises/load-node.ts';

const LESSONS = join(import.meta.dirname, '../../../lessons');
const lessonText = (lesson: string) => readFileSync(join(LESSONS, lesson, 'index.mdx'), 'utf8');
const placed = (text: string, component: string) => [...text.matchAll(new RegExp(`<${component} id="([^"]+)"`, 'g'))].map((m) => m[1]);

describe('every exercise and example is placed in its lesson exactly once', () => {
  const exercises = loadExercises(LESSONS);

  test('there are exercises to check', () => {
    expect(exercises.length).toBeGreaterThan(0);
  });

  test.each(exercises.map((e) => [e.id, e.lesson]))('exercise %s', (id, lesson) => {
    expect(placed(lessonText(lesson), 'Exercise').filter((p) => p === id)).toHaveLength(1);
  });

  const examples = readdirSync(LESSONS).flatMap((lesson) => {
    let files: string[] = [];
    try {
      files = readdirSync(join(LESSONS, lesson, 'examples'));
    } catch {
      return [];
    }
    return files.filter((f) => f.endsWith('.ts')).map((f) => [`${lesson}/${f.replace(/\.ts$/, '')}`, lesson]);
  });

  test.each(examples)('example %s', (id, lesson) => {
    expect(placed(lessonText(lesson), 'Example').filter((p) => p === id)).toHaveLength(1);
  });
});
