/**
 * The simulated broker: topics, each a fixed number of partition logs, and the internal
 * `__consumer_offsets` topic where groups' committed offsets live. One broker stands for the whole
 * cluster (no replication, no leaders to fail over): the lesson is about what consumers read and
 * commit, not about replicas.
 *
 * Timestamps come from a clock the owner passes in (a Simulation's virtual `now`), since the run
 * context has no clock of its own; without one, time is a counter that moves 1 ms per append, so
 * a run stamps the same times every time. Never the wall clock.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { ConsumerOffsets, CONSUMER_OFFSETS_TOPIC, DEFAULT_OFFSETS_TOPIC_PARTITIONS } from './offsets.ts';
import { PartitionLog, type LogRecord, type RecordInput } from './partition-log.ts';

export interface BrokerOptions {
  /** Virtual time in ms, e.g. `() => simulation.now`. Default: a counter, 1 ms per append. */
  clock?: () => number;
  /** Partitions of `__consumer_offsets` (Kafka's offsets.topic.num.partitions, default 50). */
  offsetsTopicPartitions?: number;
}

export interface TopicConfig {
  topic: string;
  /** Default 1, Kafka's num.partitions default. */
  numPartitions?: number;
}

/** Kafka's legal topic names: letters, digits, '.', '_' and '-', at most 249 characters. */
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

export class Broker {
  readonly #topics = new Map<string, PartitionLog[]>();
  readonly #clock: () => number;
  /** Groups' committed offsets, stored in `__consumer_offsets`. */
  readonly offsets: ConsumerOffsets;

  constructor(options: BrokerOptions = {}) {
    let tick = 0;
    this.#clock = options.clock ?? (() => tick++);
    const offsetsPartitions = options.offsetsTopicPartitions ?? DEFAULT_OFFSETS_TOPIC_PARTITIONS;
    this.#create(CONSUMER_OFFSETS_TOPIC, offsetsPartitions);
    this.offsets = new ConsumerOffsets(this, offsetsPartitions);
    sealInstance(this, new.target, Broker);
  }

  /** Creates a topic with `numPartitions` empty logs. */
  createTopic({ topic, numPartitions = 1 }: TopicConfig): void {
    if (typeof topic !== 'string' || !LEGAL_TOPIC.test(topic)) {
      throw new Error(`"${String(topic)}" is not a legal topic name: use 1 to 249 letters, digits, '.', '_' or '-'.`);
    }
    if (this.#topics.has(topic)) throw new Error(`Topic "${topic}" already exists. Topics: ${this.#names()}.`);
    if (!Number.isInteger(numPartitions) || numPartitions < 1) {
      throw new Error(`Topic "${topic}": numPartitions must be a whole number of at least 1, got ${String(numPartitions)}.`);
    }
    this.#create(topic, numPartitions);
  }

  /** Every topic's name, internal ones included, in the order they were created. */
  listTopics(): string[] {
    return [...this.#topics.keys()];
  }

  hasTopic(topic: string): boolean {
    return this.#topics.has(topic);
  }

  /** How many partitions a topic has. */
  partitionCount(topic: string): number {
    return this.#partitions(topic).length;
  }

  /** One partition's log (throws, naming what exists, for an unknown topic or partition). */
  log(topic: string, partition: number): PartitionLog {
    const logs = this.#partitions(topic);
    const log = Number.isInteger(partition) ? logs[partition] : undefined;
    if (!log) throw new Error(`Topic "${topic}" has partitions 0 to ${logs.length - 1}; there is no partition ${String(partition)}.`);
    return log;
  }

  /** Appends records to one partition, stamped with the clock's time; returns the base offset. */
  append(topic: string, partition: number, records: readonly RecordInput[]): number {
    return this.log(topic, partition).append(records, this.#clock());
  }

  /** The offset the partition's next record will get. */
  highWatermark(topic: string, partition: number): number {
    return this.log(topic, partition).highWatermark;
  }

  /** Up to `maxRecords` records of one partition from `fromOffset` on, in order. */
  fetch(topic: string, partition: number, fromOffset: number, maxRecords?: number): LogRecord[] {
    return this.log(topic, partition).fetch(fromOffset, maxRecords);
  }

  #create(topic: string, numPartitions: number): void {
    this.#topics.set(
      topic,
      Array.from({ length: numPartitions }, (_, p) => new PartitionLog(topic, p)),
    );
  }

  #partitions(topic: string): PartitionLog[] {
    const logs = this.#topics.get(topic);
    if (!logs) throw new Error(`Unknown topic "${String(topic)}". Topics: ${this.#names()}.`);
    return logs;
  }

  #names(): string {
    return this.listTopics().map((t) => `"${t}"`).join(', ');
  }
}

freezeClass(Broker);
