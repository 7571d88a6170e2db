import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';
import { explainDuplicateDeclaration, explainSyntaxError, unclosedBrackets } from '../../../src/runner/syntax-hints.ts';

describe('syntax errors in words that point at the fix', () => {
  test('brackets inside strings, template text and comments do not count; the one left open is found', () => {
    const source = 'function f() {\n  // a { in a comment\n  const s = "(";\n  const t = `[${s}`;\n  /* { */\n  if (s) {\n    return [1, 2];\n}\n';
    const open = unclosedBrackets(source);
    expect(open.map((b) => b.char)).toEqual(['{']);
    expect(source.slice(0, open[0].offset).split('\n').length).toBe(1);
    expect(unclosedBrackets('const a = [1, (2)];')).toEqual([]);
    expect(unclosedBrackets('/* never closed')).toEqual([]);
  });

  test('code that ends with a block still open names the line that opened it', async () => {
    const code = 'export function f(): number {\n  if (true) {\n    return 1;\n  }\n';
    const result = await runInNode({ mode: 'example', code });
    expect(result.error).toEqual({ kind: 'syntax', message: 'Your code ends while the "{" opened on line 1 is still open: a "}" is missing.', line: 1, column: 29 });
  });

  test('an expected sign names what was found instead, and unclosed strings say how to close them', () => {
    expect(explainSyntaxError('Unexpected token, expected ","', 'const x = [1, 2;', 15)).toEqual({ message: 'Expected "," here, but found ";".', line: 1, column: 16 });
    expect(explainSyntaxError('Unterminated string constant', 'const s = "abc;\n', 10).message).toMatch(/^This string is never closed/);
    expect(explainSyntaxError('Unterminated template', 'const s = `abc', 10).message).toMatch(/backtick/);
    // Not one it knows: the parser's words, with the position.
    expect(explainSyntaxError('Unexpected token', 'const c = ;\nlet d = 1;\n', 10)).toEqual({ message: 'Unexpected token', line: 1, column: 11 });
  });

  test('a name declared twice gets the line of the second declaration and names the first', async () => {
    const code = 'let total = 1;\nconsole.log(total);\nlet total = 2;\n';
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'syntax', line: 3, column: 1 });
    expect(result.error?.message).toMatch(/^"total" is declared twice \(first on line 1\)\./);
    expect(explainDuplicateDeclaration("Identifier '$x' has already been declared", 'const $x = 1;')?.message).toMatch(/^"\$x" is declared twice\. /);
    expect(explainDuplicateDeclaration('Unexpected token', 'x')).toBeUndefined();
  });
});
