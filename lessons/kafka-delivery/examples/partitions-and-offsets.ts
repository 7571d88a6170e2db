import { Kafka, KafkaCluster, offsetsPartitionFor, recordPartitions } from '@sai/kafka';

// One topic with 3 partitions. A keyed record goes to murmur2(key), made positive, mod 3; keyless ones are spread.
const cluster = new KafkaCluster({ topics: [{ topic: 'orders', numPartitions: 3 }] });
const kafka = new Kafka({ brokers: cluster.brokers });
await kafka.producer().send({
  topic: 'orders',
  messages: [
    ...['alice', 'bob', 'carol', 'alice', 'dave', 'bob', 'alice'].map((key, i) => ({ key, value: `order-${i}` })),
    { value: 'no-key-1' }, { value: 'no-key-2' }, { value: 'no-key-3' },
  ],
});
for (let p = 0; p < 3; p++) {
  console.log(`p${p}:`, cluster.records('orders', p).map((r) => `${r.offset}=${r.key ?? '-'}/${r.value}`).join('  '));
}

// A group of two consumers: each partition has exactly one owner in the group.
for (const name of ['billing-a', 'billing-b']) {
  const consumer = new Kafka({ clientId: name, brokers: cluster.brokers }).consumer({ groupId: 'billing' });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => console.log(`${name} owns`, JSON.stringify(payload.memberAssignment)));
  await consumer.connect();
  await consumer.subscribe({ topics: ['orders'], fromBeginning: true }); // the default would skip what is already there
  await consumer.run({ eachMessage: async () => {} }); // auto-commit: commits after each batch
}
await cluster.drain(); // run() returned at once; the simulated consumers do their work here

// The committed offset is the NEXT offset to read, not the last one read.
for (const { partition, offset } of cluster.committed('billing')) {
  console.log(`committed p${partition} -> ${offset} (last record read: ${offset - 1})`);
}
console.log(`group 'billing' commits to __consumer_offsets partition ${offsetsPartitionFor('billing')} of 50`);
recordPartitions(cluster, 'orders after the drain');
