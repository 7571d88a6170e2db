import { describe, expect, test } from 'vitest';
import { badgeStatus } from '../../../src/progress/badge.ts';
import { editorHistoryKey, forgetEditorHistory, loadExercise, parseSaved, saveExercise, storageKey, type KeyValueStorage } from '../../../src/progress/store.ts';

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

  test('keeps whether the solution was revealed before the pass', () => {
    const storage = memoryStorage();
    saveExercise(storage, 'l/e', { code: 'x', status: 'passed', everPassed: true, revealedHints: 0, solutionRevealed: true });
    const saved = loadExercise(storage, 'l/e');
    expect(saved).toMatchObject({ solutionRevealed: true });
    expect(badgeStatus(saved)).toBe('passed-revealed');
    saveExercise(storage, 'l/e', { code: 'x', status: 'passed', everPassed: true, revealedHints: 0 });
    expect(badgeStatus(loadExercise(storage, 'l/e'))).toBe('passed');
  });

  test('a version 1 record from before the flag still reads, as not revealed', () => {
    const old = parseSaved(JSON.stringify({ v: 1, code: 'x', status: 'passed', everPassed: true, revealedHints: 1, updatedAt: 5 }));
    expect(old).toMatchObject({ v: 1, code: 'x', everPassed: true, solutionRevealed: false });
    expect(badgeStatus(old)).toBe('passed');
    // A flag of the wrong type is no flag.
    expect(parseSaved(JSON.stringify({ v: 1, code: 'x', status: 'passed', solutionRevealed: 'yes' }))).toMatchObject({ solutionRevealed: false });
  });

  test('badges: a pass counts once made, and the revealed flag only changes a pass', () => {
    expect(badgeStatus(null)).toBe('not-started');
    expect(badgeStatus({ status: 'in-progress', everPassed: true, solutionRevealed: false })).toBe('passed');
    expect(badgeStatus({ status: 'in-progress', everPassed: false, solutionRevealed: true })).toBe('in-progress');
  });

  test('the editor history of an exercise can be removed with it', () => {
    const storage = memoryStorage();
    storage.setItem(editorHistoryKey('l/e'), '[]');
    storage.setItem(editorHistoryKey('l/other'), '[]');
    forgetEditorHistory(storage, 'l/e');
    expect([...storage.data.keys()]).toEqual([editorHistoryKey('l/other')]);
    expect(editorHistoryKey('l/e').startsWith('sai-labs:')).toBe(true);
  });

  test('keys are namespaced per exercise', () => {
    expect(storageKey('distributed-joins/a')).not.toBe(storageKey('distributed-joins/b'));
    expect(storageKey('distributed-joins/a').startsWith('sai-labs:')).toBe(true);
  });
});
