// Mistake: forgets to drop the salt column after the join.
import type { DataFrame, Row } from '@sai/spark';

const SALT = '_salt';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  // Facts: give each row one salt value, round-robin, so a hot key's rows are split evenly into
  // saltBuckets smaller keys (key, 0), (key, 1), ... that the shuffle hashes to different partitions.
  let next = 0;
  const saltedFacts = facts.withColumn(SALT, () => next++ % saltBuckets);

  // Dims: a fact row may carry any salt, so each dimension row must exist once per salt value.
  // (flatMap keeps the columns it is given, so the salt column is declared first with withColumn.)
  const saltedDims = dims
    .withColumn(SALT, () => 0)
    .flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, salt) => ({ ...row, [SALT]: salt })));

  // Join on the key AND the salt, then remove the helper column.
  return saltedFacts.join(saltedDims, [key, SALT], 'inner');
}
