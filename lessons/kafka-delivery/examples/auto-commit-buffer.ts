import { describeDiff, deliveriesFromStore, diffDeliveries, Kafka, KafkaCluster, recordPartitions, type StoreClient } from '@sai/kafka';

// The app crashes right after its first commit; a supervisor restarts it one second later.
const cluster = new KafkaCluster({ crashes: [{ call: 'commitOffsets', nth: 1, when: 'after', restartAfter: 1000 }] });
cluster.createTopic({ topic: 'clicks', numPartitions: 1 });
const clicks = Array.from({ length: 20 }, (_, i) => ({ value: `c${String(i).padStart(3, '0')}` }));
await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'clicks', messages: clicks });

// eachMessage buffers 10 clicks, then writes them as one object. Auto-commit is on: the KafkaJS default.
let life = 0;
cluster.start('clicks-archiver', async (kafka: Kafka, store: StoreClient) => {
  const me = `life ${++life}`;
  const buffer: { partition: number; offset: string }[] = [];
  const consumer = kafka.consumer({ groupId: 'archiver', maxBytesPerPartition: 20 }); // fetches of 5 clicks
  consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
    const [{ partitions: [{ offset }] }] = event.payload.topics as { partitions: { offset: string }[] }[];
    console.log(`${me}: committed ${offset}; buffer holds ${buffer.map((m) => m.offset).join(',') || 'nothing'}`);
    if (life === 1) recordPartitions(cluster, 'life 1, at its first commit');
  });
  await consumer.connect();
  await consumer.subscribe({ topics: ['clicks'], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      buffer.push({ partition, offset: message.offset });
      if (buffer.length < 10) return;
      const body = buffer.splice(0);
      await store.put(`clicks/${body[0].offset}`, body);
      console.log(`${me}: wrote ${body[0].offset}-${body[9].offset}`);
    },
  });
});
await cluster.drain();

console.log('committed:', cluster.committed('archiver').map((c) => `p${c.partition} -> ${c.offset}`).join(', '));
console.log('sink vs log:', describeDiff(diffDeliveries(cluster, ['clicks'], deliveriesFromStore(cluster, 'clicks'))));
recordPartitions(cluster, 'after the drain');
