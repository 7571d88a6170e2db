// Mistake: salts with Math.random(): a recomputed partition gets other salts, so rows can land elsewhere on a retry.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  const s = '_salt_x';
  const f = facts.withColumn(s, () => Math.floor(Math.random() * saltBuckets));
  const d = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, i) => ({ ...row, [s]: i })), [...dims.columns, s]);
  return f.join(d, [key, s]).drop(s);
}
