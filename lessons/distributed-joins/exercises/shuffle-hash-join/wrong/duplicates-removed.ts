// Mistake: removes duplicate output rows, but identical input rows must each produce their own output row.
import type { RDD, Row, Value } from '@sai/spark';
export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  const ok = (r: Row) => r[key] !== null;
  const l = left.filter(ok).keyBy((r) => r[key]).partitionBy(numPartitions);
  const r = right.filter(ok).keyBy((r) => r[key]).partitionBy(numPartitions);
  return l.zipPartitions(r, (a, b) => { const m = new Map<Value, Row[]>(); for (const [k, row] of b) m.set(k, [...(m.get(k) ?? []), row]); const seen = new Set<string>(); const out: Row[] = []; for (const [k, row] of a) for (const x of m.get(k) ?? []) { const o = { ...row, ...x }; const s = JSON.stringify(o); if (!seen.has(s)) { seen.add(s); out.push(o); } } return out; });
}
