/**
 * Scaffolding for the client tests: a cluster with one topic, records produced before the run,
 * a virtual-time sleep for apps (the client has none: real consumers just take time), and
 * recorders for what handlers saw and which events a consumer emitted.
 */
import { Kafka, KafkaCluster, type Consumer, type InstrumentationEvent, type KafkaClusterOptions } from '../../../../src/engine/kafka/index.ts';
import { clusterCore } from '../../../../src/engine/kafka/cluster.ts';

export const TOPIC = 'events';

/** A cluster with `events` (`partitions` partitions). */
export function makeCluster(partitions = 1, options: KafkaClusterOptions = {}): KafkaCluster {
  return new KafkaCluster({ ...options, topics: [{ topic: TOPIC, numPartitions: partitions }] });
}

/** Values `v<partition>-<i>` cut to 4 characters, so maxBytesPerPartition: 20 makes batches of 5. */
export function fourChars(partition: number, i: number): string {
  return `${partition}${i}`.padStart(4, '.');
}

/** Produces `count` records to one partition from set-up code (outside the simulation). */
export async function produce(cluster: KafkaCluster, count: number, partition = 0): Promise<void> {
  if (count === 0) return;
  const producer = new Kafka({ brokers: cluster.brokers }).producer();
  await producer.send({ topic: TOPIC, messages: Array.from({ length: count }, (_, i) => ({ value: fourChars(partition, i), partition })) });
}

/** Waits `ms` of virtual time inside the app process `app` (test scaffolding, not learner API). */
export function sleep(cluster: KafkaCluster, app: string, ms: number): Promise<void> {
  const simulation = clusterCore(cluster).simulation;
  const process = simulation.processes.find((p) => p.name === app);
  if (!process) throw new Error(`No process named ${app}.`);
  return simulation.sleep(process, ms);
}

/** One message a handler was given. */
export interface Seen {
  app: string;
  partition: number;
  offset: number;
  time: number;
}

export const offsetsOf = (seen: readonly Seen[], partition?: number): number[] =>
  seen.filter((s) => partition === undefined || s.partition === partition).map((s) => s.offset);

export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Every event of a consumer, in order, with its name and virtual time. */
export function recordEvents(consumer: Consumer, into: InstrumentationEvent[] = []): InstrumentationEvent[] {
  for (const type of Object.values(consumer.events)) consumer.on(type, (event) => void into.push(event));
  return into;
}

export const eventsOf = (events: readonly InstrumentationEvent[], type: string) => events.filter((e) => e.type === type);

/** The offsets a list of COMMIT_OFFSETS events committed for one partition, in order. */
export function committedOffsets(events: readonly InstrumentationEvent[], partition = 0, topic = TOPIC): number[] {
  const out: number[] = [];
  for (const event of eventsOf(events, 'consumer.commit_offsets')) {
    const topics = event.payload.topics as { topic: string; partitions: { partition: string | number; offset: string }[] }[];
    for (const t of topics) {
      if (t.topic !== topic) continue;
      for (const p of t.partitions) if (Number(p.partition) === partition) out.push(Number(p.offset));
    }
  }
  return out;
}

/** The group's committed offset of one partition (the next offset to read), or undefined. */
export function committed(cluster: KafkaCluster, groupId: string, partition = 0): number | undefined {
  return cluster.committed(groupId).find((c) => c.topic === TOPIC && c.partition === partition)?.offset;
}
