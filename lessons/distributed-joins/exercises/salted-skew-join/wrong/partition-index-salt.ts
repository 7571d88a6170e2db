// Mistake: uses the partition's index as the salt, so rows that arrive in the same partition all get the same salt.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  const s = '__salt__';
  const f = facts.mapPartitions((rows, p) => rows.map((row) => ({ ...row, [s]: p % saltBuckets })), [...facts.columns, s]);
  const d = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, i) => ({ ...row, [s]: i })), [...dims.columns, s]);
  return f.join(d, [key, s]).drop(s);
}
