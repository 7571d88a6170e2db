/**
 * The exercise editor: CodeMirror 6 with TypeScript highlighting, completions for the
 * engine's API, Ctrl/Cmd+Enter to run, and error markers at the line a run reported.
 * Tab indents, as in any code editor; Escape then Tab moves focus on (CodeMirror's tab-focus
 * mode), so keyboard users are never trapped. Long lines wrap, so a signature is never cut off
 * (examples excepted: they keep the layout of the code block they replace, so nothing jumps).
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { LanguageSupport, bracketMatching, indentOnInput } from '@codemirror/language';
import { EditorState, Prec, type EditorStateConfig, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { editorTheme } from './editor-theme.ts';
import { errorMarker, errorSpotShown, showErrorSpot, showTypeSpots, type TypeSpot } from './error-marker.ts';
import { typescriptLanguage } from './typescript-mode.ts';

export interface EditorOptions {
  doc: string;
  /** Accessible name of the text area, e.g. "Code for exercise: Broadcast hash join". */
  label: string;
  onRun: () => void;
  onChange: (code: string) => void;
  /** More behaviour, e.g. type hints from the language service (language-features.ts). */
  extensions?: Extension[];
  /** Long lines wrap (true by default); examples keep them as the highlighted block they replace shows them. */
  wrap?: boolean;
  /** Builds the starting state from the editor's config, e.g. with a saved undo history (undo-history.ts). */
  restore?: (config: EditorStateConfig & { doc: string }) => EditorState;
}

export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  /** Marks an error at a 1-based line (and column) of the learner's code; null clears. */
  markError(error: { line: number; column?: number; message: string } | null): void;
  /** Underlines type errors (from the type checker) until the next call. */
  markTypeErrors(errors: TypeSpot[]): void;
  /** The whole state, undo history included (to save it). */
  state(): EditorState;
  focus(): void;
  destroy(): void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): CodeEditor {
  const runKeys = Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.onRun(), true) },
      { key: 'Shift-Enter', run: () => (options.onRun(), true) },
    ]),
  );
  const config = {
    doc: options.doc,
    extensions: [
      runKeys,
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      autocompletion(),
      // Highlighting and indentation only: an exercise's completions come from its type hints
      // (language-features.ts, with the engine's names as the fallback); examples have none.
      new LanguageSupport(typescriptLanguage),
      errorMarker,
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
      options.wrap === false ? [] : EditorView.lineWrapping,
      // tabindex makes the editable area count as focusable content of its scroll container (axe).
      EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
      editorTheme,
      options.extensions ?? [],
    ],
  };
  const view = new EditorView({ parent, state: options.restore?.(config) ?? EditorState.create(config) });
  // Line numbers are measured with the fallback font until the web font arrives: measure again then.
  void document.fonts?.ready.then(() => view.requestMeasure());

  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markError(error) {
      // Most runs have no error and none to clear: an empty update still costs the editor a full
      // update pass, on the path between Run and its results.
      if (!error && !errorSpotShown(view.state)) return;
      view.dispatch(showErrorSpot(error));
    },
    markTypeErrors(errors) {
      view.dispatch(showTypeSpots(errors));
    },
    state: () => view.state,
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
