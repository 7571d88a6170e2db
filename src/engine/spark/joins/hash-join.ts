/**
 * Hash join, the algorithm behind both BroadcastHashJoin (the build side is broadcast whole) and
 * ShuffledHashJoin (each partition builds from its own shuffled slice): put the build side in a hash map
 * keyed by the join key, then stream the other side through it.
 */
import type { Row } from '../row.ts';
import type { BuildSide, CanonicalJoinType } from './join-type.ts';
import type { JoinOutput } from './join-row.ts';

/** The build side in a map: key -> row (or rows, for duplicate keys). Rows with a null key are kept aside. */
export interface HashedRelation {
  readonly map: Map<unknown, Row | Row[]>;
  /** Every build row in input order (outer joins emit the unmatched ones at the end). */
  readonly rows: readonly Row[];
}

export function buildHashedRelation(rows: readonly Row[], keyOf: (row: Row) => unknown): HashedRelation {
  const map = new Map<unknown, Row | Row[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const k = keyOf(row);
    if (k === null || k === undefined) continue; // a null key never matches
    const seen = map.get(k);
    if (seen === undefined) map.set(k, row);
    else if (Array.isArray(seen)) seen.push(row);
    else map.set(k, [seen, row]);
  }
  return { map, rows };
}

/**
 * Streams `stream` through the relation. `buildSide` says which side of the join the relation holds, so
 * output rows keep left/right in place whatever side was built.
 */
export function hashJoin(
  stream: readonly Row[],
  relation: HashedRelation,
  keyOf: (row: Row) => unknown,
  joinType: CanonicalJoinType,
  buildSide: BuildSide,
  out: JoinOutput,
): Row[] {
  const result: Row[] = [];
  const map = relation.map;
  const buildRight = buildSide === 'right';
  const n = stream.length;

  if (joinType === 'Inner') {
    // The hot path of every benchmark: one loop per build side so the row builder call is monomorphic, and
    // an output array sized for the common case (at most one match per stream row), trimmed at the end.
    const both = out.both;
    const rows = new Array<Row>(n);
    let k = 0;
    if (buildRight) {
      for (let i = 0; i < n; i++) {
        const s = stream[i];
        const m = map.get(keyOf(s)); // null keys were never put in the map
        if (m === undefined) continue;
        if (Array.isArray(m)) for (let j = 0; j < m.length; j++) rows[k++] = both(s, m[j]);
        else rows[k++] = both(s, m);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const s = stream[i];
        const m = map.get(keyOf(s));
        if (m === undefined) continue;
        if (Array.isArray(m)) for (let j = 0; j < m.length; j++) rows[k++] = both(m[j], s);
        else rows[k++] = both(m, s);
      }
    }
    rows.length = k;
    return rows;
  }

  if (joinType === 'LeftSemi' || joinType === 'LeftAnti') {
    // Only the left side can be streamed here: keep a left row once if it has a match (semi) or none (anti).
    const keep = joinType === 'LeftSemi';
    for (let i = 0; i < n; i++) if (map.has(keyOf(stream[i])) === keep) result.push(stream[i]);
    return result;
  }

  // Outer joins: which unmatched rows survive depends on the join type, not on which side was built.
  const keepLeft = joinType === 'LeftOuter' || joinType === 'FullOuter';
  const keepRight = joinType === 'RightOuter' || joinType === 'FullOuter';
  const keepUnmatchedStream = buildRight ? keepLeft : keepRight;
  const keepUnmatchedBuild = buildRight ? keepRight : keepLeft;
  const matchedBuild = keepUnmatchedBuild ? new Set<Row>() : undefined;
  for (let i = 0; i < n; i++) {
    const s = stream[i];
    const m = map.get(keyOf(s));
    if (m === undefined) {
      if (keepUnmatchedStream) result.push(buildRight ? out.leftOnly(s) : out.rightOnly(s));
      continue;
    }
    const matches = Array.isArray(m) ? m : [m];
    for (const b of matches) {
      result.push(buildRight ? out.both(s, b) : out.both(b, s));
      matchedBuild?.add(b);
    }
  }
  if (matchedBuild) {
    for (const b of relation.rows) if (!matchedBuild.has(b)) result.push(buildRight ? out.rightOnly(b) : out.leftOnly(b));
  }
  return result;
}
