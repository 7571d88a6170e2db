/**
 * The sandbox document (public/sandbox/runner.html): its policy allows its one inline script by
 * hash (an edit to the script without a new hash would leave every Run dead), eval for the
 * runner, blob: workers, and nothing that reaches out: no connections, no other scripts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const html = readFileSync(new URL('../../../public/sandbox/runner.html', import.meta.url), 'utf8');
const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
const directive = (name: string) => policy.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);

describe('the sandbox page', () => {
  test('has exactly one inline script, allowed by its hash and by nothing broader', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}'`;
    expect(directive('script-src')).toEqual([hash, "'unsafe-eval'"]);
  });

  test('reaches nothing: no connections, nothing loaded, workers only from blob:', () => {
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('connect-src')).toEqual(["'none'"]);
    expect(directive('worker-src')).toEqual(['blob:']);
    expect(policy).not.toMatch(/unsafe-inline|https?:|\*/);
    // The policy must come before the script it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script>'));
  });
});
