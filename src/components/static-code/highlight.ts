/**
 * TypeScript as highlighted HTML, at build time, with the editors' own tokenizer (typescript-mode.ts)
 * and colours (classes coloured by the editors' palette in static-code.css). An exercise or example
 * shows this until its editor replaces it: the same colours before and after, and a few hundred
 * elements fewer per block than a full code-block frame with a span per token and line.
 */
import { StringStream } from '@codemirror/language';
import { typescriptTokens } from '../exercise/typescript-mode.ts';

/** The tokenizer's style -> our class (the palette's token name); styles not listed stay plain text. */
const CLASS_OF: Readonly<Record<string, string>> = {
  keyword: 'keyword',
  string: 'string',
  'string-2': 'string',
  number: 'number',
  atom: 'number',
  comment: 'comment',
  call: 'function',
  methodCall: 'function',
  type: 'type',
  'variable-3': 'type',
  property: 'property',
};

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The code as HTML: text escaped, tokens that have a colour wrapped in <span class="tok-…">. */
export function highlightTypeScript(code: string): string {
  const indentUnit = 2;
  const state = typescriptTokens.startState!(indentUnit);
  const lines = code.split('\n');
  return lines
    .map((line) => {
      if (line === '') {
        typescriptTokens.blankLine?.(state, indentUnit);
        return '';
      }
      const stream = new StringStream(line, 4, indentUnit);
      let html = '';
      while (!stream.eol()) {
        const style = typescriptTokens.token(stream, state);
        const text = escapeHtml(stream.current());
        const kind = style ? CLASS_OF[style.split(' ')[0]] : undefined;
        html += kind ? `<span class="tok-${kind}">${text}</span>` : text;
        stream.start = stream.pos;
      }
      return html;
    })
    .join('\n');
}
