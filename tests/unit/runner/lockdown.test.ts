/**
 * Learner code that tampers with what the harness and the assertion library rely on cannot turn a
 * failing check into a pass (worker realm, through the Node runner: the same harness, lockdown
 * included). Each attempt is followed by checks that must still fail.
 */
import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';

const checks = [
  "import { test, expect } from 'vitest';",
  "import { answer } from './solution';",
  "test('equal', () => expect(answer()).toEqual({ n: 42 }));",
  "test('is', () => expect(answer().n).toBe(42));",
  "test('some', () => expect([answer().n].some((n) => n === 42)).toBe(true));",
].join('\n');

const run = (attack: string) =>
  runInNode({ mode: 'exercise', code: `${attack}\nexport const answer = () => ({ n: 41 });`, checks, timeoutMs: 3000 });

describe('learner code cannot forge a pass by tampering with built-ins or the assertion library', () => {
  test.each([
    ['Array.prototype.some', 'Array.prototype.some = () => true;'],
    ['Array.prototype.push', 'Array.prototype.push = function () { return 0; };'],
    ['Object.is', 'Object.is = () => true;'],
    ['the array iterator', 'Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true, value: undefined });'],
    ['Promise', '(globalThis as any).Promise = class { then() {} };'],
    ['Promise.prototype.then', 'Promise.prototype.then = function () { return this; };'],
    ['JSON.stringify', 'JSON.stringify = () => "{}";'],
    ['Function.prototype.call', 'Function.prototype.call = function () { return undefined; };'],
  ])('replacing %s is refused with a TypeError naming it', async (_, attack) => {
    const result = await run(attack);
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/TypeError: Cannot (assign to read only property|add property)/);
  });

  test('an equality tester that says "equal" to everything cannot be added', async () => {
    const result = await run("(globalThis as any)[Symbol.for('$$jest-matchers-object')].customEqualityTesters.push(() => true);");
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/TypeError/);
  });

  test("the harness's expect is on no global, and the assertion library's tables cannot be redefined", async () => {
    const attack = [
      "const g = globalThis as any;",
      "if (g[Symbol.for('expect-global')] !== undefined) throw new Error('expect is reachable');",
      "let redefined = 0;",
      "for (const key of ['matchers-object', '$$jest-matchers-object', 'asymmetric-matchers-object']) {",
      "  try { Object.defineProperty(g, Symbol.for(key), { get: () => ({ matchers: {}, customEqualityTesters: [() => true] }) }); redefined++; } catch {}",
      "}",
      "if (redefined > 0) throw new Error('redefined ' + redefined);",
    ].join('\n');
    const result = await run(attack);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('failed');
    expect(result.checks.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
  });

  test('learner code may still use Math.random, Date.now and its own error classes', async () => {
    const code = [
      'class Mine extends Error { constructor(m: string) { super(m); this.name = "Mine"; } }',
      'export const answer = () => { Math.random(); Date.now(); try { throw new Mine("x"); } catch (e) { return { n: (e as Error).name === "Mine" ? 42 : 0 }; } };',
    ].join('\n');
    const result = await runInNode({ mode: 'exercise', code, checks });
    expect(result.status).toBe('passed');
  });
});
