/**
 * Committed offsets. A group's commit is not kept in a side table: it is a record appended to the
 * internal `__consumer_offsets` topic, keyed by (group, topic, partition), and the latest record for
 * a key wins (the topic is compacted in Kafka). The committed offset is the offset of the *next*
 * record the group will read, not of the last one it processed.
 *
 * Which partition of `__consumer_offsets` holds a group: Kafka's group coordinator computes
 * `Utils.abs(groupId.hashCode()) % numPartitions` (GroupCoordinatorService.partitionFor, and
 * GroupMetadataManager.partitionFor before it) with Java's String.hashCode, not murmur2, so that
 * is what is done here.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Broker } from './broker.ts';

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';
/** Kafka's offsets.topic.num.partitions default. */
export const DEFAULT_OFFSETS_TOPIC_PARTITIONS = 50;

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read. */
  offset: number;
}

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in int arithmetic. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Math.abs, except Integer.MIN_VALUE (whose Java abs stays negative) gives 0. */
export function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** The `__consumer_offsets` partition that holds a group's commits. */
export function offsetsPartitionFor(groupId: string, numPartitions: number = DEFAULT_OFFSETS_TOPIC_PARTITIONS): number {
  return kafkaAbs(javaStringHashCode(groupId)) % numPartitions;
}

/** The key of a commit record: (group, topic, partition), as JSON so no name can collide with another. */
function commitKey(groupId: string, topic: string, partition: number): string {
  return JSON.stringify([groupId, topic, partition]);
}

export class ConsumerOffsets {
  readonly #broker: Broker;
  readonly #partitions: number;

  /** @internal Made by the Broker, which owns `__consumer_offsets`. */
  constructor(broker: Broker, partitions: number) {
    this.#broker = broker;
    this.#partitions = partitions;
    sealInstance(this, new.target, ConsumerOffsets);
  }

  /** The `__consumer_offsets` partition of a group. */
  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.#partitions);
  }

  /** Commits a group's next offsets to read: one record per partition, appended together. */
  commit(groupId: string, offsets: readonly TopicPartitionOffset[]): void {
    checkGroupId(groupId);
    const records = offsets.map(({ topic, partition, offset }) => {
      this.#broker.log(topic, partition); // throws for an unknown topic or partition, naming what exists
      if (!Number.isInteger(offset) || offset < 0) {
        throw new Error(`Group "${groupId}" cannot commit offset ${String(offset)} for ${topic}-${partition}: an offset is a whole number of 0 or more.`);
      }
      return { key: commitKey(groupId, topic, partition), value: JSON.stringify({ offset }) };
    });
    if (records.length > 0) this.#broker.append(CONSUMER_OFFSETS_TOPIC, this.partitionFor(groupId), records);
  }

  /** The group's committed offset for a partition (the next to read), or undefined if it never committed one. */
  committed(groupId: string, topic: string, partition: number): number | undefined {
    checkGroupId(groupId);
    const key = commitKey(groupId, topic, partition);
    const records = this.#groupRecords(groupId);
    // The latest record for the key wins: read the group's partition from its end.
    for (let i = records.length - 1; i >= 0; i--) {
      if (records[i].key === key) return decodeOffset(records[i].value);
    }
    return undefined;
  }

  /** Every partition the group has committed, with its latest committed offset, by topic then partition. */
  committedOffsets(groupId: string): TopicPartitionOffset[] {
    checkGroupId(groupId);
    const latest = new Map<string, TopicPartitionOffset>();
    for (const record of this.#groupRecords(groupId)) {
      const [group, topic, partition] = JSON.parse(record.key as string) as [string, string, number];
      if (group === groupId) latest.set(record.key as string, { topic, partition, offset: decodeOffset(record.value) });
    }
    return [...latest.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  #groupRecords(groupId: string) {
    const partition = this.partitionFor(groupId);
    return this.#broker.fetch(CONSUMER_OFFSETS_TOPIC, partition, 0);
  }
}

freezeClass(ConsumerOffsets);

function decodeOffset(value: unknown): number {
  return (JSON.parse(value as string) as { offset: number }).offset;
}

function checkGroupId(groupId: string): void {
  if (typeof groupId !== 'string' || groupId === '') throw new Error(`A group id must be a non-empty string, got ${JSON.stringify(groupId)}.`);
}
