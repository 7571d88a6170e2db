/**
 * Syntax errors said so a learner can act on them. The parser knows where it stopped, not
 * why: "Unexpected token" at the very end of the code means a `{`, `(` or `[` was never closed,
 * and the useful line is the one that opened it; a name declared twice is reported by the
 * JavaScript engine with no line at all. Both are worked out here from the learner's source.
 */

export interface SyntaxHint {
  message: string;
  line?: number;
  column?: number;
}

const CLOSERS: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** 1-based line and column of an offset in `source`. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The brackets still open at the end of `source`, innermost last, skipping strings, template
 * text and comments (regular expression literals are rare in exercises and not told apart).
 */
export function unclosedBrackets(source: string): Array<{ char: string; offset: number }> {
  const open: Array<{ char: string; offset: number }> = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') i = endOf(source.indexOf('\n', i), source);
    else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
    }
    else if (c === '"' || c === "'" || c === '`') i = stringEnd(source, i);
    else if (c in CLOSERS) open.push({ char: c, offset: i });
    else if (c === '}' || c === ')' || c === ']') {
      if (open.length > 0 && CLOSERS[open[open.length - 1].char] === c) open.pop();
    }
  }
  return open;
}

function endOf(index: number, source: string): number {
  return index < 0 ? source.length : index;
}

/** Offset of the quote that closes the string starting at `start` (or the end of its line or of the code). */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
    else if (source[i] === '\n' && quote !== '`') return i;
  }
  return source.length;
}

/** The parser's message at `offset` of `source`, in words that point at the fix. */
export function explainSyntaxError(message: string, source: string, offset: number): SyntaxHint {
  const at = positionOf(source, offset);
  if (/^Unexpected token/.test(message) && offset >= source.trimEnd().length) {
    const open = unclosedBrackets(source).at(-1);
    if (open) {
      const opened = positionOf(source, open.offset);
      return {
        message: `Your code ends while the "${open.char}" opened on line ${opened.line} is still open: a "${CLOSERS[open.char]}" is missing.`,
        ...opened,
      };
    }
    return { message: 'Your code ends in the middle of a statement: something is not finished.', ...at };
  }
  const expected = /^Unexpected token, expected "(.+)"$/.exec(message);
  if (expected) {
    // One token: a word or number, or else one sign.
    const found = source.slice(offset).match(/^[\w$]+|^\S/)?.[0];
    return { message: `Expected "${expected[1]}" here${found ? `, but found "${found}"` : ''}.`, ...at };
  }
  if (message === 'Unterminated string constant') {
    return { message: 'This string is never closed: add its closing quote on the same line (text over several lines needs `backticks`).', ...at };
  }
  if (message === 'Unterminated template') return { message: 'This template string is never closed: add its closing backtick (`).', ...at };
  if (message === 'Unterminated comment') return { message: 'This comment is never closed: end it with */.', ...at };
  return { message, ...at };
}

/**
 * "Identifier 'total' has already been declared", thrown by the engine when the code is compiled,
 * with no position: finds the second declaration of that name and says where the first is.
 */
export function explainDuplicateDeclaration(message: string, source: string): SyntaxHint | undefined {
  const name = /Identifier '([\w$]+)' has already been declared/.exec(message)?.[1];
  if (!name) return undefined;
  const declaration = new RegExp(`\\b(?:let|const|var|function|class)\\s+${name.replace(/\$/g, '\\$')}\\b`, 'g');
  const found = [...source.matchAll(declaration)];
  const fix = 'Rename one of them, or drop the second "let"/"const" to assign the existing variable.';
  if (found.length < 2) return { message: `"${name}" is declared twice. ${fix}` };
  const first = positionOf(source, found[0].index);
  return { message: `"${name}" is declared twice (first on line ${first.line}). ${fix}`, ...positionOf(source, found[1].index) };
}
