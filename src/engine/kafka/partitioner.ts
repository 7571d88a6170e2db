/**
 * The default partitioner, as KafkaJS's (after the Java client's DefaultPartitioner of 0.10.2):
 *   - a message that names a partition goes there;
 *   - a keyed message goes to toPositive(murmur2(key)) % numPartitions, so one key always lands on
 *     one partition (and its messages stay in order);
 *   - a keyless message goes round-robin: each topic has a counter that starts at a random 32-bit
 *     number, and every keyless message takes toPositive(++counter) % numPartitions.
 * KafkaJS draws the start from crypto random bytes; here it comes from the run's seed (one stream
 * per topic), so the same seed gives the same placement.
 */
import { deriveSeed, Random } from '../kernel/random.ts';
import { currentRun } from '../kernel/run-context.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { murmur2, toPositive, type KeyBytes } from './murmur2.ts';

/** The seeded stream the keyless counters' starts come from (any fixed number, distinct per use). */
const PARTITIONER_STREAM = 0x6b61666b; // 'kafk'

/** The partition of a keyed message: toPositive(murmur2(key)) % numPartitions. */
export function keyPartition(key: KeyBytes, numPartitions: number): number {
  checkPartitionCount(numPartitions);
  return toPositive(murmur2(key)) % numPartitions;
}

export interface PartitionRequest {
  topic: string;
  numPartitions: number;
  key?: KeyBytes | null;
  /** A partition the message names; it wins over the key. */
  partition?: number | null;
}

export class DefaultPartitioner {
  readonly seed: number;
  /** The keyless round-robin counter of each topic, as KafkaJS keeps one per topic. */
  readonly #counters = new Map<string, number>();
  /** murmur2 of recent string keys: producers send the same keys again and again. */
  readonly #hashes = new Map<string, number>();

  /** `seed` defaults to the current run's seed. */
  constructor(seed: number = currentRun().seed) {
    this.seed = seed | 0;
    sealInstance(this, new.target, DefaultPartitioner);
  }

  /** The partition a message goes to. */
  partition({ topic, numPartitions, key, partition }: PartitionRequest): number {
    checkPartitionCount(numPartitions);
    if (partition !== null && partition !== undefined) return partition;
    if (typeof key === 'string') return toPositive(this.#hash(key)) % numPartitions;
    if (key !== null && key !== undefined) return toPositive(murmur2(key)) % numPartitions;
    // Kept as an int32, like KafkaJS's counter after toPositive: it wraps instead of losing precision.
    const next = ((this.#counters.get(topic) ?? this.counterStart(topic)) + 1) | 0;
    this.#counters.set(topic, next);
    return toPositive(next) % numPartitions;
  }

  #hash(key: string): number {
    let hash = this.#hashes.get(key);
    if (hash === undefined) {
      if (this.#hashes.size >= 10_000) this.#hashes.clear();
      hash = murmur2(key);
      this.#hashes.set(key, hash);
    }
    return hash;
  }

  /** Where a topic's keyless counter starts (before the first ++): a 32-bit draw from the seed. */
  counterStart(topic: string): number {
    const random = new Random(deriveSeed(deriveSeed(this.seed, PARTITIONER_STREAM), murmur2(topic)));
    return random.int(2 ** 32) | 0;
  }
}

freezeClass(DefaultPartitioner);

function checkPartitionCount(numPartitions: number): void {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new Error(`The number of partitions must be a whole number of at least 1, got ${String(numPartitions)}.`);
  }
}
