// Mistake: runs an extra job over the large side while building the join (a count), reading it twice.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';
export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  console.log('large rows:', large.count());
  const table = new Map<Value, Row[]>();
  for (const row of small.collect()) if (row[key] !== null) table.set(row[key], [...(table.get(row[key]) ?? []), row]);
  const b = spark.sparkContext.broadcast(table);
  return large.mapPartitions((rows) => rows.flatMap((r) => (r[key] === null ? [] : (b.value.get(r[key]) ?? []).map((m) => ({ ...r, ...m })))));
}
