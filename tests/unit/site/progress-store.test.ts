import { describe, expect, test } from 'vitest';
import { loadExercise, parseSaved, saveExercise, storageKey, type KeyValueStorage } from '../../../src/progress/store.ts';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('saved exercise progress', () => {
  test('round-trips code, status and hints', () => {
    const storage = memoryStorage();
    expect(saveExercise(storage, 'l/e', { code: 'x', status: 'in-progress', everPassed: false, revealedHints: 2 })).toBe(true);
    expect(loadExercise(storage, 'l/e')).toMatchObject({ v: 1, code: 'x', status: 'in-progress', everPassed: false, revealedHints: 2 });
  });

  test.each([
    ['not JSON', '{"v":1,"code":'],
    ['a number', '42'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['an old version', JSON.stringify({ v: 0, code: 'x', status: 'passed' })],
    ['code of the wrong type', JSON.stringify({ v: 1, code: 7, status: 'passed' })],
    ['an unknown status', JSON.stringify({ v: 1, code: 'x', status: 'done' })],
  ])('ignores %s', (_label, raw) => {
    expect(parseSaved(raw)).toBeNull();
  });

  test('repairs odd optional fields instead of failing', () => {
    const parsed = parseSaved(JSON.stringify({ v: 1, code: 'x', status: 'passed', revealedHints: -3, updatedAt: 'soon' }));
    expect(parsed).toMatchObject({ code: 'x', status: 'passed', everPassed: true, revealedHints: 0, updatedAt: 0 });
  });

  test('storage that throws reads as nothing saved and refuses writes quietly', () => {
    const hostile: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadExercise(hostile, 'l/e')).toBeNull();
    expect(saveExercise(hostile, 'l/e', { code: '', status: 'passed', everPassed: true, revealedHints: 0 })).toBe(false);
  });

  test('keys are namespaced per exercise', () => {
    expect(storageKey('distributed-joins/a')).not.toBe(storageKey('distributed-joins/b'));
    expect(storageKey('distributed-joins/a').startsWith('sai-labs:')).toBe(true);
  });
});
