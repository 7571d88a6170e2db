// Picks a Math.random() offset once on the driver: every call of the function salts differently.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const off = Math.floor(Math.random() * saltBuckets);
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row, i): Row => ({ ...row, [salt]: (i + off) % saltBuckets })), [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
