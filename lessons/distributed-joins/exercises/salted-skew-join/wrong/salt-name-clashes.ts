// Mistake: always names the salt column '_salt', overwriting a real column of that name.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  const s = '_salt';
  const f = facts.mapPartitions((rows) => rows.map((row, i) => ({ ...row, [s]: i % saltBuckets })), [...facts.columns.filter((c) => c !== s), s]);
  const d = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, i) => ({ ...row, [s]: i })), [...dims.columns.filter((c) => c !== s), s]);
  return f.join(d, [key, s]).drop(s);
}
