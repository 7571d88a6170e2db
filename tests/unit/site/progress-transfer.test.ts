import { describe, expect, test } from 'vitest';
import { saveExercise, storageKey, type SavedExercise } from '../../../src/progress/store.ts';
import {
  MAX_IMPORT_BYTES,
  applyImport,
  buildExport,
  collectProgress,
  exportFileName,
  readImport,
  resetAllProgress,
  type ListableStorage,
} from '../../../src/progress/transfer.ts';

function memoryStorage(initial: Record<string, string> = {}): ListableStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}

const record = (over: Partial<SavedExercise> = {}): SavedExercise => ({
  v: 1,
  code: 'export const x = 1;',
  status: 'in-progress',
  everPassed: false,
  revealedHints: 1,
  solutionRevealed: false,
  updatedAt: 1_700_000_000_000,
  ...over,
});

const fileWith = (exercises: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'sai-labs-progress', v: 1, exportedAt: '2025-01-01T00:00:00.000Z', exercises, ...over });

describe('exporting and importing progress', () => {
  test('round trip: what is exported imports back to the same records, and other keys are not exported', () => {
    const from = memoryStorage({ 'starlight-theme': 'dark', 'sai-labs:editor-history:l/a': '[]', 'sai-labs:exercise:l/broken': '{"v":1' });
    saveExercise(from, 'l/a', { code: 'a()', status: 'passed', everPassed: true, revealedHints: 0, solutionRevealed: true });
    saveExercise(from, 'l/b', { code: 'b()', status: 'in-progress', everPassed: false, revealedHints: 2 });
    const exported = buildExport(collectProgress(from), new Date('2025-03-01T12:00:00Z'));
    expect(exported).toMatchObject({ format: 'sai-labs-progress', v: 1, exportedAt: '2025-03-01T12:00:00.000Z' });
    expect(Object.keys(exported.exercises).sort()).toEqual(['l/a', 'l/b']);

    const checked = readImport(JSON.stringify(exported));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const to = memoryStorage({ 'sai-labs:exercise:l/c': JSON.stringify(record()), 'sai-labs:editor-history:l/a': '["stale"]' });
    expect(applyImport(to, checked.exercises)).toBe(true);
    expect(collectProgress(to)).toEqual({ ...exported.exercises, 'l/c': record() });
    expect(to.data.has('sai-labs:editor-history:l/a')).toBe(false); // history of replaced code goes
  });

  test('the file name carries the date', () => {
    expect(exportFileName(new Date('2025-03-01T12:00:00Z'))).toBe('sai-labs-progress-2025-03-01.json');
  });

  test.each([
    ['an empty file', '', /empty/],
    ['a file of blanks', '  \n', /empty/],
    ['a file that is not JSON', 'hello, world', /not JSON/],
    ['a truncated file', fileWith({ 'l/a': record() }).slice(0, 60), /cut short/],
    ['JSON that is not an object', '[1, 2, 3]', /not a progress file/],
    ['a foreign JSON file', JSON.stringify({ name: 'my-app', version: '1.0.0' }), /no "format" field/],
    ['the wrong format tag', fileWith({}, { format: 'other-site-progress' }), /format is "other-site-progress"/],
    ['the wrong version', fileWith({ 'l/a': record() }, { v: 2 }), /version 2; this site reads version 1/],
    ['no exercises object', fileWith([record()]), /no "exercises" object/],
    ['no exercises at all', fileWith({}), /holds no exercises/],
    ['an id that is not an exercise id', fileWith({ '../x': record() }), /"\.\.\/x", which is not an exercise id/],
    ['a record with a bad status', fileWith({ 'l/a': record(), 'l/b': { ...record(), status: 'done' } }), /Exercise "l\/b".*status "done" is not one of/],
    ['a record whose code is not a string', fileWith({ 'l/a': { ...record(), code: 42 } }), /Exercise "l\/a".*code is not text/],
    ['a record of another version', fileWith({ 'l/a': { ...record(), v: 3 } }), /Exercise "l\/a".*version is 3/],
    ['a record that is not an object', fileWith({ 'l/a': 'passed' }), /Exercise "l\/a".*not a record/],
  ])('%s is refused with a message that says why, and nothing to apply', (_label, text, message) => {
    const checked = readImport(text);
    expect(checked.ok).toBe(false);
    expect(checked).not.toHaveProperty('exercises');
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  test('a file over the size cap is refused before it is parsed', () => {
    const huge = fileWith({ 'l/a': { ...record(), code: 'x'.repeat(MAX_IMPORT_BYTES) } });
    const checked = readImport(huge);
    expect(checked).toEqual({ ok: false, message: expect.stringMatching(/too large \(2\.0 MB\); a progress file is at most 2\.0 MB/) });
  });

  test('one bad record refuses the whole file: nothing is half applied', () => {
    const storage = memoryStorage({ [storageKey('l/a')]: JSON.stringify(record({ code: 'mine' })) });
    const checked = readImport(fileWith({ 'l/a': record({ code: 'theirs' }), 'l/b': { ...record(), status: 'done' } }));
    expect(checked.ok).toBe(false);
    expect(collectProgress(storage)['l/a'].code).toBe('mine');
  });

  test('storage that fills up midway is put back as it was', () => {
    const storage = memoryStorage({ [storageKey('l/a')]: JSON.stringify(record({ code: 'mine' })) });
    const setItem = storage.setItem;
    let writes = 0;
    storage.setItem = (key, value) => {
      if (++writes === 2) throw new Error('QuotaExceededError');
      setItem(key, value);
    };
    expect(applyImport(storage, { 'l/a': record({ code: 'theirs' }), 'l/b': record() })).toBe(false);
    storage.setItem = setItem;
    expect(collectProgress(storage)).toEqual({ 'l/a': record({ code: 'mine' }) });
  });

  test('reset all removes every key of the site and nothing else', () => {
    const storage = memoryStorage({
      'sai-labs:exercise:l/a': JSON.stringify(record()),
      'sai-labs:editor-history:l/a': '[]',
      'sai-labs:something-new': '1',
      'starlight-theme': 'dark',
      'other-app:exercise': 'x',
    });
    expect(resetAllProgress(storage)).toBe(3);
    expect([...storage.data.keys()].sort()).toEqual(['other-app:exercise', 'starlight-theme']);
  });
});
