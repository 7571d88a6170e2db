/**
 * What the page accepts from the sandbox: a result is checked and copied field by field, and the
 * status is worked out from the checks, never taken from the worker's flag.
 */
import { describe, expect, test } from 'vitest';
import { MAX_TEXT, readResult, statusOf } from '../../../src/runner/result-schema.ts';
import { RESULT_VERSION } from '../../../src/runner/protocol.ts';

const ok = () => ({
  version: RESULT_VERSION,
  status: 'failed',
  checks: [
    { name: 'a', status: 'passed', durationMs: 1 },
    { name: 'b', status: 'failed', durationMs: 1, message: 'wrong', expected: '1', received: '2' },
  ],
  console: [{ level: 'log', text: 'hi' }],
  consoleTruncated: false,
  durationMs: 3,
  traces: [],
});

describe('reading a result from the sandbox', () => {
  test('a well-formed result is copied, with its status worked out from the checks', () => {
    const read = readResult(ok(), 'exercise');
    expect(read.ok && read.result.status).toBe('failed');
    expect(read.ok && read.result.checks[1]).toEqual({ name: 'b', status: 'failed', durationMs: 1, message: 'wrong', expected: '1', received: '2' });
  });

  test('a "passed" flag over failing checks does not make a pass, and neither does an empty check list', () => {
    const flagged = { ...ok(), status: 'passed' };
    expect(readResult(flagged, 'exercise')).toMatchObject({ ok: true, result: { status: 'failed' } });
    expect(readResult({ ...ok(), status: 'passed', checks: [] }, 'exercise')).toMatchObject({ ok: true, result: { status: 'failed' } });
    expect(statusOf({ checks: [{ name: 'x', status: 'passed', durationMs: 0 }] }, 'exercise')).toBe('passed');
    expect(statusOf({ checks: [], error: { kind: 'runtime', message: 'x' } }, 'example')).toBe('error');
  });

  test.each([
    ['not an object', 'passed'],
    ['another version', { ...ok(), version: 99 }],
    ['checks not a list', { ...ok(), checks: 'all' }],
    ['a check with an unknown status', { ...ok(), checks: [{ name: 'a', status: 'sure', durationMs: 0 }] }],
    ['a check name that is not text', { ...ok(), checks: [{ name: { toString: (): string => 'x' }, status: 'passed', durationMs: 0 }] }],
    ['a console level that does not exist', { ...ok(), console: [{ level: 'shout', text: 'x' }] }],
    ['a trace that is not an object', { ...ok(), traces: ['<svg onload=alert(1)>'] }],
    ['an error of an unknown kind', { ...ok(), error: { kind: 'fatal', message: 'x' } }],
    ['too many checks', { ...ok(), checks: Array.from({ length: 100_000 }, () => ({ name: 'a', status: 'passed', durationMs: 0 })) }],
  ])('%s: an error that says the run returned something unreadable', (_, value) => {
    const read = readResult(value, 'exercise');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/returned something unreadable/);
  });

  test('long text is cut, odd numbers are dropped, and nothing but known fields is kept', () => {
    const value = { ...ok(), durationMs: NaN, extra: 'x', checks: [{ name: 'n'.repeat(MAX_TEXT * 2), status: 'passed', durationMs: -1, html: '<b>' }], error: { kind: 'runtime', message: 'm', line: 2.5, column: 3 } };
    const read = readResult(value, 'exercise');
    if (!read.ok) throw new Error(read.message);
    expect(read.result.checks[0].name.length).toBeLessThan(MAX_TEXT + 20);
    expect(read.result.checks[0]).not.toHaveProperty('html');
    expect(read.result).not.toHaveProperty('extra');
    expect(read.result.durationMs).toBe(0);
    expect(read.result.error).toEqual({ kind: 'runtime', message: 'm' });
    expect(read.result.status).toBe('error');
  });

  test("a crashed check keeps a sound line and column; a passed or failed one never carries any, and 'stopped' is the page's word only", () => {
    const checks = [
      { name: 'a', status: 'error', message: 'TypeError: x', line: 4, column: 7, durationMs: 1 },
      { name: 'b', status: 'error', message: 'TypeError: x', line: 0, column: 7, durationMs: 1 },
      { name: 'c', status: 'failed', message: 'm', line: 4, column: 7, durationMs: 1 },
      { name: 'd', status: 'passed', line: 4, durationMs: 1 },
    ];
    const read = readResult({ ...ok(), status: 'failed', checks }, 'exercise');
    if (!read.ok) throw new Error(read.message);
    expect(read.result.checks.map(({ line, column }) => [line, column])).toEqual([[4, 7], [undefined, undefined], [undefined, undefined], [undefined, undefined]]);
    expect(readResult({ ...ok(), error: { kind: 'stopped', message: 'you stopped it' } }, 'exercise').ok).toBe(false);
  });

  test('a call stack is kept when sound, its names cut short; a malformed or overlong one makes the result unreadable', () => {
    const error = (callStack: unknown) => ({ ...ok(), error: { kind: 'runtime', message: 'm', line: 2, column: 1, callStack } });
    const read = readResult(error([{ line: 2, column: 1, name: 'inner' }, { line: 9, column: 3, name: 'x'.repeat(500) }]), 'exercise');
    if (!read.ok) throw new Error(read.message);
    expect(read.result.error?.callStack?.[0]).toEqual({ line: 2, column: 1, name: 'inner' });
    expect(read.result.error?.callStack?.[1].name?.length).toBeLessThanOrEqual(80);
    for (const bad of [[{ line: 0, column: 1 }], [{ line: 2 }], ['line 2'], 'line 2', Array.from({ length: 50 }, () => ({ line: 1, column: 1 }))]) {
      expect(readResult(error(bad), 'exercise').ok, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });
});
