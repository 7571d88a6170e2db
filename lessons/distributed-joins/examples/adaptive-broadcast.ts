import { SparkSession } from '@sai/spark';

// AQE is on by default, as in Spark 3.2.0 and later. A 64 KB threshold keeps the data small.
const spark = new SparkSession({
  conf: { 'spark.sql.shuffle.partitions': 8, 'spark.sql.autoBroadcastJoinThreshold': '64k' },
});

// 4,000 customers take about 128 KB: too big to broadcast, as far as the planner knows.
const customers = spark.createDataFrame(
  Array.from({ length: 4000 }, (_, i) => ({ customerId: i, country: i % 100 === 0 ? 'LU' : 'DE' })),
  { name: 'customers' },
);
const orders = spark.createDataFrame(
  Array.from({ length: 8000 }, (_, i) => ({ orderId: i, customerId: (i * 13) % 4000, amount: i % 50 })),
  { numPartitions: 8, name: 'orders' },
);

// Only 40 customers live in Luxembourg, but the planner cannot tell how much a filter keeps.
const joined = orders.join(customers.filter((c) => c.country === 'LU'), 'customerId');
joined.explain(); // before running: SortMergeJoin under AdaptiveSparkPlan isFinalPlan=false

console.log('matching orders:', joined.count());
const job = spark.lastJob()!;
console.log(job.plan); // after running: the final plan that really ran
console.log(job.trace.notes.join('\n'));
