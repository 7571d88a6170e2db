// Mistake: reads the broadcast's .value on the driver and captures it, so the tasks never fetch the broadcast.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';
export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const table = new Map<Value, Row[]>();
  for (const row of small.collect()) if (row[key] !== null) table.set(row[key], [...(table.get(row[key]) ?? []), row]);
  const lookup = spark.sparkContext.broadcast(table).value;
  return large.mapPartitions((rows) => rows.flatMap((r) => (r[key] === null ? [] : (lookup.get(r[key]) ?? []).map((m) => ({ ...r, ...m })))));
}
