import { expect, test } from 'vitest';
import { elapsedSeconds, stoppedByLearnerMessage } from '../../../src/runner/messages.ts';

test('measured time always shows its tenth, as the run clock does, whole seconds included', () => {
  expect(elapsedSeconds(1000)).toBe('1.0 s');
  expect(elapsedSeconds(960)).toBe('1.0 s');
  expect(elapsedSeconds(940)).toBe('0.9 s');
  expect(elapsedSeconds(0)).toBe('0.0 s');
  expect(elapsedSeconds(12_345)).toBe('12.3 s');
  for (let ms = 0; ms < 5000; ms += 37) expect(stoppedByLearnerMessage(ms)).toMatch(/^You stopped the run after \d+\.\d s\. /);
});
