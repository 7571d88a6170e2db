import type { DataFrame, Row } from '@sai/spark';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  // A name for the salt column that neither table uses already.
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = `_${salt}`;

  // Facts: deal the salts 0, 1, 2, ... round-robin, so a hot key's rows are split evenly into
  // (key, 0), (key, 1), ... which the shuffle hashes to different partitions. The counter is the
  // row's position inside its partition: a retried task deals exactly the same salts again.
  const saltedFacts = facts.mapPartitions(
    (rows) => rows.map((row, i): Row => ({ ...row, [salt]: i % saltBuckets })),
    [...facts.columns, salt],
  );

  // Dims: a fact row may carry any salt, so each dimension row must exist once per salt value.
  const saltedDims = dims.flatMap(
    (row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })),
    [...dims.columns, salt],
  );

  // Join on the key AND the salt, then remove the helper column.
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
