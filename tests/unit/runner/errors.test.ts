import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';
import { prepareTranspile, transpile } from '../../../src/runner/transpile.ts';

/** 1-based column of `needle` on 1-based `line` of `code`, computed from the source itself. */
function columnOf(code: string, line: number, needle: string): number {
  const index = code.split('\n')[line - 1].indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not on line ${line}`);
  return index + 1;
}

describe('errors in the learner code', () => {
  test('a syntax error reports its line and column in the learner code', async () => {
    const code = 'const a: number = 1;\nconst b = 2;\nconst c = ;\n';
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'syntax', line: 3, column: columnOf(code, 3, ';') });
    expect(result.error?.message).toMatch(/Unexpected token/);
    expect(result.error?.message).not.toMatch(/\(\d+:\d+\)/);
  });

  test('a syntax error inside a type annotation is found too', async () => {
    const code = 'export function f(x: number): number {\n  let y: = x;\n  return y;\n}\n';
    const result = await runInNode({ mode: 'exercise', code, checks: "import { test } from 'vitest'; test('t', () => {});" });
    expect(result.error).toMatchObject({ kind: 'syntax', line: 2, column: columnOf(code, 2, '= x') });
  });

  test('an error thrown on line 7 is reported on line 7, at the right column despite stripped types', async () => {
    const code = [
      "import type { Row } from '@sai/spark';",
      '',
      '// Types on the lines above and on the failing line move columns after transpiling.',
      'interface Order { id: number }',
      'const orders: Order[] = [{ id: 1 }];',
      'const ids: number[] = orders.map((o: Order) => o.id);',
      "if (ids.length > 0) { const label: string = 'no rows'; throw new Error(label); }",
      'export const rows: Row[] = [];',
    ].join('\n');
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'no rows', line: 7, column: columnOf(code, 7, 'new Error') });
  });

  test('a TypeError keeps its name', async () => {
    const result = await runInNode({ mode: 'example', code: 'const rows: any = 5;\n\nrows.map((r: number) => r);\n' });
    expect(result.error).toMatchObject({ kind: 'runtime', line: 3, message: 'TypeError: rows.map is not a function' });
  });

  test('using a name the engine does not export fails at that line and names it', async () => {
    const code = "import { SparkSession, notInTheEngine } from '@sai/spark';\n\nconst spark = new SparkSession();\nnotInTheEngine(spark);\n";
    const result = await runInNode({ mode: 'example', code });
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.line).toBe(4);
    expect(result.error?.message).toMatch(/^'@sai\/spark' has no export named 'notInTheEngine'/);
  });

  test("a module the exercise does not declare is refused, naming the ones it may use", async () => {
    const code = "import { oracles } from '@sai/checks';\nexport const x = oracles;\n";
    const checks = "import { test, expect } from 'vitest';\nimport { x } from './solution';\ntest('x', () => expect(x).toBeDefined());";
    const result = await runInNode({ mode: 'exercise', code, modules: ['@sai/spark'], checks });
    expect(result.status).toBe('error');
    expect(result.error?.message).toBe("Only '@sai/spark' can be imported here (not '@sai/checks').");
    expect(result.error?.line).toBe(1);
  });

  test('throwing a string is reported as a thrown non-Error value', async () => {
    const result = await runInNode({ mode: 'example', code: 'const x = 1;\nthrow "oops";\n' });
    expect(result.status).toBe('error');
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.message).toContain('threw a non-Error value: "oops"');
  });

  test('throwing a number from code under check makes that check an error (a crash, not a wrong answer)', async () => {
    const code = 'export function pick(): number {\n  throw 42;\n}\n';
    const checks = "import { test, expect } from 'vitest';\nimport { pick } from './solution';\ntest('pick', () => { expect(pick()).toBe(1); });\n";
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('failed');
    expect(result.checks[0].status).toBe('error');
    expect(result.checks[0].message).toContain('threw a non-Error value: 42');
  });

  test('a rejected promise nobody handles ends the run with a runtime error', async () => {
    const code = 'async function save(): Promise<void> {\n  throw new Error("disk full");\n}\nsave();\nconsole.log("after save");\n';
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.message).toContain('A promise was rejected and nothing handled it');
    expect(result.error?.message).toContain('disk full');
    expect(result.error?.line).toBe(2);
    expect(result.console.map((entry) => entry.text)).toEqual(['after save']);
  });

  test('importing anything but the engine is refused with a clear message', async () => {
    const code = "import { readFileSync } from 'node:fs';\n\nreadFileSync('/etc/hostname');\n";
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.message).toContain("Only '@sai/spark' or '@sai/kafka' can be imported here");
    expect(result.error?.message).toContain("'node:fs'");
    expect(result.error?.line).toBe(1);
  });

  test('learner code cannot import the check API either', async () => {
    const result = await runInNode({ mode: 'example', code: "import 'vitest';" });
    expect(result.error?.message).toContain("Only '@sai/spark' or '@sai/kafka' can be imported here (not 'vitest')");
  });

  test('hidden checks may import vitest, the engine and ./solution', async () => {
    const checks = [
      "import { test, expect } from 'vitest';",
      "import * as engine from '@sai/spark';",
      "import * as solution from './solution';",
      "test('modules', () => { expect(typeof engine).toBe('object'); expect(solution.answer).toBe(42); });",
    ].join('\n');
    const result = await runInNode({ mode: 'exercise', code: 'export const answer = 42;', checks });
    expect(result.checks.map((c) => c.status)).toEqual(['passed']);
  });
});

describe('code transpiled ahead of its run', () => {
  test('a prepared source is reused, any other source is transpiled afresh, and a prepared error keeps its line', () => {
    const code = 'export const x: number = 1;\n';
    prepareTranspile(code, 'learner.ts');
    const first = transpile(code, 'learner.ts');
    expect(transpile(code, 'learner.ts')).toBe(first);
    const other = transpile('export const y = 2;\n', 'learner.ts');
    expect(other).not.toBe(first);
    expect(other.ok && other.module.code).toContain('y = 2');
    prepareTranspile('const a = 1;\nconst = 2;\n', 'learner.ts');
    expect(transpile('const a = 1;\nconst = 2;\n', 'learner.ts')).toMatchObject({ ok: false, error: { kind: 'syntax', line: 2 } });
  });
});
