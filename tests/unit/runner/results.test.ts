import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';
import { compileChecks } from '../../../src/runner/transpile.ts';

const adder = `export function add(a: number, b: number): number {
  return a + b;
}
`;

const addChecks = `import { describe, test, expect } from 'vitest';
import { add } from './solution';

describe('add', () => {
  test('adds small numbers', () => {
    expect(add(2, 3)).toBe(5);
  });
  test('adds negatives', () => {
    expect(add(-2, -3)).toBe(-5);
  });
});
`;

describe('exercise runs: check results', () => {
  test('a correct solution passes every check, named "describe > test"', async () => {
    const result = await runInNode({ mode: 'exercise', code: adder, checks: addChecks });
    expect(result.status).toBe('passed');
    expect(result.error).toBeUndefined();
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['add > adds small numbers', 'passed'],
      ['add > adds negatives', 'passed'],
    ]);
    expect(result.checks.every((c) => c.durationMs >= 0)).toBe(true);
  });

  test('a failed assertion reports its message with pretty expected and received values', async () => {
    const code = `export function totals(): Record<string, number> {
  return { apples: 3, pears: 1 };
}
`;
    const checks = `import { test, expect } from 'vitest';
import { totals } from './solution';
test('counts fruit', () => {
  expect(totals()).toEqual({ apples: 3, pears: 2 });
});
test('has apples', () => {
  expect(totals().apples).toBe(3);
});
`;
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('failed');
    const [counts, apples] = result.checks;
    expect(counts).toMatchObject({
      name: 'counts fruit',
      status: 'failed',
      expected: '{ apples: 3, pears: 2 }',
      received: '{ apples: 3, pears: 1 }',
    });
    // In the project's words, not the assertion library's ("to deeply equal").
    expect(counts.message).toBe('expected { apples: 3, pears: 2 }, got { apples: 3, pears: 1 }.');
    expect(apples.status).toBe('passed');
  });

  test('toBe on numbers shows both numbers', async () => {
    const result = await runInNode({ mode: 'exercise', code: 'export const add = (a: number, b: number) => a - b;', checks: addChecks });
    expect(result.status).toBe('failed');
    expect(result.checks[0]).toMatchObject({ status: 'failed', expected: '5', received: '-1' });
    expect(result.checks[0].message).toMatch(/expected 5, got -1\.$/);
  });

  test('async checks are awaited, and beforeEach runs before every check in its describe', async () => {
    const code = `export async function later<T>(value: T): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return value;
}
`;
    const checks = `import { describe, test, it, expect, beforeEach } from 'vitest';
import { later } from './solution.ts';
const seen: number[] = [];
describe('later', () => {
  let counter = 0;
  beforeEach(() => { counter += 1; });
  test('resolves to its value', async () => {
    expect(await later('x')).toBe('x');
    seen.push(counter);
  });
  it('works with .resolves', async () => {
    await expect(later(7)).resolves.toBe(7);
    seen.push(counter);
  });
});
test('hooks ran once per check', () => {
  expect(seen).toEqual([1, 2]);
});
`;
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.checks.map((c) => `${c.name}: ${c.status}`)).toEqual([
      'later > resolves to its value: passed',
      'later > works with .resolves: passed',
      'hooks ran once per check: passed',
    ]);
    expect(result.status).toBe('passed');
  });

  test('asymmetric matchers and toThrow come from vitest expect', async () => {
    const code = `export function parse(text: string): { id: number } {
  if (text === '') throw new Error('empty input');
  return { id: Number(text) };
}
`;
    const checks = `import { test, expect } from 'vitest';
import { parse } from './solution';
test('id is a number', () => expect(parse('4')).toEqual({ id: expect.any(Number) }));
test('empty input throws', () => expect(() => parse('')).toThrow(/empty/));
test('wrong on purpose', () => expect(parse('4')).toEqual({ id: expect.any(String) }));
`;
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.checks.map((c) => c.status)).toEqual(['passed', 'passed', 'failed']);
    expect(result.checks[2].expected).toBe('{ id: Any<String> }');
    expect(result.checks[2].received).toBe('{ id: 4 }');
  });

  test("an error deep in the learner's own calls comes with those calls, innermost first, and nothing of the engine or checks", async () => {
    const code = `function lookup(word: string): number {
  throw new Error('no table yet');
}
function count(words: string[]): number {
  return words.map(lookup).length;
}
export const add = (a: number, b: number) => count(['a']) + a + b;
`;
    const result = await runInNode({ mode: 'exercise', code, checks: addChecks });
    expect(result.checks[0]).toMatchObject({ status: 'error', line: 2 });
    expect(result.checks[0].callStack).toEqual([
      { line: 2, column: expect.any(Number), name: 'lookup' },
      { line: 5, column: expect.any(Number), name: 'count' },
      { line: 7, column: expect.any(Number), name: 'add' },
    ]);
    // A crash at the top level: the same, with the top level unnamed.
    const top = await runInNode({ mode: 'example', code: "function inner(): number {\n  throw new Error('deep');\n}\ninner();\n" });
    expect(top.error).toMatchObject({ kind: 'runtime', line: 2 });
    expect(top.error?.callStack?.map((frame) => [frame.line, frame.name])).toEqual([[2, 'inner'], [4, undefined]]);
    // One frame says no more than the line: no list then.
    const flat = await runInNode({ mode: 'example', code: "throw new Error('flat');\n" });
    expect(flat.error).toMatchObject({ line: 1 });
    expect(flat.error?.callStack).toBeUndefined();
  });

  test('the calls are read from the stacks of V8, Firefox and Safari alike', async () => {
    const { framesInStack } = await import('../../../src/runner/modules.ts');
    const v8 = framesInStack('Error: x\n    at inner (learner.ts:12:9)\n    at Array.map (<anonymous>)\n    at async outer (learner.ts:20:3)\n    at eval (learner.ts:30:1)', 'learner.ts');
    const firefox = framesInStack('inner@blob:x/learner.ts:12:9\nouter@blob:x/learner.ts:20:3\n@blob:x/learner.ts:30:1', 'learner.ts');
    for (const frames of [v8, firefox]) {
      expect(frames.map(({ name }) => name)).toEqual(['inner', 'outer', undefined]);
      expect(frames[1].line - frames[0].line).toBe(8);
    }
  });

  test('an error thrown by the learner code inside a check names the line in their code', async () => {
    const code = `export function first(items: string[]): string {
  const item = items[0];
  return item.toUpperCase();
}
`;
    const checks = `import { test, expect } from 'vitest';
import { first } from './solution';
test('first of empty', () => expect(first([])).toBe(''));
`;
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('failed');
    expect(result.checks[0].message).toMatch(/^TypeError: .*toUpperCase/);
    expect(result.checks[0].message).toContain('line 3 of your code');
    expect(result.checks[0]).toMatchObject({ status: 'error', line: 3 });
    expect(result.checks[0].column).toBeGreaterThan(0);
  });

  test('a check using a name the learner code does not export says so', async () => {
    const result = await runInNode({ mode: 'exercise', code: 'export function plus(a: number, b: number) {\n  return a + b;\n}\n', checks: addChecks });
    expect(result.status).toBe('failed');
    expect(result.checks[0].message).toMatch(/^Your code does not export 'add'/);
  });

  test('checks that define no tests are an error, not a pass', async () => {
    const result = await runInNode({ mode: 'exercise', code: adder, checks: "import { expect } from 'vitest';" });
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/no tests/);
  });
});

describe('checks compiled ahead of time', () => {
  test('give the same results as checks transpiled at run time', async () => {
    const checks = [
      "import { test, expect } from 'vitest';",
      "import { double } from './solution';",
      "test('doubles 2', () => expect(double(2)).toBe(4));",
      "test('doubles 3', () => expect(double(3)).toBe(7));",
    ].join('\n');
    const code = 'export const double = (n: number): number => n * 2;';
    const fromSource = await runInNode({ mode: 'exercise', code, checks });
    const fromCompiled = await runInNode({ mode: 'exercise', code, compiledChecks: compileChecks(checks) });
    const shape = (r: typeof fromSource) => r.checks.map(({ name, status, expected, received }) => ({ name, status, expected, received }));
    expect(shape(fromCompiled)).toEqual(shape(fromSource));
    expect(shape(fromCompiled).map((c) => c.status)).toEqual(['passed', 'failed']);
  });

  test('a syntax error in checks fails at compile time with a clear message', () => {
    expect(() => compileChecks('test(')).toThrow(/hidden checks have a syntax error/);
  });
});
