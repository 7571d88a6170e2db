/**
 * Sort-merge join: sort both sides of a partition by key, then walk them together. Equal-key runs are
 * joined as a cross product; rows whose key is smaller than the other side's are unmatched. Null keys sort
 * first (ASC NULLS FIRST) and never match.
 */
import type { Row } from '../row.ts';
import type { CanonicalJoinType } from './join-type.ts';
import type { JoinOutput } from './join-row.ts';

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2 };

/** Total order on key values: nulls first, then by type (boolean < number < string), then by value. */
export function compareKeys(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return (TYPE_RANK[ta] ?? 3) - (TYPE_RANK[tb] ?? 3);
  if (ta === 'number') {
    // NaN is larger than any other number and equal to itself, as in Spark.
    const x = a as number;
    const y = b as number;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as string | boolean) < (b as string | boolean) ? -1 : 1;
}

/** The rows sorted by key (stable), with their keys in the same order. */
export function sortByKey(rows: readonly Row[], keyOf: (row: Row) => unknown): { rows: Row[]; keys: unknown[] } {
  const n = rows.length;
  const keys = new Array<unknown>(n);
  let allNumbers = true;
  for (let i = 0; i < n; i++) {
    const k = keyOf(rows[i]);
    keys[i] = k;
    if (typeof k !== 'number' || Number.isNaN(k)) allNumbers = false;
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (allNumbers) {
    const nums = keys as number[];
    order.sort((a, b) => nums[a] - nums[b] || a - b);
  } else order.sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
  const sortedRows = new Array<Row>(n);
  const sortedKeys = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    sortedRows[i] = rows[order[i]];
    sortedKeys[i] = keys[order[i]];
  }
  return { rows: sortedRows, keys: sortedKeys };
}

export function sortMergeJoin(
  leftRows: readonly Row[],
  rightRows: readonly Row[],
  keyOf: (row: Row) => unknown,
  joinType: CanonicalJoinType,
  out: JoinOutput,
): Row[] {
  const L = sortByKey(leftRows, keyOf);
  const R = sortByKey(rightRows, keyOf);
  const keepLeft = joinType === 'LeftOuter' || joinType === 'FullOuter' || joinType === 'LeftAnti';
  const keepRight = joinType === 'RightOuter' || joinType === 'FullOuter';
  const result: Row[] = [];
  const leftUnmatched = (row: Row): void => {
    if (!keepLeft) return;
    result.push(joinType === 'LeftAnti' ? row : out.leftOnly(row));
  };
  const rightUnmatched = (row: Row): void => {
    if (keepRight) result.push(out.rightOnly(row));
  };

  let i = 0;
  let j = 0;
  const nl = L.rows.length;
  const nr = R.rows.length;
  while (i < nl && L.keys[i] == null) leftUnmatched(L.rows[i++]);
  while (j < nr && R.keys[j] == null) rightUnmatched(R.rows[j++]);
  while (i < nl && j < nr) {
    const c = compareKeys(L.keys[i], R.keys[j]);
    if (c < 0) leftUnmatched(L.rows[i++]);
    else if (c > 0) rightUnmatched(R.rows[j++]);
    else {
      // A run of equal keys on each side: every pair matches (duplicates multiply).
      const key = L.keys[i];
      let iEnd = i + 1;
      while (iEnd < nl && compareKeys(L.keys[iEnd], key) === 0) iEnd++;
      let jEnd = j + 1;
      while (jEnd < nr && compareKeys(R.keys[jEnd], key) === 0) jEnd++;
      if (joinType === 'LeftSemi') for (let a = i; a < iEnd; a++) result.push(L.rows[a]);
      else if (joinType !== 'LeftAnti') {
        for (let a = i; a < iEnd; a++) for (let b = j; b < jEnd; b++) result.push(out.both(L.rows[a], R.rows[b]));
      }
      i = iEnd;
      j = jEnd;
    }
  }
  while (i < nl) leftUnmatched(L.rows[i++]);
  while (j < nr) rightUnmatched(R.rows[j++]);
  return result;
}
