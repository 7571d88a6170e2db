// Mistake: deals salts from a counter outside the function, shared by every partition and every run: a re-run salts differently.
import type { DataFrame, Row } from '@sai/spark';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = `_${salt}`;

  // One counter for every partition (in this engine all tasks share it; in Spark each task would get its own copy).
  let next = 0;
  const saltedFacts = facts.withColumn(salt, () => next++ % saltBuckets);

  const saltedDims = dims.flatMap(
    (row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })),
    [...dims.columns, salt],
  );
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
