// Mistake: the hash table is a plain object, so every key becomes its text: 1 and '1' (and true and 'true') share a bucket.
import type { RDD, Row, SparkSession } from '@sai/spark';

export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const table: Record<string, Row[]> = {};
  for (const row of small.collect()) {
    const k = row[key];
    if (k === null || k === undefined) continue;
    (table[String(k)] ??= []).push(row);
  }
  const shared = spark.sparkContext.broadcast(table);
  return large.mapPartitions((rows) => {
    const lookup = shared.value;
    const out: Row[] = [];
    for (const row of rows) {
      const k = row[key];
      if (k === null || k === undefined) continue;
      for (const match of lookup[String(k)] ?? []) out.push({ ...row, ...match });
    }
    return out;
  });
}
