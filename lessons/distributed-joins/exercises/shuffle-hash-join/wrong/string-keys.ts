// Mistake: keys the hash table by String(key), so 1 and '1' become the same key when they meet in a partition.
import type { RDD, Row } from '@sai/spark';
export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  const ok = (r: Row) => r[key] !== null;
  const l = left.filter(ok).keyBy((r) => r[key]).partitionBy(numPartitions);
  const r = right.filter(ok).keyBy((r) => r[key]).partitionBy(numPartitions);
  return l.zipPartitions(r, (a, b) => { const m = new Map<string, Row[]>(); for (const [k, row] of b) m.set(String(k), [...(m.get(String(k)) ?? []), row]); return a.flatMap(([k, row]) => (m.get(String(k)) ?? []).map((x) => ({ ...row, ...x }))); });
}
