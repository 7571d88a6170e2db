/**
 * Failed assertions read in the project's words. The messages are produced by the real
 * assertion library (vitest's expect, the one the hidden checks use), not copied here.
 */
import { describe, expect, test } from 'vitest';
import { inLearnerWords } from '../../../src/runner/assertion-words.ts';

/** The library's own message for an assertion that fails. */
function failure(assert: () => void): string {
  try {
    assert();
  } catch (err) {
    return (err as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('the assertion passed');
}

describe('inLearnerWords', () => {
  test('a wrong number: the values short and in order, no "+0", no library notation', () => {
    const said = inLearnerWords(failure(() => expect(0).toBe(6)));
    expect(said).toBe('expected 6, got 0.');
    expect(inLearnerWords(failure(() => expect(0, 'the count of rows').toBe(6)))).toBe('the count of rows: expected 6, got 0.');
  });

  test("the check's own words stay, even when they contain a colon, and so do the lines after", () => {
    const said = inLearnerWords(failure(() => expect(67108864, 'parallelismFirst: 100 MB / 200 = 0.5 MB').toBe(1048576)) + '\nIt failed for this input');
    expect(said).toBe('parallelismFirst: 100 MB / 200 = 0.5 MB: expected 1048576, got 67108864.\nIt failed for this input');
  });

  test('deep equality of short values names both; of long ones, points to the values below', () => {
    expect(inLearnerWords(failure(() => expect([]).toEqual([3])))).toBe('expected [ 3 ], got [].');
    const long = inLearnerWords(failure(() => expect([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]).toEqual([[0, 1], [1, 2], [2, 3], [3, 5]])));
    expect(long).toBe('your answer is not the expected value (compared in depth; see below).');
    expect(inLearnerWords(failure(() => expect({ a: 1 }).toStrictEqual({ a: 2 })))).toMatch(/^expected \{ a: 2 \}, got \{ a: 1 \}\.$/);
  });

  test('a received value with " to " inside is not cut there', () => {
    expect(inLearnerWords(failure(() => expect('go to bed').toBe('go to sleep')))).toBe("expected 'go to sleep', got 'go to bed'.");
  });

  test('negated, bounds, lengths, membership and presence', () => {
    expect(inLearnerWords(failure(() => expect(5).not.toBe(5)))).toBe('expected anything but 5.');
    expect(inLearnerWords(failure(() => expect(3).toBeGreaterThan(10)))).toBe('expected more than 10, got 3.');
    expect(inLearnerWords(failure(() => expect(3).toBeGreaterThanOrEqual(10)))).toBe('expected at least 10, got 3.');
    expect(inLearnerWords(failure(() => expect(30).toBeLessThan(10)))).toBe('expected less than 10, got 30.');
    expect(inLearnerWords(failure(() => expect(30).toBeLessThanOrEqual(10)))).toBe('expected at most 10, got 30.');
    expect(inLearnerWords(failure(() => expect([1, 2]).toHaveLength(3)))).toBe('expected a length of 3, got 2.');
    expect(inLearnerWords(failure(() => expect([1, 2]).toContain(3)))).toBe('expected [ 1, 2 ] to include 3.');
    expect(inLearnerWords(failure(() => expect(0).toBeTruthy()))).toBe('expected a truthy value, got 0.');
    expect(inLearnerWords(failure(() => expect(undefined).toBeDefined()))).toBe('expected a value, got undefined.');
    expect(inLearnerWords(failure(() => expect(1).toBeNull()))).toBe('expected null, got 1.');
    expect(inLearnerWords(failure(() => expect(() => 1).toThrow()))).toBe('expected the code to throw an error, but it did not.');
  });

  test('a message it does not know is left as it was', () => {
    expect(inLearnerWords('the consumer lost offsets 3 and 4 after a crash')).toBe('the consumer lost offsets 3 and 4 after a crash');
    const unknown = failure(() => expect({ a: 1 }).toHaveProperty('b'));
    expect(inLearnerWords(unknown)).toBe(unknown);
  });
});
