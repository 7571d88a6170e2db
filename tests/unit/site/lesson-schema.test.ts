import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { lessonFieldsSchema } from '../../../src/content/lesson-schema.ts';

const good = { description: 'A lesson description long enough.', order: 1, newsletter: { issue: 'SAI #05', section: 'Spark - Distributed Joins' } };

test('accepts a complete lesson frontmatter', () => {
  expect(lessonFieldsSchema.safeParse(good).success).toBe(true);
});

test('reads the publication date as a date, and a lesson may go without one', () => {
  expect(lessonFieldsSchema.parse({ ...good, published: '2026-11-24' }).published).toEqual(new Date('2026-11-24'));
  expect(lessonFieldsSchema.parse(good).published).toBeUndefined();
  expect(lessonFieldsSchema.safeParse({ ...good, published: 'last week' }).success).toBe(false);
});

test('names the field that is wrong', () => {
  // YAML reads `issue: SAI #05` (unquoted) as "SAI": the schema must catch it.
  const result = lessonFieldsSchema.safeParse({ ...good, newsletter: { issue: 'SAI', section: 'x y z' } });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('newsletter.issue');
  expect(lessonFieldsSchema.safeParse({ ...good, order: 0 }).error?.issues[0].path).toEqual(['order']);
});

test('a bad lesson field fails the site build with the file and the field named', async () => {
  const root = resolve(import.meta.dirname, '../../..');
  const dir = mkdtempSync(join(tmpdir(), 'sai-schema-'));
  try {
    for (const name of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(root, name), join(dir, name), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'lessons/broken-lesson'), { recursive: true });
    writeFileSync(
      join(dir, 'lessons/broken-lesson/index.mdx'),
      '---\ntitle: Broken\ndescription: A lesson whose order field is not a number.\norder: first\nnewsletter:\n  issue: "SAI #05"\n  section: Something\n---\n\nText.\n',
    );
    const run = promisify(execFile)(join(root, 'node_modules/.bin/astro'), ['sync'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const failure = await run.then(
      () => null,
      (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
    );
    expect(failure, 'astro sync should fail on the broken lesson').not.toBeNull();
    expect(failure).toContain('broken-lesson');
    expect(failure).toMatch(/order/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
