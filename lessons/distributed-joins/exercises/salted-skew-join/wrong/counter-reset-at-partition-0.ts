// Numbers rows with one counter shared by all tasks, reset when partition 0 runs: salts change when tasks run in another order.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = "_salt";
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = `_${salt}`;
  const g = globalThis as any;
  const sf = facts.mapPartitions((rows, p) => { if (p === 0) g.__c = 0; return rows.map((r) => ({ ...r, [salt]: (g.__c = (g.__c ?? 0) + 1) % saltBuckets })); }, [...facts.columns, salt]);
  const sd = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return sf.join(sd, [key, salt], 'inner').drop(salt);
}
