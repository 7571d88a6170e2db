// Mistake: skips every falsy key, so rows keyed 0 or an empty string never join (only null keys should be left out).
import type { RDD, Row, SparkSession, Value } from '@sai/spark';

export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  // Build the hash table once, on the driver, from the small side. A null key never matches, so skip those rows.
  const table = new Map<Value, Row[]>();
  for (const row of small.collect()) {
    const k = row[key];
    if (!k) continue;
    const bucket = table.get(k);
    if (bucket) bucket.push(row);
    else table.set(k, [row]);
  }

  // Ship it to every executor once, instead of with every task.
  const shared = spark.sparkContext.broadcast(table);

  // Probe: each partition of the large side stays where it is, so nothing of it is shuffled.
  return large.mapPartitions((rows) => {
    const lookup = shared.value;
    const out: Row[] = [];
    for (const row of rows) {
      const k = row[key];
      if (!k) continue;
      for (const match of lookup.get(k) ?? []) out.push({ ...row, ...match });
    }
    return out;
  });
}
