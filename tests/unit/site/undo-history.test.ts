import { history, undoDepth } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { describe, expect, test } from 'vitest';
import { editorHistoryKey } from '../../../src/progress/store.ts';
import { MAX_HISTORY_CHARS, restoreState, saveHistory } from '../../../src/components/exercise/undo-history.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const ID = 'lesson/exercise';
const config = (doc: string) => ({ doc, extensions: [history()] });

/** A state after typing `edits` one after another at the end of the document. */
function typed(start: string, edits: string[]): EditorState {
  let state = EditorState.create(config(start));
  for (const text of edits) state = state.update({ changes: { from: state.doc.length, insert: text } }).state;
  return state;
}

describe('undo history across a reload', () => {
  test('a saved history comes back with the same code, and undo walks back to the start', () => {
    const storage = memoryStorage();
    const before = typed('let a = 1;', ['\nlet b = 2;']);
    expect(undoDepth(before)).toBeGreaterThan(0);
    saveHistory(storage, ID, before);
    const after = restoreState(storage, ID, config(before.doc.toString()));
    expect(after.doc.toString()).toBe(before.doc.toString());
    expect(undoDepth(after)).toBe(undoDepth(before));
  });

  test('a history of other code (edited elsewhere, reset, imported) is not used', () => {
    const storage = memoryStorage();
    saveHistory(storage, ID, typed('let a = 1;', ['\nlet b = 2;']));
    const other = restoreState(storage, ID, config('something else'));
    expect(other.doc.toString()).toBe('something else');
    expect(undoDepth(other)).toBe(0);
  });

  test.each([
    ['not JSON', '{"v":1,"state":{"doc":'],
    ['another version', JSON.stringify({ v: 2, state: { doc: 'x' } })],
    ['a state whose history is nonsense', JSON.stringify({ v: 1, state: { doc: 'x', selection: { ranges: [{ anchor: 0, head: 0 }], main: 0 }, history: { done: 'no' } } })],
    ['null', 'null'],
  ])('%s: the code opens with no history, and nothing throws', (_, raw) => {
    const storage = memoryStorage();
    storage.setItem(editorHistoryKey(ID), raw);
    const state = restoreState(storage, ID, config('x'));
    expect(state.doc.toString()).toBe('x');
    expect(undoDepth(state)).toBe(0);
  });

  test('too long a history is forgotten rather than saved cut', () => {
    const storage = memoryStorage();
    const long = typed('', Array.from({ length: 40 }, (_, i) => `\n// ${'x'.repeat(MAX_HISTORY_CHARS / 20)} ${i}`));
    storage.setItem(editorHistoryKey(ID), 'old');
    saveHistory(storage, ID, long);
    expect(storage.data.has(editorHistoryKey(ID))).toBe(false);
  });

  test('storage that refuses to write loses only the history', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('full'); }, removeItem: () => {} };
    expect(() => saveHistory(refusing, ID, typed('a', ['b']))).not.toThrow();
  });
});
