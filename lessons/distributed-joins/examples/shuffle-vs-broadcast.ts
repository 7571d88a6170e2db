import { SparkSession, broadcast } from '@sai/spark';

// 4 executors x 2 cores (the defaults). Threshold -1 turns automatic broadcasting off. Data this small would
// otherwise be coalesced by adaptive execution into a single join task (see "Adaptive query execution").
const spark = new SparkSession({
  conf: {
    'spark.sql.shuffle.partitions': 8,
    'spark.sql.autoBroadcastJoinThreshold': -1,
    'spark.sql.adaptive.coalescePartitions.enabled': false,
  },
});

const customers = spark.createDataFrame(
  Array.from({ length: 40 }, (_, i) => ({ customerId: i, country: ['DE', 'FR', 'NL', 'US'][i % 4] })),
  { name: 'customers' },
);
const orders = spark.createDataFrame(
  Array.from({ length: 4000 }, (_, i) => ({ orderId: i, customerId: i % 40, amount: (i * 7) % 100 })),
  { numPartitions: 8, name: 'orders' },
);

// 1) Shuffle join: both sides are hash-partitioned on customerId (explain() prints the plan).
const shuffled = orders.join(customers, 'customerId');
shuffled.explain();
const shuffledRows = shuffled.count();
const smj = spark.lastJob()!.metrics;

// 2) broadcast() is a hint that beats the threshold: customers is copied to every executor.
const broadcasted = orders.join(broadcast(customers), 'customerId');
broadcasted.explain();
const broadcastRows = broadcasted.count();
const bhj = spark.lastJob()!.metrics;
console.log(`shuffle join:   ${shuffledRows} rows, ${smj.shuffleWriteBytes} B shuffled, ${smj.broadcastBytes} B broadcast`);
console.log(`broadcast join: ${broadcastRows} rows, ${bhj.shuffleWriteBytes} B shuffled, ${bhj.broadcastBytes} B broadcast`);
