import { SparkSession } from '@sai/spark';

// 4 executors x 2 cores. Partition i lives on executor i % 4.
const spark = new SparkSession({ executors: 4, coresPerExecutor: 2 });

// 16 orders from 4 customers, split into 4 partitions.
const orders = spark.sparkContext.parallelize(
  Array.from({ length: 16 }, (_, i) => ({ orderId: i, customerId: `c${i % 4}`, amount: 5 * (i + 1) })),
  4,
);

// Narrow: each output partition is computed from one parent partition, where it already is.
const large = orders.filter((o) => o.amount >= 20).map((o): [string, number] => [o.customerId, o.amount]);
large.count();
const narrow = spark.lastJob()!;
console.log(`narrow: ${narrow.stages.length} stage, ${narrow.metrics.shuffleWriteBytes} bytes shuffled`);

// Transformations return a new RDD; the parent's partitions are never edited.
console.log('orders still has', orders.count(), 'rows');

// Wide: grouping by customer needs rows from every parent partition, so they are shuffled.
const byCustomer = large.partitionBy(4); // pairs [customerId, amount] move to hash(customerId) mod 4
byCustomer.collectPartitions().forEach((pairs, i) => {
  const customers = [...new Set(pairs.map(([customer]) => customer))];
  console.log(`partition ${i}: ${pairs.length} orders from ${customers.join(', ') || 'nobody'}`);
});
const { stages, metrics } = spark.lastJob()!;
console.log(`wide: ${stages.length} stages, ${metrics.shuffleWriteBytes} bytes shuffled,`,
  `${metrics.remoteShuffleReadBytes} of them between executors`);
