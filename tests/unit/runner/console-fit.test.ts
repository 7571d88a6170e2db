/** The console limits as drawn: characters, and lines counting the breaks inside an entry. */
import { describe, expect, test } from 'vitest';
import { fitToRoom } from '../../../src/runner/console-fit.ts';

describe('fitting console text into what is left of the limits', () => {
  test('text that fits is kept whole, and says how many lines it takes', () => {
    expect(fitToRoom('a\nb\nc', { lines: 3, chars: 100 })).toEqual({ text: 'a\nb\nc', cut: false, lines: 3 });
    expect(fitToRoom('', { lines: 1, chars: 0 })).toEqual({ text: '', cut: false, lines: 1 });
  });

  test('a text with more lines than the room is cut after the last line that fits', () => {
    expect(fitToRoom('a\nb\nc', { lines: 2, chars: 100 })).toEqual({ text: 'a\nb', cut: true, lines: 2 });
    expect(fitToRoom('\n'.repeat(1_000_000), { lines: 1000, chars: 2_000_000 }).lines).toBe(1000);
  });

  test('a text with more characters than the room is cut at the limit', () => {
    expect(fitToRoom('abcdef', { lines: 10, chars: 4 })).toEqual({ text: 'abcd', cut: true, lines: 1 });
  });
});
