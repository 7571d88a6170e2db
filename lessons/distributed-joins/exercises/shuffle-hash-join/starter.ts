import type { RDD, Row } from '@sai/spark';

export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  // 1. Key both sides by row[key] (keyBy) and hash-partition them into numPartitions (partitionBy).
  // 2. zipPartitions: build a Map from one side's partition, then probe it with the other side's rows.
  // 3. Rows whose key is null must not match anything.
  // This placeholder returns no rows at all.
  return left.filter(() => false);
}
