// Mistake: broadcasts a tiny token to look right, while the real table rides along in every task's closure.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';
export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const table = new Map<Value, Row[]>();
  for (const row of small.collect()) if (row[key] !== null) table.set(row[key], [...(table.get(row[key]) ?? []), row]);
  const token = spark.sparkContext.broadcast(1);
  return large.mapPartitions((rows) => { void token.value; return rows.flatMap((r) => (r[key] === null ? [] : (table.get(r[key]) ?? []).map((m) => ({ ...r, ...m })))); });
}
