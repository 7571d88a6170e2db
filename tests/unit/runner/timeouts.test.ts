import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';

const passingRun = {
  mode: 'exercise' as const,
  code: 'export const ok = true;',
  checks: "import { test, expect } from 'vitest';\nimport { ok } from './solution';\ntest('ok', () => expect(ok).toBe(true));",
};

describe('runs that never finish', () => {
  test('a synchronous infinite loop is stopped from outside as a timeout, and the next run works', async () => {
    const started = performance.now();
    const code = "console.log('starting');\nconsole.warn('about to spin');\nlet n = 0;\nwhile (true) { n++; }\n";
    const result = await runInNode({ mode: 'example', code, timeoutMs: 400 });
    expect(result.status).toBe('error');
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toMatch(/^Stopped after 0\.4 s: your code was still running \(an infinite loop\?\)/);
    // The worker never answered, but what it printed before the loop was heard as it happened.
    expect(result.console).toEqual([
      { level: 'log', text: 'starting' },
      { level: 'warn', text: 'about to spin' },
    ]);
    // Stopped near the budget, not at some unrelated limit.
    expect(performance.now() - started).toBeLessThan(4000);

    const next = await runInNode(passingRun);
    expect(next.status).toBe('passed');
  });

  test('an infinite loop inside a check is stopped the same way', async () => {
    const code = 'export function spin(): number {\n  for (;;) {}\n}\n';
    const checks = "import { test, expect } from 'vitest';\nimport { spin } from './solution';\ntest('spins', () => expect(spin()).toBe(1));";
    const result = await runInNode({ mode: 'exercise', code, checks, timeoutMs: 300 });
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toContain('still running');
  });

  test('awaiting a promise that never settles is reported as a timeout that says so', async () => {
    const code = "console.log('waiting');\nawait new Promise<void>(() => {});\nconsole.log('never printed');\n";
    const result = await runInNode({ mode: 'example', code, timeoutMs: 300 });
    expect(result.status).toBe('error');
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toMatch(/^Stopped after 0\.3 s: your code was still waiting for a promise that never settled/);
    // The harness itself answered (not the outside kill), so what was printed before is kept.
    expect(result.console.map((entry) => entry.text)).toEqual(['waiting']);
  });

  test('a check awaiting a never-settling promise keeps the results of the checks before it', async () => {
    const code = 'export function wait(): Promise<number> {\n  return new Promise(() => {});\n}\n';
    const checks = [
      "import { test, expect } from 'vitest';",
      "import { wait } from './solution';",
      "test('first', () => expect(1).toBe(1));",
      "test('waits', async () => expect(await wait()).toBe(1));",
    ].join('\n');
    const result = await runInNode({ mode: 'exercise', code, checks, timeoutMs: 300 });
    expect(result.error?.kind).toBe('timeout');
    expect(result.checks.map((c) => `${c.name}: ${c.status}`)).toEqual(['first: passed']);
  });
});
