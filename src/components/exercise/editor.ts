/**
 * The exercise editor: CodeMirror 6 with TypeScript highlighting, completions for the
 * engine's API, Ctrl/Cmd+Enter to run, and error markers at the line a run reported.
 * Tab is left to the browser so keyboard users can move on (Esc, Tab is not needed).
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completeFromList, completionKeymap, type Completion } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { editorTheme } from './editor-theme.ts';

export interface EditorOptions {
  doc: string;
  /** Accessible name of the text area, e.g. "Code for exercise: Broadcast hash join". */
  label: string;
  /** Engine API names offered as completions. */
  completions: Completion[];
  onRun: () => void;
  onChange: (code: string) => void;
}

export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  /** Marks an error at a 1-based line (and column) of the learner's code; null clears. */
  markError(error: { line: number; column?: number; message: string } | null): void;
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
  const view = new EditorView({
    parent,
    state: EditorState.create({
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
        javascript({ typescript: true }),
        javascriptLanguage.data.of({ autocomplete: completeFromList(options.completions) }),
        linter(null),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        // tabindex makes the editable area count as focusable content of its scroll container (axe).
        EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        editorTheme,
      ],
    }),
  });

  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markError(error) {
      const diagnostics: Diagnostic[] = [];
      if (error && error.line >= 1 && error.line <= view.state.doc.lines) {
        const line = view.state.doc.line(error.line);
        const from = Math.min(line.to, line.from + Math.max(0, (error.column ?? 1) - 1));
        const to = Math.min(view.state.doc.length, Math.max(from + 1, line.to));
        diagnostics.push({ from, to, severity: 'error', message: error.message });
      }
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
