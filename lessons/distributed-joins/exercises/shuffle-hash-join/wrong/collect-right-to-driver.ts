// Mistake: skips the shuffle by collecting the right side to the driver and probing it from each left partition.
import type { RDD, Row, Value } from '@sai/spark';

export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  console.log(`ignoring numPartitions = ${numPartitions}`);
  const table = new Map<Value, Row[]>();
  for (const row of right.collect()) {
    if (row[key] === null) continue;
    table.set(row[key], [...(table.get(row[key]) ?? []), row]);
  }
  return left.flatMap((row) => (row[key] === null ? [] : (table.get(row[key]) ?? []).map((match) => ({ ...row, ...match }))));
}
