/**
 * Editor colours. CodeMirror's default highlight colours fail WCAG contrast, so the
 * editor gets its own palette: every token colour keeps >= 4.5:1 against the editor
 * background in both the light and the dark theme. Colours come from CSS variables
 * set in exercise.css, so the theme follows Starlight's light/dark switch without a reload.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const token = (name: string) => `var(--sai-code-${name})`;

/** The token colours (exported for the tests of what each kind of token is coloured as). */
export const codeHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword], color: token('keyword') },
  { tag: [t.string, t.special(t.string), t.regexp], color: token('string') },
  { tag: [t.number, t.bool, t.null, t.atom], color: token('number') },
  { tag: [t.comment, t.lineComment, t.blockComment], color: token('comment'), fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: token('function') },
  { tag: [t.typeName, t.className, t.namespace], color: token('type') },
  { tag: [t.propertyName], color: token('property') },
  { tag: [t.variableName, t.definition(t.variableName)], color: token('text') },
  { tag: [t.operator, t.punctuation, t.bracket], color: token('text') },
  { tag: t.invalid, color: token('invalid'), textDecoration: 'underline' },
]);

const chrome = EditorView.theme({
  '&': {
    color: token('text'),
    backgroundColor: token('bg'),
    fontSize: '0.875rem',
    border: '1px solid var(--sai-border)',
    borderRadius: '0.375rem',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-accent)', outlineOffset: '2px' },
  '.cm-content': { fontFamily: 'var(--sl-font-mono, ui-monospace, monospace)', caretColor: token('text') },
  '.cm-scroller': { lineHeight: '1.55', minHeight: '12rem', maxHeight: '32rem' },
  '.cm-gutters': { backgroundColor: token('bg'), color: token('gutter'), borderRight: '1px solid var(--sai-border)' },
  '.cm-activeLine': { backgroundColor: token('active-line') },
  '.cm-activeLineGutter': { backgroundColor: token('active-line'), color: token('text') },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: token('selection') + ' !important' },
  '.cm-cursor': { borderLeftColor: token('text') },
  '.cm-tooltip': { backgroundColor: token('bg'), color: token('text'), border: '1px solid var(--sai-border)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: token('selection'), color: token('text') },
  '.cm-completionDetail': { color: token('comment') },
  '.sai-error-mark': { textDecoration: `wavy underline ${token('invalid')}`, textUnderlineOffset: '3px' },
  '.sai-type-error': { textDecoration: `wavy underline ${token('warning')}`, textUnderlineOffset: '3px' },
  '.sai-error-line': { boxShadow: `inset 3px 0 0 ${token('invalid')}` },
});

export const editorTheme = [chrome, syntaxHighlighting(codeHighlight)];
