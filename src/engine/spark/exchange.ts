/**
 * Exchange hashpartitioning(keys, n): every row goes to partition pmod(murmur3(keys, 42), n), so rows with
 * equal keys land in the same partition on every side. Several key columns hash as Spark's hash(a, b):
 * each column's hash seeds the next.
 */
import { hashPartition } from './hash.ts';
import { ShuffledRDD, type RDD } from './rdd.ts';
import type { Row } from './row.ts';

export function exchange(child: RDD<Row>, keys: readonly string[], n: number): ShuffledRDD<Row> {
  const partitioner =
    keys.length === 1
      ? (row: Row): number => hashPartition(row[keys[0]], n)
      : (row: Row): number => hashPartition(keys.map((k) => row[k]), n);
  return new ShuffledRDD<Row>(child, n, () => partitioner, 'Exchange', `hash(${n})`);
}
