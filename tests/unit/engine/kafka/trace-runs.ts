/**
 * Small real runs for the trace producers and their pictures: a topic of 2 partitions with 10
 * records each, read in batches of 5 (values of 4 characters, maxBytesPerPartition 20) by a sink
 * that writes each batch as one object, then commits the batch (at-least-once).
 */
import { Kafka, KafkaCluster, type Batch, type KafkaClusterOptions, type KafkaRebalanceTrace, type StoreClient } from '../../../../src/engine/kafka/index.ts';
import type { CrashPoint } from '../../../../src/engine/kernel/faults.ts';

export const TOPIC = 'events';
export const GROUP = 'sink';

/** `perPartition` records in each of `partitions` partitions, produced before any app starts. */
export async function produce(cluster: KafkaCluster, partitions = 2, perPartition = 10): Promise<void> {
  cluster.createTopic({ topic: TOPIC, numPartitions: partitions });
  const producer = new Kafka({ brokers: cluster.brokers }).producer();
  for (let partition = 0; partition < partitions; partition++) {
    const messages = Array.from({ length: perPartition }, (_, i) => ({ value: `${i % 10}...`.slice(0, 4), partition }));
    await producer.send({ topic: TOPIC, messages });
  }
}

export interface SinkOptions {
  /** Called inside the handler, before the batch is written. */
  beforeWrite?: (batch: Batch) => void;
  /** Commit the batch before writing it (at-most-once); default false. */
  commitFirst?: boolean;
  /** Partitions whose batches are committed; default all. */
  commits?: (partition: number) => boolean;
  /** Called on the consumer's REBALANCING and GROUP_JOIN events. */
  onRebalancing?: () => void;
  onGroupJoin?: () => void;
}

/** The at-least-once sink: put(events/<partition>/<first offset>/upload-<n>), then commit the batch (or the other way round). */
export function batchSink(options: SinkOptions = {}) {
  let uploads = 0;
  return async (kafka: Kafka, store: StoreClient) => {
    const consumer = kafka.consumer({ groupId: GROUP, maxBytesPerPartition: 20 });
    if (options.onRebalancing) consumer.on(consumer.events.REBALANCING, options.onRebalancing);
    if (options.onGroupJoin) consumer.on(consumer.events.GROUP_JOIN, options.onGroupJoin);
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        options.beforeWrite?.(batch);
        const key = `${TOPIC}/${batch.partition}/${batch.firstOffset()}/upload-${++uploads}`;
        const write = () => store.put(key, batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset })));
        const commit = async () => {
          if (options.commits && !options.commits(batch.partition)) return;
          await consumer.commitOffsets([{ topic: TOPIC, partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }]);
        };
        if (options.commitFirst) {
          await commit();
          await write();
        } else {
          await write();
          await commit();
        }
      },
    });
  };
}

/** A cluster with the records produced and the sink started as 'app'; drain it to run. */
export async function sinkRun(options: SinkOptions & { crashes?: CrashPoint[]; cluster?: KafkaClusterOptions } = {}): Promise<KafkaCluster> {
  const cluster = new KafkaCluster({ ...options.cluster, crashes: options.crashes });
  await produce(cluster);
  cluster.start('app', batchSink(options) as never);
  return cluster;
}

/**
 * App 'app' reads both partitions but commits only p0; while it writes its first batch it starts app
 * 'b', whose join is a rebalance. 'app' notices it at a heartbeat, after it has read everything:
 * p1 (read up to 10, nothing committed) goes to 'b', which reads it again from the log start.
 */
export async function joinWhileUncommitted(trace: (cluster: KafkaCluster) => KafkaRebalanceTrace): Promise<{ cluster: KafkaCluster; atRebalancing: KafkaRebalanceTrace[] }> {
  const atRebalancing: KafkaRebalanceTrace[] = [];
  let started = false;
  const cluster: KafkaCluster = await sinkRun({
    commits: (partition) => partition === 0,
    beforeWrite: () => {
      if (started) return;
      started = true;
      cluster.start('b', batchSink() as never);
    },
    onRebalancing: () => atRebalancing.push(trace(cluster)),
  });
  return { cluster, atRebalancing };
}
