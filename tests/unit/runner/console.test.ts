import { describe, expect, test } from 'vitest';
import { CONSOLE_LIMIT_CHARS, CONSOLE_LIMIT_LINES } from '../../../src/runner/protocol.ts';
import { runInNode } from '../../../src/runner/node-runner.ts';

async function printed(code: string) {
  const result = await runInNode({ mode: 'example', code });
  expect(result.error).toBeUndefined();
  return result;
}

describe('console output', () => {
  test('every level is captured in order', async () => {
    const result = await printed("console.log('a');\nconsole.info('b');\nconsole.warn('c');\nconsole.error('d');\nconsole.debug('e');");
    expect(result.console).toEqual([
      { level: 'log', text: 'a' },
      { level: 'info', text: 'b' },
      { level: 'warn', text: 'c' },
      { level: 'error', text: 'd' },
      { level: 'debug', text: 'e' },
    ]);
    expect(result.consoleTruncated).toBe(false);
  });

  test('values read like the code that builds them', async () => {
    const result = await printed(
      "console.log('rows:', [{ id: 1, name: 'Ada' }], 42, null, undefined, true, new Map([['a', 1]]), new Set([2]), 10n);",
    );
    expect(result.console[0].text).toBe('rows: [{ id: 1, name: "Ada" }] 42 null undefined true Map(1) { "a" => 1 } Set(1) { 2 } 10n');
  });

  test('long values break into indented lines', async () => {
    const result = await printed(
      'console.log(Array.from({ length: 3 }, (_, i) => ({ id: i, name: `customer number ${i}`, country: "PT" })));',
    );
    expect(result.console[0].text).toBe(
      [
        '[',
        '  { id: 0, name: "customer number 0", country: "PT" },',
        '  { id: 1, name: "customer number 1", country: "PT" },',
        '  { id: 2, name: "customer number 2", country: "PT" },',
        ']',
      ].join('\n'),
    );
  });

  test('errors, functions, class instances and cycles are printed readably', async () => {
    const code = [
      'class Point { constructor(public x: number, public y: number) {} }',
      'const loop: Record<string, unknown> = { name: "loop" };',
      'loop.self = loop;',
      "console.log(new RangeError('bad size'), function plan() {}, new Point(1, 2), loop);",
    ].join('\n');
    const result = await printed(code);
    expect(result.console[0].text).toBe('RangeError: bad size [Function plan] Point { x: 1, y: 2 } { name: "loop", self: [Circular] }');
  });

  test('output past the character limit is cut and flagged', async () => {
    const result = await printed("for (let i = 0; i < 300; i++) console.log('0123456789'.repeat(10));");
    expect(result.consoleTruncated).toBe(true);
    const total = result.console.reduce((sum, entry) => sum + entry.text.length, 0);
    expect(total).toBeLessThanOrEqual(CONSOLE_LIMIT_CHARS);
    expect(total).toBeGreaterThan(CONSOLE_LIMIT_CHARS - 10);
    expect(result.console[0]).toEqual({ level: 'log', text: '0123456789'.repeat(10) });
  });

  test('output past the line limit is cut and flagged, even when the lines are empty', async () => {
    const result = await printed('for (let i = 0; i < 100_000; i++) console.log();');
    expect(result.consoleTruncated).toBe(true);
    expect(result.console).toHaveLength(CONSOLE_LIMIT_LINES);
  });

  test('line breaks inside entries count as lines: one huge entry, or many, stay within the line limit', async () => {
    const lines = (result: { console: { text: string }[] }) => result.console.reduce((sum, entry) => sum + entry.text.split('\n').length, 0);
    const one = await printed("console.log('\\n'.repeat(1_000_000));");
    expect(one.consoleTruncated).toBe(true);
    expect(lines(one)).toBeLessThanOrEqual(CONSOLE_LIMIT_LINES);
    const many = await printed("for (let i = 0; i < 5000; i++) console.log('a\\nb\\nc');");
    expect(many.consoleTruncated).toBe(true);
    expect(lines(many)).toBeLessThanOrEqual(CONSOLE_LIMIT_LINES);
    expect(lines(many)).toBeGreaterThan(CONSOLE_LIMIT_LINES - 3);
    expect(many.console[0]).toEqual({ level: 'log', text: 'a\nb\nc' });
  });

  test('console output from inside checks is captured too', async () => {
    const code = "export function greet(name: string): string {\n  console.log('greeting', name);\n  return `hi ${name}`;\n}\n";
    const checks = "import { test, expect } from 'vitest';\nimport { greet } from './solution';\ntest('greets', () => expect(greet('Ada')).toBe('hi Ada'));";
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('passed');
    expect(result.console).toEqual([{ level: 'log', text: 'greeting Ada' }]);
    expect(result.checks[0].output).toEqual([{ level: 'log', text: 'greeting Ada' }]);
  });

  test("each check's output holds only what the learner printed during that check", async () => {
    const code = "console.log('loading');\nexport function twice(n: number): number {\n  console.log('twice', n);\n  return 2 * n;\n}\n";
    const checks = [
      "import { test, expect } from 'vitest';",
      "import { twice } from './solution';",
      "test('one', () => { console.log('from the check'); expect(twice(1)).toBe(2); });",
      "test('two', () => { console.info('checks never print'); expect(twice(2)).toBe(4); });",
    ].join('\n');
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('passed');
    expect(result.checks.map((c) => c.output?.map((e) => e.text))).toEqual([['twice 1'], ['twice 2']]);
    expect(result.console.map((e) => e.text)).toEqual(['loading', 'twice 1', 'twice 2']);
  });

  test("a plan the checks read through queryExecution never reaches the learner's console", async () => {
    const code = "import { SparkSession } from '@sai/spark';\nexport const spark = new SparkSession();\n";
    const checks = [
      "import { test, expect } from 'vitest';",
      "import { spark } from './solution';",
      "test('plan', () => expect(spark.range(4).repartition(2).queryExecution.explainString()).toContain('Exchange'));",
    ].join('\n');
    const result = await runInNode({ mode: 'exercise', code, modules: ['@sai/spark'], checks });
    expect(result.status).toBe('passed');
    expect(result.console).toEqual([]);
  });
});
