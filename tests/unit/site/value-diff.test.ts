import { describe, expect, test } from 'vitest';
import { diffValues, tokenize, type DiffPart } from '../../../src/components/exercise/value-diff.ts';

const text = (parts: DiffPart[]) => parts.map((p) => p.text).join('');
const changed = (parts: DiffPart[]) => parts.filter((p) => p.changed).map((p) => p.text);
/** The tokens left unmarked, spaces aside: what both values share, in order. */
const kept = (parts: DiffPart[]) => parts.filter((p) => !p.changed).flatMap((p) => tokenize(p.text)).filter((t) => t.trim() !== '');

/** A small seeded generator, so a failure names an input that can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('diffValues', () => {
  test('one wrong number in a long list is the only thing marked, on each side', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `{ k: ${i}, v: ${i * 3} }`);
    const wrong = [...rows];
    wrong[117] = '{ k: 117, v: 352 }';
    const diff = diffValues(`[${rows.join(', ')}]`, `[${wrong.join(', ')}]`);
    expect(changed(diff.expected)).toEqual(['351']);
    expect(changed(diff.received)).toEqual(['352']);
  });

  test('a missing row is marked on the expected side only', () => {
    const diff = diffValues('[[0, 1], [1, 2], [3, 5]]', '[[0, 1], [3, 5]]');
    expect(changed(diff.received)).toEqual([]);
    // Exactly one row's worth is marked: its brackets, numbers and one separating comma.
    expect(changed(diff.expected).join('').replace(/\s/g, '').split('').sort().join('')).toBe(',,12[]');
    expect(kept(diff.expected)).toEqual(tokenize('[[0, 1], [3, 5]]').filter((t) => t.trim() !== ''));
  });

  test('equal values mark nothing; unrelated ones mark all but what they happen to share', () => {
    expect(changed(diffValues('{ a: 1 }', '{ a: 1 }').expected)).toEqual([]);
    const diff = diffValues('"SortMergeJoin"', '""');
    expect(changed(diff.expected)).toEqual(['SortMergeJoin']);
    expect(changed(diff.received)).toEqual([]);
  });

  test('for any two values: each side reads back whole, and the unmarked tokens of both are the same sequence', () => {
    const next = random(7);
    const alphabet = ['0', '1', '2', 'ab', '[', ']', ',', ' ', '{', '}', ':', '"x"', '\n'];
    for (let n = 0; n < 500; n++) {
      const make = () => Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const [expected, received] = [make(), make()];
      const diff = diffValues(expected, received);
      expect(text(diff.expected), `case ${n}`).toBe(expected);
      expect(text(diff.received), `case ${n}`).toBe(received);
      expect(kept(diff.expected), `case ${n}: ${JSON.stringify([expected, received])}`).toEqual(kept(diff.received));
    }
  });

  test('values too big to compare exactly still read back whole, with the differing middle marked', () => {
    const big = Array.from({ length: 3000 }, (_, i) => i).join(', ');
    const other = Array.from({ length: 3000 }, (_, i) => (i === 5 || i === 2990 ? -1 : i)).join(', ');
    const diff = diffValues(big, other);
    expect(text(diff.expected)).toBe(big);
    expect(text(diff.received)).toBe(other);
    expect(changed(diff.received).join('')).toContain('-1');
    expect(diff.received[0]).toEqual({ text: '0, 1, 2, 3, 4, ', changed: false });
  });
});
