/**
 * Underlines the spot a run reported (a syntax or runtime error) in the editor. A small
 * state field instead of a full linter: the message itself is shown in the results panel.
 */
import { StateEffect, StateField, type EditorState } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export interface ErrorSpot {
  line: number;
  column?: number;
  message: string;
}

const setErrorSpot = StateEffect.define<ErrorSpot | null>();

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    // Any edit makes the old position meaningless: clear it.
    let next = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) if (effect.is(setErrorSpot)) next = decorate(transaction.state, effect.value);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function decorate(state: EditorState, spot: ErrorSpot | null): DecorationSet {
  if (!spot || spot.line < 1 || spot.line > state.doc.lines) return Decoration.none;
  const line = state.doc.line(spot.line);
  const from = Math.min(line.to, line.from + Math.max(0, (spot.column ?? 1) - 1));
  const to = Math.max(from, line.to);
  const lineMark = Decoration.line({ class: 'sai-error-line' }).range(line.from);
  if (from === to) return Decoration.set([lineMark]);
  const mark = Decoration.mark({ class: 'sai-error-mark', attributes: { title: spot.message } }).range(from, to);
  return Decoration.set([lineMark, mark]);
}

export const errorMarker = [errorField];

/** The transaction spec that shows (or, with null, clears) the error spot. */
export function showErrorSpot(spot: ErrorSpot | null) {
  return { effects: setErrorSpot.of(spot) };
}
