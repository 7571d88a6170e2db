// Mistake: a shuffle join in disguise: both sides are hash-partitioned by key before joining, so the large side moves.
import type { RDD, Row, SparkSession, Value } from '@sai/spark';

export function broadcastHashJoin(spark: SparkSession, large: RDD<Row>, small: RDD<Row>, key: string): RDD<Row> {
  const n = spark.sparkContext.defaultParallelism;
  const largeByKey = large.keyBy((row) => row[key]).partitionBy(n);
  const smallByKey = small.keyBy((row) => row[key]).partitionBy(n);
  return largeByKey.zipPartitions(smallByKey, (largeRows, smallRows) => {
    const table = new Map<Value, Row[]>();
    for (const [k, row] of smallRows) if (k !== null) table.set(k, [...(table.get(k) ?? []), row]);
    return largeRows.flatMap(([k, row]) => (table.get(k) ?? []).map((match) => ({ ...row, ...match })));
  });
}
