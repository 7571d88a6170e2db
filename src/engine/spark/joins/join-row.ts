/**
 * Output rows of a "using" join: the key columns once, then the left side's other columns, then the right
 * side's. For a row with no match on one side, that side's columns are null; the key comes from whichever
 * side has the row (for a full outer join that is coalesce(left.key, right.key)).
 */
import { currentRun } from '../../kernel/run-context.ts';
import type { Row, Value } from '../row.ts';

export interface JoinOutput {
  readonly columns: string[];
  /** A matched pair. */
  both(left: Row, right: Row): Row;
  /** A left row without a match. */
  leftOnly(left: Row): Row;
  /** A right row without a match. */
  rightOnly(right: Row): Row;
}

export function joinOutput(keys: readonly string[], leftColumns: readonly string[], rightColumns: readonly string[]): JoinOutput {
  const keySet = new Set(keys);
  const leftRest = leftColumns.filter((c) => !keySet.has(c));
  const rightRest = rightColumns.filter((c) => !keySet.has(c));
  const columns = [...keys, ...leftRest, ...rightRest];

  const compiled = compileBuilders(keys, leftRest, rightRest);
  if (compiled) return { columns, ...compiled };
  // Fallback when code generation is not allowed (e.g. a Content-Security-Policy without 'unsafe-eval').
  return {
    columns,
    both: (l, r) => build(keys, leftRest, rightRest, l, l, r),
    leftOnly: (l) => build(keys, leftRest, rightRest, l, l, null),
    rightOnly: (r) => build(keys, leftRest, rightRest, r, null, r),
  };
}

/**
 * Generates the three row builders as object literals, like Spark's whole-stage code generation does for
 * its operators: a literal with fixed keys is several times faster to create than copying keys in a loop.
 * Column names are embedded with JSON.stringify, so any name is a safe string literal.
 */
function compileBuilders(
  keys: readonly string[],
  leftRest: readonly string[],
  rightRest: readonly string[],
): Omit<JoinOutput, 'columns'> | undefined {
  const signature = `join-row:${JSON.stringify([keys, leftRest, rightRest])}`;
  const compiledCache = currentRun().memo as Map<string, Omit<JoinOutput, 'columns'> | null>;
  const cached = compiledCache.get(signature);
  if (cached !== undefined) return cached ?? undefined;
  const q = JSON.stringify;
  const fields = (keyFrom: string, l: boolean, r: boolean): string =>
    [
      ...keys.map((k) => `${q(k)}: ${keyFrom}[${q(k)}]`),
      ...leftRest.map((c) => `${q(c)}: ${l ? `l[${q(c)}]` : 'null'}`),
      ...rightRest.map((c) => `${q(c)}: ${r ? `r[${q(c)}]` : 'null'}`),
    ].join(', ');
  try {
    // Generated builders are memoized per output shape in the run's context: one function object per shape
    // keeps the join loop's call site monomorphic, so the JavaScript engine can inline it.
    const make = (params: string, body: string) => new Function(params, `return { ${body} };`) as (...rows: Row[]) => Row;
    const both = make('l, r', fields('l', true, true));
    const leftOnly = make('l', fields('l', true, false));
    const rightOnly = make('r', fields('r', false, true));
    const builders = { both, leftOnly, rightOnly };
    compiledCache.set(signature, builders);
    return builders;
  } catch {
    compiledCache.set(signature, null);
    return undefined;
  }
}

function build(keys: readonly string[], leftRest: readonly string[], rightRest: readonly string[], keyRow: Row, l: Row | null, r: Row | null): Row {
  const out: Row = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]] = keyRow[keys[i]];
  for (let i = 0; i < leftRest.length; i++) out[leftRest[i]] = l ? l[leftRest[i]] : null;
  for (let i = 0; i < rightRest.length; i++) out[rightRest[i]] = r ? r[rightRest[i]] : null;
  return out;
}

/**
 * The join key of a row: the value itself for one key column, an encoded string for several; null when
 * any key column is null (null = anything is never true, so such a row can never match).
 */
export function keyExtractor(keys: readonly string[]): (row: Row) => unknown {
  if (keys.length === 1) {
    // One extractor per key name, for the same reason as the memoized row builders above.
    const k = keys[0];
    const memo = currentRun().memo;
    let f = memo.get(`key:${k}`) as ((row: Row) => unknown) | undefined;
    if (!f) {
      f = (row: Row) => row[k];
      memo.set(`key:${k}`, f);
    }
    return f;
  }
  return (row) => {
    let s = '';
    for (let i = 0; i < keys.length; i++) {
      const v: Value = row[keys[i]];
      if (v === null || v === undefined) return null;
      s += (i ? '\u0001' : '') + (typeof v)[0] + String(v);
    }
    return s;
  };
}
