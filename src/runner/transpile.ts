/**
 * Turns learner TypeScript into plain JavaScript the module loader can run: sucrase strips the
 * types and rewrites import/export into require()/exports (CommonJS style). Sucrase keeps every
 * line on its own line, so a line number in the output is a line number in the learner's code;
 * columns move (types vanish, imported names become `_engine.name`), so its source map maps a
 * column back.
 */
import { transform } from 'sucrase';
import type { RunError } from './protocol.ts';
import { explainSyntaxError } from './syntax-hints.ts';

export interface Transpiled {
  code: string;
  /** Maps a 1-based line/column in `code` to a 1-based line/column in the source. */
  originalPosition(line: number, column: number): { line: number; column: number };
}

export type TranspileOutcome = { ok: true; module: Transpiled } | { ok: false; error: RunError };

/** The one source transpiled ahead of a run (see prepareTranspile), and its outcome. */
let prepared: { source: string; fileName: string; outcome: TranspileOutcome } | undefined;

/**
 * Transpiles `source` now, while nothing waits for it: a later transpile() of the same source
 * returns this outcome at once. Only the last prepared source is kept.
 */
export function prepareTranspile(source: string, fileName: string): void {
  if (prepared?.source === source && prepared.fileName === fileName) return;
  prepared = { source, fileName, outcome: transpileNow(source, fileName) };
}

export function transpile(source: string, fileName: string): TranspileOutcome {
  if (prepared?.source === source && prepared.fileName === fileName) return prepared.outcome;
  return transpileNow(source, fileName);
}

function transpileNow(source: string, fileName: string): TranspileOutcome {
  try {
    const { code } = transform(source, { transforms: ['typescript', 'imports'], filePath: fileName });
    // The source map is needed only to place an error, which most runs never have: made on first use.
    let lines: Segment[][] | undefined;
    const originalPosition = (line: number, column: number) => {
      lines ??= decodeMappings(sourceMapOf(source, fileName));
      return lookup(lines, line, column);
    };
    return { ok: true, module: { code, originalPosition } };
  } catch (err) {
    return { ok: false, error: syntaxError(err, source) };
  }
}

/** The `mappings` of the source map of a source that transpiled once already (so this cannot throw). */
function sourceMapOf(source: string, fileName: string): string {
  const result = transform(source, {
    transforms: ['typescript', 'imports'],
    filePath: fileName,
    sourceMapOptions: { compiledFilename: fileName.replace(/\.ts$/, '.js') },
  });
  return result.sourceMap?.mappings ?? '';
}

/**
 * Hidden checks as JavaScript, ready for the loader: transpiled once (at build time on the
 * site) instead of on every Run. Checks need no source map: errors are located in the
 * learner's code, never in the checks.
 */
export function compileChecks(source: string): string {
  try {
    return transform(source, { transforms: ['typescript', 'imports'], filePath: 'checks.ts' }).code;
  } catch (err) {
    throw new Error(`The hidden checks have a syntax error: ${syntaxError(err, source).message}`);
  }
}

/** Sucrase reports `Unexpected token (3:7)` with the offset in `pos`; we report line/column separately. */
function syntaxError(err: unknown, source: string): RunError {
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
  const pos = (err as { pos?: unknown }).pos;
  if (typeof pos !== 'number') return { kind: 'syntax', message };
  return { kind: 'syntax', ...explainSyntaxError(message, source, pos) };
}

/**
 * Error messages quote the transpiled expression: `(0 , _engine.SparkSession) is not a
 * constructor`. Puts back the name the learner wrote (`SparkSession is not a constructor`).
 */
export function restoreImportedNames(message: string): string {
  return message.replace(/\(0\s*,\s*_(?:engine|solution|vitest)\d*\.([\w$]+)\)/g, '$1').replace(/\b_(?:engine|solution|vitest)\d*\.([\w$]+)/g, '$1');
}

/** "TypeError: x is not a function" (just the message for a plain Error), in the learner's names. */
export function errorText(error: Error): string {
  let text: string;
  try {
    // name and message may be the learner's getters, and may throw.
    text = error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : String(error.message);
  } catch {
    text = 'An error was thrown whose name or message cannot be read (a getter on it throws)';
  }
  return restoreImportedNames(text);
}

/** One entry per generated line: [generated column, source line, source column], all 0-based. */
type Segment = [number, number, number];

function lookup(lines: Segment[][], line: number, column: number): { line: number; column: number } {
  const segments = lines[line - 1];
  if (!segments || segments.length === 0) return { line, column };
  let best = segments[0];
  for (const segment of segments) {
    if (segment[0] <= column - 1) best = segment;
  }
  const offsetInToken = Math.max(0, column - 1 - best[0]);
  return { line: best[1] + 1, column: best[2] + offsetInToken + 1 };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's Base64-VLQ `mappings` (fields are deltas, reset per line for the column). */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const fields = decodeVlq(segmentText);
      generatedColumn += fields[0];
      if (fields.length >= 4) {
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([generatedColumn, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
