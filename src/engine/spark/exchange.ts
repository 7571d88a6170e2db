/**
 * Exchange hashpartitioning(keys, n): every row goes to partition pmod(murmur3(key, 42), n), so rows with
 * equal keys land in the same partition on every side.
 */
import { hashPartition } from './hash.ts';
import { keyExtractor } from './joins/join-row.ts';
import { ShuffledRDD, type RDD } from './rdd.ts';
import type { Row } from './row.ts';

export function exchange(child: RDD<Row>, keys: readonly string[], n: number): ShuffledRDD<Row> {
  const keyOf = keyExtractor(keys);
  const partitioner =
    keys.length === 1
      ? (row: Row): number => hashPartition(row[keys[0]], n)
      : (row: Row): number => hashPartition(keyOf(row), n);
  return new ShuffledRDD<Row>(child, n, () => partitioner, 'Exchange', `hash(${n})`);
}
