/**
 * Every exercise is sound, checked through the same Node runner a learner's code goes through
 * (one test per file role), plus the loader that reads exercise folders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { judge, MIN_CHECKS, MIN_WRONG, rolesOf, runRole, structuralProblems } from '../../scripts/check-exercises.ts';
import { loadExercise, loadExercises } from '../../src/exercises/load-node.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/exercises', import.meta.url));
const exercises = loadExercises();

test('there is at least one exercise to check', () => {
  expect(exercises.length).toBeGreaterThan(0);
});

for (const exercise of exercises) {
  describe(exercise.id, () => {
    test(`has at least ${MIN_WRONG} wrong solutions`, () => {
      expect(structuralProblems(exercise)).toEqual([]);
    });

    for (const role of rolesOf(exercise)) {
      const must = role.kind === 'solution' ? `passes every check (at least ${MIN_CHECKS})` : 'fails at least one check';
      test(`${role.file} ${must}`, async () => {
        const result = await runRole(exercise, role);
        expect(judge(role, result)).toBeUndefined();
        if (role.kind === 'solution') expect(result.status).toBe('passed');
        else expect(result.checks.some((check) => check.status !== 'passed') || result.error?.kind === 'runtime').toBe(true);
      });
    }
  });
}

describe('the exercise loader', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'exercises-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('reads every file of an exercise folder', () => {
    const [exercise] = loadExercises(FIXTURES);
    expect(exercise.id).toBe('arithmetic/add-numbers');
    expect(exercise.lesson).toBe('arithmetic');
    expect(exercise.meta.title).toBe('Add two numbers');
    expect(exercise.meta.timeoutMs).toBe(2000);
    expect(exercise.solution).toContain('return a + b;');
    expect(exercise.starter).toContain('return 0;');
    expect(exercise.checks).toContain("from './solution'");
    expect(exercise.instructions).toContain('Export `add(a, b)`');
    expect(Object.keys(exercise.wrong)).toEqual(['concatenates.ts', 'ignores-second.ts', 'subtracts.ts']);
    expect(loadExercise('arithmetic/add-numbers', FIXTURES)).toEqual(exercise);
  });

  test('an unknown id names the known ones', () => {
    expect(() => loadExercise('arithmetic/nope', FIXTURES)).toThrow(/No exercise "arithmetic\/nope".*arithmetic\/add-numbers/);
    expect(() => loadExercise('just-one-part', FIXTURES)).toThrow(/<lesson>\/<exercise>/);
  });

  test('a folder with missing files is reported with its path and the missing names', () => {
    const dir = join(scratch, 'broken-lesson', 'exercises', 'half-done');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'solution.ts'), 'export {};');
    expect(() => loadExercises(scratch)).toThrow(/half-done: missing exercise\.json, instructions\.md, starter\.ts, checks\.ts/);
  });

  test('invalid exercise.json names the file and the field', () => {
    const root = join(scratch, 'bad-meta');
    const dir = join(root, 'lesson', 'exercises', 'bad');
    mkdirSync(dir, { recursive: true });
    for (const file of ['instructions.md', 'starter.ts', 'solution.ts', 'checks.ts']) writeFileSync(join(dir, file), '');
    writeFileSync(join(dir, 'exercise.json'), JSON.stringify({ title: 'Bad', summary: 'Too short hints below.', hints: [] }));
    expect(() => loadExercises(root)).toThrow(/bad[/\\]exercise\.json: invalid exercise metadata[\s\S]*hints/);
  });
});

describe('the soundness rules', () => {
  const [fixture] = loadExercises(FIXTURES);
  const roles = rolesOf(fixture);

  test('accept a sound exercise', async () => {
    expect(structuralProblems(fixture)).toEqual([]);
    const results = await Promise.all(roles.map((role) => runRole(fixture, role)));
    expect(roles.map((role, i) => judge(role, results[i]))).toEqual(roles.map(() => undefined));
  });

  test('catch a "wrong" solution that passes and a solution that fails', async () => {
    const solution = roles[0];
    const passingWrong = { kind: 'wrong' as const, file: 'wrong/actually-right.ts', code: solution.code };
    expect(judge(passingWrong, await runRole(fixture, passingWrong))).toMatch(/must fail at least one check but passes all 5/);
    const failingSolution = { ...solution, code: roles[1].code };
    expect(judge(failingSolution, await runRole(fixture, failingSolution))).toMatch(/solution\.ts must pass every check but fails "add > adds two positives"/);
  });

  test('a solution whose code crashes inside a check is not sound either', async () => {
    const crashing = { ...roles[0], code: "export function add(a: number, b: number): number {\n  throw new Error('not yet');\n}\n" };
    const result = await runRole(fixture, crashing);
    expect(result.checks.some((check) => check.status === 'error')).toBe(true);
    expect(judge(crashing, result)).toMatch(/solution\.ts must pass every check but crashes in ".*": Error: not yet|solution\.ts must pass every check but crashes in ".*": not yet/);
  });

  test('catch too few checks and too few wrong solutions', async () => {
    const thin = { ...fixture, checks: "import { test, expect } from 'vitest';\ntest('one', () => expect(1).toBe(1));", wrong: {} };
    expect(judge(rolesOf(thin)[0], await runRole(thin, rolesOf(thin)[0]))).toMatch(/has 1 checks; an exercise needs at least 5/);
    expect(structuralProblems(thin)).toEqual([`has 0 wrong solutions in wrong/; an exercise needs at least ${MIN_WRONG}`]);
  });
});
