// Mistake: derives the salt from the key itself, so all rows of the hot key still get the same salt and the skew stays.
import type { DataFrame, Row } from '@sai/spark';

const SALT = '_salt';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  // Facts: give each row one salt value, round-robin, so a hot key's rows are split evenly into
  // saltBuckets smaller keys (key, 0), (key, 1), ... that the shuffle hashes to different partitions.
  const saltOf = (value: unknown) => [...String(value)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7) % saltBuckets;
  const saltedFacts = facts.withColumn(SALT, (row) => saltOf(row[key]));

  // Dims: a fact row may carry any salt, so each dimension row must exist once per salt value.
  // (flatMap keeps the columns it is given, so the salt column is declared first with withColumn.)
  const saltedDims = dims
    .withColumn(SALT, () => 0)
    .flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, salt) => ({ ...row, [SALT]: salt })));

  // Join on the key AND the salt, then remove the helper column.
  return saltedFacts.join(saltedDims, [key, SALT], 'inner').drop(SALT);
}
