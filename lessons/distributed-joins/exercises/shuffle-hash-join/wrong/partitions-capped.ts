// Caps the partition count at 8: wrong partition count whenever numPartitions is larger.
import type { RDD, Row, Value } from '@sai/spark';
export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  const n = Math.min(numPartitions, 8);
  const l = left.filter((r) => r[key] !== null).keyBy((r) => r[key]).partitionBy(n);
  const r = right.filter((r) => r[key] !== null).keyBy((r) => r[key]).partitionBy(n);
  return l.zipPartitions(r, (ls, rs) => {
    const t = new Map<Value, Row[]>();
    for (const [k, r] of rs) { const b = t.get(k); if (b) b.push(r); else t.set(k, [r]); }
    const out: Row[] = [];
    for (const [k, l] of ls) for (const r of t.get(k) ?? []) out.push({ ...l, ...r });
    return out;
  });
}
