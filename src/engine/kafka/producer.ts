/**
 * The producer core: places each message with the default partitioner (unless it names a partition),
 * appends each partition's messages in one batch, and answers like KafkaJS's `send`: one
 * RecordMetadata per partition written, in partition order (KafkaJS groups a send's messages by
 * partition in an object keyed by partition number, which JavaScript iterates in ascending order),
 * with the batch's base offset as a string. acks=all on one broker: a returned send is written.
 * Synchronous here; the KafkaJS-like client wraps it in the simulation's async calls.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Broker } from './broker.ts';
import type { KeyBytes } from './murmur2.ts';
import { DefaultPartitioner } from './partitioner.ts';
import type { Headers, Payload, RecordInput } from './partition-log.ts';

export interface Message {
  key?: KeyBytes | null;
  value: Payload;
  headers?: Headers;
  partition?: number | null;
}

export interface ProducerRecord {
  topic: string;
  messages: readonly Message[];
}

/** KafkaJS's RecordMetadata for a produce request answered without error. */
export interface RecordMetadata {
  topicName: string;
  partition: number;
  errorCode: number;
  /** The offset of the first message written to this partition by this send. */
  baseOffset: string;
  /** '-1': the broker keeps the producer's CreateTime rather than stamping LogAppendTime. */
  logAppendTime: string;
  /** '0': nothing is ever deleted from a simulated log. */
  logStartOffset: string;
}

export interface ProducerOptions {
  /** Default: a DefaultPartitioner seeded from the current run. */
  partitioner?: DefaultPartitioner;
}

export class Producer {
  readonly #broker: Broker;
  readonly #partitioner: DefaultPartitioner;

  constructor(broker: Broker, options: ProducerOptions = {}) {
    this.#broker = broker;
    this.#partitioner = options.partitioner ?? new DefaultPartitioner();
    sealInstance(this, new.target, Producer);
  }

  /** Writes the messages; returns one RecordMetadata per partition written, by partition. */
  send({ topic, messages }: ProducerRecord): RecordMetadata[] {
    const numPartitions = this.#broker.partitionCount(topic); // throws for an unknown topic
    if (!Array.isArray(messages) || messages.length === 0) {
      throw new Error(`send to "${topic}" needs a non-empty array of messages.`);
    }
    const byPartition = new Map<number, RecordInput[]>();
    for (const message of messages) {
      const partition = this.#partitioner.partition({ topic, numPartitions, key: message.key, partition: message.partition });
      this.#broker.log(topic, partition); // an explicit partition must exist: fail before anything is written
      const batch = byPartition.get(partition) ?? [];
      batch.push({ key: message.key ?? null, value: message.value, headers: message.headers });
      byPartition.set(partition, batch);
    }
    return [...byPartition.keys()]
      .sort((a, b) => a - b)
      .map((partition) => ({
        topicName: topic,
        partition,
        errorCode: 0,
        baseOffset: String(this.#broker.append(topic, partition, byPartition.get(partition)!)),
        logAppendTime: '-1',
        logStartOffset: '0',
      }));
  }
}

freezeClass(Producer);
