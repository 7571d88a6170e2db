import { ensureSyntaxTree, getIndentation, IndentContext } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { highlightTree, tags as t, type Tag } from '@lezer/highlight';
import { describe, expect, test } from 'vitest';
import { codeHighlight } from '../../../src/components/exercise/editor-theme.ts';
import { typescriptLanguage } from '../../../src/components/exercise/typescript-mode.ts';

function stateOf(code: string): EditorState {
  const state = EditorState.create({ doc: code, extensions: [typescriptLanguage] });
  if (!ensureSyntaxTree(state, code.length, 5_000)) throw new Error('the code was not parsed in time');
  return state;
}

/** The editor's colour class of the `nth` token whose text is `text` ('' when it has no colour of its own). */
function colourOf(code: string, text: string, nth = 0): string {
  const spans: Array<[string, string]> = [];
  highlightTree(ensureSyntaxTree(stateOf(code), code.length)!, codeHighlight, (from, to, classes) => spans.push([code.slice(from, to), classes]));
  const found = spans.filter(([span]) => span === text);
  if (found.length <= nth) throw new Error(`'${text}' is not a coloured token of: ${code}`);
  return found[nth][1];
}

/** The class the editor's palette gives a tag. */
const colour = (tag: Tag) => codeHighlight.style([tag]) ?? '';

describe('TypeScript highlighting in the editor', () => {
  test('a called name is coloured as a function; the same name not called is not', () => {
    const code = 'const rows = load(input);\nconst again = load;\n';
    expect(colourOf(code, 'load', 0)).toBe(colour(t.function(t.variableName)));
    expect(colourOf(code, 'load', 1)).toBe(colour(t.variableName));
    expect(colour(t.function(t.variableName))).not.toBe(colour(t.variableName));
  });

  test('a method call is a function, a property read is a property', () => {
    const code = 'const n = left.count();\nconst p = left.partitions;\nconst q = left.map (f);\n';
    expect(colourOf(code, 'count')).toBe(colour(t.function(t.propertyName)));
    expect(colourOf(code, 'partitions')).toBe(colour(t.propertyName));
    expect(colourOf(code, 'map')).toBe(colour(t.function(t.propertyName)));
  });

  test('a function definition, keywords and types', () => {
    const code = 'export function partitionOf(key: string, n: number): number {\n  return 0;\n}\n';
    expect(colourOf(code, 'partitionOf')).toBe(colour(t.function(t.variableName)));
    expect(colourOf(code, 'string')).toBe(colour(t.typeName));
    expect(colourOf(code, 'export')).toBe(colour(t.keyword));
    expect(colourOf(code, 'return')).toBe(colour(t.keyword));
  });

  test('strings, numbers and comments, with nothing inside them taken for a call', () => {
    const code = "// call(me)\nconst s = 'f(x)';\nconst u = `g(${1})`;\nconst n = 42;\n";
    expect(colourOf(code, '// call(me)')).toBe(colour(t.comment));
    expect(colourOf(code, "'f(x)'")).toBe(colour(t.string));
    expect(colourOf(code, '42')).toBe(colour(t.number));
    const spans: string[] = [];
    highlightTree(ensureSyntaxTree(stateOf(code), code.length)!, codeHighlight, (_from, _to, classes) => spans.push(classes));
    expect(spans).not.toContain(colour(t.function(t.variableName)));
  });
});

describe('indentation', () => {
  const indentAt = (code: string) => getIndentation(new IndentContext(stateOf(code)), code.length);

  test('a line inside a block or a list is indented one unit more than the line that opened it', () => {
    expect(indentAt('function f() {\n')).toBe(2);
    expect(indentAt('function f() {\n  if (x) {\n')).toBe(4);
    expect(indentAt('const xs = [\n')).toBe(2);
    expect(indentAt('function f() {\n  return 1;\n}\n')).toBe(0);
  });
});
