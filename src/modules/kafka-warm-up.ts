/**
 * What a fresh worker runs once for '@sai/kafka' before it says it is ready: a producer, a consumer
 * group with a sink through a drain, and one crash point, so the learner's first Run finds the
 * client, the simulation and the crash explorer compiled.
 */
export const KAFKA_WARM_UP = [
  "import { Kafka, KafkaCluster, runScenario } from '@sai/kafka';",
  "const cluster = new KafkaCluster({ topics: [{ topic: 'warm', numPartitions: 2 }] });",
  "const kafka = new Kafka({ clientId: 'warm-up', brokers: cluster.brokers });",
  "await kafka.producer().send({ topic: 'warm', messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { value: '3' }] });",
  "const consumer = kafka.consumer({ groupId: 'warm' });",
  "await consumer.subscribe({ topics: ['warm'], fromBeginning: true });",
  'await consumer.run({ eachMessage: async ({ message }) => void message.offset });',
  'await cluster.drain();',
  'await runScenario({',
  "  setup: async (c) => { c.createTopic({ topic: 'w', numPartitions: 1 }); await new Kafka({ brokers: c.brokers }).producer().send({ topic: 'w', messages: [{ value: 'x' }] }); },",
  '  app: async (k, store) => {',
  "    const c = k.consumer({ groupId: 'w' });",
  "    await c.subscribe({ topics: ['w'], fromBeginning: true });",
  "    await c.run({ eachBatch: async ({ batch }) => { await store.put('w/' + batch.firstOffset(), batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset }))); } });",
  '  },',
  "}, [{ call: 'put', nth: 1, when: 'after', restartAfter: 100 }]);",
].join('\n');
