import type { DataFrame } from '@sai/spark';

export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  // 1. facts.mapPartitions(...): add a salt column with values 0 .. saltBuckets-1, dealt round-robin.
  // 2. dims.flatMap(...): emit each dimension row once per salt value.
  // 3. Join on [key, salt], then drop the salt column.
  // This placeholder is a plain join: correct rows, but the hot key still lands in one partition.
  return facts.join(dims, key, 'inner');
}
