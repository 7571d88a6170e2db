/** Join types: the names DataFrame.join accepts, Spark's canonical names, and which side each may build. */

export type JoinType =
  | 'inner'
  | 'left' | 'left_outer' | 'leftouter'
  | 'right' | 'right_outer' | 'rightouter'
  | 'full' | 'outer' | 'full_outer' | 'fullouter'
  | 'left_semi' | 'leftsemi' | 'semi'
  | 'left_anti' | 'leftanti' | 'anti';

/** Spark's own names, as explain() prints them. */
export type CanonicalJoinType = 'Inner' | 'LeftOuter' | 'RightOuter' | 'FullOuter' | 'LeftSemi' | 'LeftAnti';

export type BuildSide = 'left' | 'right';

const ALIASES: Record<string, CanonicalJoinType> = {
  inner: 'Inner',
  left: 'LeftOuter', leftouter: 'LeftOuter',
  right: 'RightOuter', rightouter: 'RightOuter',
  full: 'FullOuter', outer: 'FullOuter', fullouter: 'FullOuter',
  leftsemi: 'LeftSemi', semi: 'LeftSemi',
  leftanti: 'LeftAnti', anti: 'LeftAnti',
};

/** Reads a join type the way Spark does: case-insensitive, underscores ignored. */
export function parseJoinType(how: string): CanonicalJoinType {
  const t = typeof how === 'string' ? ALIASES[how.toLowerCase().replaceAll('_', '')] : undefined;
  if (!t) {
    throw new Error(
      `Unsupported join type ${JSON.stringify(how)}. Use one of: inner, left (left_outer), right (right_outer), ` +
        'full (outer, full_outer), left_semi (semi), left_anti (anti).',
    );
  }
  return t;
}

/** A broadcast hash join streams one side and builds the other; outer rows of the built side can't be found by streaming. */
export function canBroadcastBuild(side: BuildSide, t: CanonicalJoinType): boolean {
  return side === 'right' ? t === 'Inner' || t === 'LeftOuter' || t === 'LeftSemi' || t === 'LeftAnti' : t === 'Inner' || t === 'RightOuter';
}

/** A shuffled hash join builds per partition, so it can also track unmatched build rows: full outer works on either side (Spark 3.1+). */
export function canShuffleHashBuild(side: BuildSide, t: CanonicalJoinType): boolean {
  // Since Spark 3.5.0 (SPARK-36612) a shuffled hash join may also build the outer side of a
  // left or right outer join; full outer (3.1.0+) builds either side.
  if (t === 'FullOuter' || t === 'LeftOuter' || t === 'RightOuter') return true;
  return canBroadcastBuild(side, t);
}

/** Why a side can't be built, for plan notes. */
export function buildSideRule(t: CanonicalJoinType): string {
  const sides = [canBroadcastBuild('left', t) ? 'left' : '', canBroadcastBuild('right', t) ? 'right' : ''].filter(Boolean);
  return sides.length ? `a ${t} join can only broadcast its ${sides.join(' or ')} side` : `a ${t} join cannot be a broadcast hash join`;
}
