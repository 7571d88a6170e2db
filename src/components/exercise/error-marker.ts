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

/** A type error from the type checker: 1-based start and end positions. */
export interface TypeSpot {
  line: number;
  column: number;
  toLine: number;
  toColumn: number;
  message: string;
}

const setTypeSpots = StateEffect.define<TypeSpot[]>();

const typeField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    // Edits move the marks along with the text until the next check replaces them.
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) if (effect.is(setTypeSpots)) next = decorateTypes(transaction.state, effect.value);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function offset(state: EditorState, line: number, column: number): number {
  const clamped = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  return Math.min(clamped.to, clamped.from + Math.max(0, column - 1));
}

function decorateTypes(state: EditorState, spots: TypeSpot[]): DecorationSet {
  const marks = spots
    .map((spot) => {
      const from = offset(state, spot.line, spot.column);
      const to = Math.max(from + 1, offset(state, spot.toLine, spot.toColumn));
      return Decoration.mark({ class: 'sai-type-error', attributes: { title: spot.message } }).range(from, Math.min(to, state.doc.length));
    })
    .filter((range) => range.from < range.to);
  return Decoration.set(marks, true);
}

export const errorMarker = [errorField, typeField];

/** The transaction spec that shows these type errors (an empty list clears them). */
export function showTypeSpots(spots: TypeSpot[]) {
  return { effects: setTypeSpots.of(spots) };
}

/** True while an error spot is underlined (clearing none is then a no-op worth skipping). */
export function errorSpotShown(state: EditorState): boolean {
  return state.field(errorField).size > 0;
}

/** The transaction spec that shows (or, with null, clears) the error spot. */
export function showErrorSpot(spot: ErrorSpot | null) {
  return { effects: setErrorSpot.of(spot) };
}
