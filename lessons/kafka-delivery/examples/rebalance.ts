import { describeDiff, deliveriesFromStore, diffDeliveries, Kafka, KafkaCluster, recordRebalance, type StoreClient } from '@sai/kafka';

// Two members share 2 partitions. One dies just before the group's 3rd commit (after its write) and stays down.
const cluster = new KafkaCluster({ crashes: [{ call: 'commitOffsets', nth: 3, when: 'before' }] });
cluster.createTopic({ topic: 'events', numPartitions: 2 });
const messages = Array.from({ length: 20 }, (_, i) => ({ value: `e${String(i).padStart(3, '0')}`, partition: i % 2 }));
await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'events', messages });

// An at-least-once sink: write each batch (5 events), then commit the next offset to read.
let uploads = 0; // a fresh object name per upload, like a timestamp or a UUID
const writtenUpTo: { topic: string; partition: number; offset: number }[] = []; // next offset after each write
for (const name of ['a', 'b']) {
  cluster.start(name, async (kafka: Kafka, store: StoreClient) => {
    const consumer = kafka.consumer({ groupId: 'archiver', maxBytesPerPartition: 20 });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      const last = cluster.rebalances().at(-1)!;
      if (last.cause === 'expire') recordRebalance(cluster, last, { previousPositions: writtenUpTo });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: ['events'], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const body = batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset }));
        const next = Number(batch.lastOffset()) + 1;
        await store.put(`events/${batch.partition}/upload-${++uploads}`, body);
        writtenUpTo.push({ topic: 'events', partition: batch.partition, offset: next });
        console.log(`${cluster.now} ms: ${name} wrote p${batch.partition} ${batch.firstOffset()}-${batch.lastOffset()}`);
        await consumer.commitOffsets([{ topic: 'events', partition: batch.partition, offset: String(next) }]);
      },
    });
  });
}
await cluster.drain();

for (const r of cluster.rebalances()) {
  const moved = r.moves.map((m) => `p${m.partition} ${m.from ?? '-'} -> ${m.to ?? '-'}`).join(', ');
  console.log(`${r.time} ms: ${r.cause} of ${r.members.join(', ')}, generation ${r.generationId}: ${moved}`);
}
console.log('sink vs log:', describeDiff(diffDeliveries(cluster, ['events'], deliveriesFromStore(cluster, 'events'))));
