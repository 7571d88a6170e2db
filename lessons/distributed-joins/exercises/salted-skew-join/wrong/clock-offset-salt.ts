// Offsets the salts by the hour of the wall clock: a task retried an hour later salts its rows differently.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const saltedFacts = facts.mapPartitions((rows) => { const off = Math.floor(Date.now() / 3600000); return rows.map((row, i): Row => ({ ...row, [salt]: (i + off) % saltBuckets })); }, [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
