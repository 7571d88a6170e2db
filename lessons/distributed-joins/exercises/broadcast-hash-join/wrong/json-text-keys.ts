// Keys the table by JSON.stringify(key): NaN, Infinity and -Infinity all become 'null' and match each other.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';
export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const table = new Map<string, Row[]>();
  for (const row of small.collect()) {
    if (row[key] === null) continue;
    const k = JSON.stringify(row[key]);
    const b = table.get(k);
    if (b) b.push(row); else table.set(k, [row]);
  }
  const shared = spark.sparkContext.broadcast(table);
  return large.mapPartitions((rows) => {
    const t = shared.value;
    const out: Row[] = [];
    for (const row of rows) {
      if (row[key] === null) continue;
      for (const m of t.get(JSON.stringify(row[key])) ?? []) out.push({ ...row, ...m });
    }
    return out;
  });
}
