/**
 * Reference joins, written the slow, obvious way (a nested loop) so they can be trusted: every
 * pair of rows whose keys are the same value (values.ts: NaN matches NaN, 0 matches -0, 1 never
 * matches '1') and not null, which in SQL matches nothing.
 */
import type { Row } from '../rows.ts';
import { sameValue } from '../values.ts';

/** True when two key values join: equal, and neither is null (or missing). */
export function keysMatch(a: unknown, b: unknown): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && sameValue(a, b);
}

function matches(l: Row, r: Row, keys: readonly string[]): boolean {
  return keys.every((k) => keysMatch(l[k], r[k]));
}

/** Inner join whose output row is `{ ...left, ...right }` (the RDD exercises' shape). */
export function innerJoinMerged(left: readonly Row[], right: readonly Row[], key: string): Row[] {
  const out: Row[] = [];
  for (const l of left) for (const r of right) if (keysMatch(l[key], r[key])) out.push({ ...l, ...r });
  return out;
}

export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti';

/**
 * A DataFrame join as Spark's join(other, on, how) returns it: the key columns once (from the left
 * row, or the right one when only it exists), then the left side's other columns, then the right
 * side's; columns of a missing side are null. Semi and anti joins return left rows unchanged.
 */
export function joinRows(
  left: readonly Row[],
  right: readonly Row[],
  keys: readonly string[],
  how: JoinHow,
  columns: { left: readonly string[]; right: readonly string[] },
): Row[] {
  const leftRest = columns.left.filter((c) => !keys.includes(c));
  const rightRest = columns.right.filter((c) => !keys.includes(c));
  const build = (l: Row | null, r: Row | null): Row => {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = l ? l[k] : r![k];
    for (const c of leftRest) out[c] = l ? l[c] : null;
    for (const c of rightRest) out[c] = r ? r[c] : null;
    return out;
  };
  const out: Row[] = [];
  const rightMatched = new Set<number>();
  for (const l of left) {
    const partners = right.flatMap((r, j) => (matches(l, r, keys) ? [j] : []));
    if (how === 'left_semi') {
      if (partners.length) out.push({ ...l });
      continue;
    }
    if (how === 'left_anti') {
      if (!partners.length) out.push({ ...l });
      continue;
    }
    for (const j of partners) {
      out.push(build(l, right[j]));
      rightMatched.add(j);
    }
    if (!partners.length && (how === 'left' || how === 'full')) out.push(build(l, null));
  }
  if (how === 'right' || how === 'full') right.forEach((r, j) => rightMatched.has(j) || out.push(build(null, r)));
  return out;
}
