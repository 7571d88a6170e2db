/**
 * The editor's undo history, kept across a reload of the same exercise: a reader who reloads
 * can still press Ctrl+Z. Saved beside the exercise's code (its own storage key) as CodeMirror's
 * JSON form of the state, and used only if it belongs to exactly the code being restored;
 * anything odd (corrupt, foreign, too big) is dropped and the editor starts with no history.
 */
import { historyField } from '@codemirror/commands';
import { EditorState, type EditorStateConfig } from '@codemirror/state';
import { editorHistoryKey, type KeyValueStorage } from '../../progress/store.ts';

const HISTORY_VERSION = 1;
/** Longer histories are not kept: storage is small and shared with the learner's code. */
export const MAX_HISTORY_CHARS = 200_000;

/** The state to open the editor with: the saved one when its document is `doc`, or a fresh one. */
export function restoreState(storage: KeyValueStorage | undefined, exerciseId: string, config: EditorStateConfig & { doc: string }): EditorState {
  try {
    const raw = storage?.getItem(editorHistoryKey(exerciseId));
    if (raw) {
      const saved = JSON.parse(raw) as { v?: unknown; state?: { doc?: unknown } };
      if (saved?.v === HISTORY_VERSION && saved.state?.doc === config.doc) {
        return EditorState.fromJSON(saved.state, config, { history: historyField });
      }
    }
  } catch {
    // A history that cannot be read is no history: the code itself is restored all the same.
  }
  return EditorState.create(config);
}

/** Saves the history of `state`; too long a history is forgotten rather than cut. */
export function saveHistory(storage: KeyValueStorage | undefined, exerciseId: string, state: EditorState): void {
  try {
    const json = JSON.stringify({ v: HISTORY_VERSION, state: state.toJSON({ history: historyField }) });
    if (json.length > MAX_HISTORY_CHARS) storage?.removeItem(editorHistoryKey(exerciseId));
    else storage?.setItem(editorHistoryKey(exerciseId), json);
  } catch {
    // Full or disabled storage: the code is saved on its own key; only undo is lost.
  }
}
