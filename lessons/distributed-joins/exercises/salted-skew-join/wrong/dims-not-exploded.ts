// Mistake: salts the dims with a single value instead of copying each row for every salt, so most fact rows find no match.
import type { DataFrame } from '@sai/spark';

const SALT = '_salt';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  // Facts: give each row one salt value, round-robin, so a hot key's rows are split evenly into
  // saltBuckets smaller keys (key, 0), (key, 1), ... that the shuffle hashes to different partitions.
  let next = 0;
  const saltedFacts = facts.withColumn(SALT, () => next++ % saltBuckets);

  // Dims: a fact row may carry any salt, so each dimension row must exist once per salt value.
  const saltedDims = dims.withColumn(SALT, () => 0);

  // Join on the key AND the salt, then remove the helper column.
  return saltedFacts.join(saltedDims, [key, SALT], 'inner').drop(SALT);
}
