/**
 * TypeScript highlighting and indentation for the editors: CodeMirror's stream-based JavaScript
 * mode in its TypeScript flavour. It is a third of the size of the full TypeScript grammar, which
 * keeps the exercise island inside its budget; what the grammar added beyond colours (types,
 * completions) comes from the language service instead.
 *
 * The mode colours a name the same whether it is called or not; a name followed by `(` is told
 * apart here, so calls and function definitions keep their own colour.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';
import { typescript } from '@codemirror/legacy-modes/mode/javascript';
import { tags as t } from '@lezer/highlight';

/** The mode's token name for a name -> ours when the name is called or defined as a function. */
const CALLED: Readonly<Record<string, string>> = {
  variable: 'call',
  'variable-2': 'call',
  // A function's own name is coloured as its calls are, as in the page's highlighted code blocks.
  def: 'call',
  property: 'methodCall',
};

/** An opening parenthesis after optional spaces, from the stream's position. */
const OPENS_CALL = /\s*\(/y;

/** The mode with calls told apart: the editors' language, and the page's code before an editor replaces it. */
export const typescriptTokens: StreamParser<unknown> = {
  ...typescript,
  token(stream, state) {
    const style = typescript.token(stream, state);
    const called = style === null ? undefined : CALLED[style];
    if (called === undefined) return style;
    OPENS_CALL.lastIndex = stream.pos;
    return OPENS_CALL.test(stream.string) ? called : style;
  },
  tokenTable: {
    call: t.function(t.variableName),
    methodCall: t.function(t.propertyName),
  },
};

export const typescriptLanguage = StreamLanguage.define(typescriptTokens);
