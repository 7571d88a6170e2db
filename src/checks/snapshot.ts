/**
 * "Your code must not change its inputs" and "same input, same result": snapshots taken before a
 * call and compared after it, and a second run compared with the first.
 */
import { CheckFailure } from './failure.ts';
import { show } from './show.ts';
import { deepEqual } from './values.ts';

/** A deep copy of plain data (arrays, objects, Maps, Sets) as it is now. */
export function snapshot<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(snapshot) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [snapshot(k), snapshot(v)])) as T;
  if (value instanceof Set) return new Set([...value].map(snapshot)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = snapshot((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Fails if `now` differs from the snapshot `before`. */
export function expectUnchanged(before: unknown, now: unknown, what: string): void {
  if (!deepEqual(before, now)) {
    throw new CheckFailure(`${what} changed: your code must not modify its inputs (in Spark, a task's input is a read-only copy).`, {
      expected: before,
      actual: now,
    });
  }
}

/** Runs `run` twice and fails if the two results differ (Math.random, shared counters, Date.now...). */
export function expectDeterministic<T>(run: () => T, what: string): T {
  const first = run();
  const second = run();
  if (!deepEqual(first, second)) {
    throw new CheckFailure(
      `${what} changed between two runs of the same input: ${show(first)} then ${show(second)}. ` +
        'A result must depend only on the input, so a retried task recomputes exactly the same output.',
      { expected: first, actual: second },
    );
  }
  return first;
}
