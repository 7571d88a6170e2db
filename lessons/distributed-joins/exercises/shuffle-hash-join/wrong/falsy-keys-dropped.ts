// Mistake: drops rows whose key is falsy (!key) instead of only null keys, so 0, '' and false never join.
import type { RDD, Row, Value } from '@sai/spark';
export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  const l = left.filter((r) => !!r[key]).keyBy((r) => r[key]).partitionBy(numPartitions);
  const r = right.filter((r) => !!r[key]).keyBy((r) => r[key]).partitionBy(numPartitions);
  return l.zipPartitions(r, (a, b) => { const m = new Map<Value, Row[]>(); for (const [k, row] of b) m.set(k, [...(m.get(k) ?? []), row]); return a.flatMap(([k, row]) => (m.get(k) ?? []).map((x) => ({ ...row, ...x }))); });
}
