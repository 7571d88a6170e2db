// Starts the round-robin at the clock's milliseconds (new Date()): a retried task salts its rows differently.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = "_salt";
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = `_${salt}`;
  const off = new Date().getMilliseconds();
  const sf = facts.mapPartitions((rows) => rows.map((r, i) => ({ ...r, [salt]: (i + off) % saltBuckets })), [...facts.columns, salt]);
  const sd = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return sf.join(sd, [key, salt], 'inner').drop(salt);
}
