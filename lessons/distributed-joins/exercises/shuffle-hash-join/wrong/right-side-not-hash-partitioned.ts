// Mistake: only the left side is partitioned by key; the right side is spread round-robin, so equal keys do not meet.
import type { RDD, Row, Value } from '@sai/spark';

export function shuffleHashJoin(left: RDD<Row>, right: RDD<Row>, key: string, numPartitions: number): RDD<Row> {
  // A null key never equals anything, so those rows can't match. Drop them before paying for the shuffle.
  const hasKey = (row: Row) => row[key] !== null && row[key] !== undefined;

  // The shuffle: hash-partition both sides by the key, so equal keys end up in the same partition index.
  const leftByKey = left.filter(hasKey).keyBy((row) => row[key]).partitionBy(numPartitions);
  const rightByKey = right.filter(hasKey).repartition(numPartitions).keyBy((row) => row[key]);

  // Partition i of one side only has to meet partition i of the other side: a narrow step.
  return leftByKey.zipPartitions(rightByKey, (leftRows, rightRows) => {
    // Build: a hash table over the right partition. A key can have many rows, so keep them all.
    const table = new Map<Value, Row[]>();
    for (const [k, row] of rightRows) {
      const bucket = table.get(k);
      if (bucket) bucket.push(row);
      else table.set(k, [row]);
    }
    // Probe: every left row meets every right row with its key (m x n rows for duplicates).
    const out: Row[] = [];
    for (const [k, leftRow] of leftRows) {
      for (const rightRow of table.get(k) ?? []) out.push({ ...leftRow, ...rightRow });
    }
    return out;
  });
}
