/**
 * One consumer's offsets for one generation, as KafkaJS 2.2.4's OffsetManager
 * (src/consumer/offsetManager/index.js); KafkaJS builds a new one on every (re)join, so a rebalance
 * drops whatever was resolved but not committed and the next owner resumes from the committed offset.
 * Per assigned partition it keeps:
 *   - the resolved position: `resolveOffset(o)` *sets* it to o + 1 (an assignment: resolving an
 *     earlier offset moves it back);
 *   - KafkaJS's committed-offset cache: the group's committed offset, or, when the group has none,
 *     the start offset (log start or high watermark) read when first resolved (resolveOffsets +
 *     initializeConsumerOffsets). This start offset is *not* written to the broker.
 * nextOffset = resolved, else the cache; like KafkaJS it copies the cache into the resolved slot.
 *
 * Offsets cross the API as KafkaJS's strings ('41') and are numbers inside; callers' values are read
 * as Long.fromValue reads them (long-offset.ts). KafkaJS decides "uncommitted" with `!==` between
 * the resolved value and the cached one: equal strings match, but a commit through
 * consumer.commitOffsets caches a Long object, which never equals a string, so that partition counts
 * as uncommitted until the next resolve-and-commit (a redundant commit, modelled with `token`).
 *
 * Pure and synchronous: the caller passes virtual time `now`; the KafkaJS-like client wraps it.
 * Simplified: setDefaultOffset (the OffsetOutOfRange recovery) commits the offset it resets to, where
 * KafkaJS commits the sentinel -2 (earliest) or -1 (latest) and resolves it on the next fetch.
 * Not modelled: the coordinator's generation check on commit, commit metadata, and eachBatch's
 * commitOffsetsIfNecessary(offsets) raw shape.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { autoCommitDue, type AutoCommitSettings } from './auto-commit.ts';
import type { Broker } from './broker.ts';
import { offsetFromValue, type OffsetInput } from './long-offset.ts';
import type { TopicPartition } from './round-robin-assignor.ts';
import { startOffset, type StartSource } from './start-offsets.ts';

export interface OffsetManagerOptions extends Partial<AutoCommitSettings> {
  broker: Broker;
  groupId: string;
  memberId: string;
  generationId: number;
  /** This member's partitions in this generation. */
  assignment: readonly TopicPartition[];
  /** Default true, as consumer.run's. */
  autoCommit?: boolean;
  /** Per topic (as subscribe({ topics, fromBeginning }) sets it) or for all; default false. */
  fromBeginning?: boolean | Readonly<Record<string, boolean>>;
  /** Virtual ms of the join: KafkaJS starts `lastCommit` at the manager's creation. */
  now: number;
}

/** KafkaJS's shape. `partition` is a *string* here, as at KafkaJS's runtime (Object.keys), despite its types. */
export interface UncommittedOffsets {
  readonly topics: readonly {
    readonly topic: string;
    readonly partitions: readonly { readonly partition: string; readonly offset: string }[];
  }[];
}

/** What a commit sent (KafkaJS's COMMIT_OFFSETS event payload, offsets as strings). */
export interface CommitPayload {
  readonly groupId: string;
  readonly memberId: string;
  readonly groupGenerationId: number;
  readonly topics: readonly {
    readonly topic: string;
    readonly partitions: readonly { readonly partition: string | number; readonly offset: string }[];
  }[];
}

/** consumer.commitOffsets' argument: the *next* offset to read. */
export interface CommitRequest {
  topic: string;
  partition: number;
  offset: OffsetInput;
}

/** A cached or resolved offset; `token` stands for the JavaScript value KafkaJS compares with `!==`. */
interface Slot {
  readonly offset: number;
  readonly token: string | object;
}

const stringSlot = (offset: number): Slot => ({ offset, token: String(offset) });

export class OffsetManager {
  readonly groupId: string;
  readonly memberId: string;
  readonly generationId: number;
  readonly assignment: readonly TopicPartition[];
  readonly autoCommit: boolean;
  readonly autoCommitInterval: number | null;
  readonly autoCommitThreshold: number | null;
  readonly #options: OffsetManagerOptions;
  readonly #broker: Broker;
  /** Topics in assignment order (KafkaJS's keys(memberAssignment)), each its partitions' slots. */
  readonly #resolved = new Map<string, Map<number, Slot>>();
  readonly #committed = new Map<string, Map<number, Slot & { source: StartSource | 'commit' }>>();
  /** Topic and partition of each assigned partition, for the check every resolve makes. */
  readonly #owned: Set<string>;
  #lastCommit: number;

  constructor(options: OffsetManagerOptions) {
    const { broker, groupId, memberId, generationId, assignment, now } = options;
    checkTime(now);
    this.#options = options;
    this.#broker = broker;
    this.groupId = groupId;
    this.memberId = memberId;
    this.generationId = generationId;
    this.assignment = Object.freeze(assignment.map(({ topic, partition }) => Object.freeze({ topic, partition })));
    this.autoCommit = options.autoCommit ?? true;
    this.autoCommitInterval = options.autoCommitInterval ?? null;
    this.autoCommitThreshold = options.autoCommitThreshold ?? null;
    this.#lastCommit = now;
    this.#owned = new Set(this.assignment.map(({ topic, partition }) => `${topic}\u0000${partition}`));
    for (const { topic } of this.assignment) {
      this.#resolved.set(topic, new Map());
      this.#committed.set(topic, new Map());
    }
    sealInstance(this, new.target, OffsetManager);
  }

  /** Virtual ms of the last commit call (even one with nothing to commit), or of creation. */
  get lastCommit(): number {
    return this.#lastCommit;
  }

  /**
   * The manager of the next generation (KafkaJS: a rejoin runs `new OffsetManager`): same settings,
   * no resolved positions and a fresh cache, so it resumes from the broker's committed offsets.
   */
  rejoin({ generationId, assignment, now, memberId = this.memberId }: { generationId: number; assignment: readonly TopicPartition[]; now: number; memberId?: string }): OffsetManager {
    return new OffsetManager({ ...this.#options, generationId, assignment, now, memberId });
  }

  /**
   * Fills the cache for assigned partitions that have none: the group's committed offset, else the
   * start offset (KafkaJS runs this before every fetch; nextOffset calls it).
   */
  resolveOffsets(): void {
    for (const { topic, partition } of this.assignment) {
      const cache = this.#committed.get(topic)!;
      if (cache.has(partition)) continue;
      const start = startOffset(this.#broker, this.groupId, { topic, partition }, this.#fromBeginning(topic));
      cache.set(partition, { ...stringSlot(start.offset), source: start.source });
    }
  }

  /** Where the next fetch of the partition starts: resolved, else the cached committed/start offset. */
  nextOffset(topic: string, partition: number): number {
    this.#assigned(topic, partition);
    this.resolveOffsets();
    const resolved = this.#resolved.get(topic)!;
    // KafkaJS copies the cache into the resolved slot here, so the position sticks from now on.
    if (!resolved.has(partition)) resolved.set(partition, this.#committed.get(topic)!.get(partition)!);
    return resolved.get(partition)!.offset;
  }

  /** Marks `offset` processed: the resolved position becomes offset + 1 (set, not max). */
  resolveOffset({ topic, partition, offset }: { topic: string; partition: number; offset: OffsetInput }): void {
    this.#assigned(topic, partition);
    this.#resolved.get(topic)!.set(partition, stringSlot(offsetFromValue(offset) + 1));
  }

  /**
   * KafkaJS's answer to OFFSET_OUT_OF_RANGE (a fetch past the log end, e.g. after committing
   * '41' + 1 = '411'): the partition starts again from the log start (fromBeginning) or the high
   * watermark, that offset is committed, and the partition's positions are forgotten.
   */
  setDefaultOffset(topic: string, partition: number): void {
    this.#assigned(topic, partition);
    const offset = this.#fromBeginning(topic) ? 0 : this.#broker.highWatermark(topic, partition);
    this.#broker.offsets.commit(this.groupId, [{ topic, partition, offset }]);
    this.#resolved.get(topic)!.delete(partition);
    this.#committed.get(topic)!.delete(partition);
  }

  /** Puts the resolved position back to the cached committed offset (KafkaJS's resetOffset). */
  resetOffset({ topic, partition }: TopicPartition): void {
    this.#assigned(topic, partition);
    const cached = this.#committed.get(topic)!.get(partition);
    if (cached) this.#resolved.get(topic)!.set(partition, cached);
    else this.#resolved.get(topic)!.delete(partition);
  }

  /**
   * consumer.seek as the fetch applies it (offsetManager.seek): with autoCommit the sought offset is
   * committed at once and the partition's positions forgotten, so the next fetch reads the commit;
   * without, the position is resolved to offset - 1 (the next fetch starts at offset). Returns what
   * was committed, if anything. Unassigned partitions are ignored, as in KafkaJS.
   */
  seek(now: number, { topic, partition, offset }: { topic: string; partition: number; offset: OffsetInput }): CommitPayload | null {
    checkTime(now);
    if (!this.assignment.some((tp) => tp.topic === topic && tp.partition === partition)) return null;
    const value = offsetFromValue(offset);
    if (!this.autoCommit) {
      this.resolveOffset({ topic, partition, offset: value - 1 });
      return null;
    }
    if (value < 0) {
      // EARLIEST (-2) or LATEST (-1): KafkaJS commits the sentinel, which the next fetch reads as no
      // valid commit, so the partition starts again where the subscription's fromBeginning says.
      this.setDefaultOffset(topic, partition);
      return null;
    }
    this.#broker.offsets.commit(this.groupId, [{ topic, partition, offset: value }]);
    this.#resolved.get(topic)!.delete(partition);
    this.#committed.get(topic)!.delete(partition);
    const partitions = Object.freeze([Object.freeze({ partition, offset: String(value) })]);
    return Object.freeze({ groupId: this.groupId, memberId: this.memberId, groupGenerationId: this.generationId, topics: Object.freeze([Object.freeze({ topic, partitions })]) });
  }

  /** The resolved position (the next offset to read once resolved), or undefined. */
  position(topic: string, partition: number): number | undefined {
    return this.#resolved.get(topic)?.get(partition)?.offset;
  }

  /** The cached committed offset (or start offset when the group had none), or undefined before resolveOffsets. */
  committed(topic: string, partition: number): number | undefined {
    return this.#committed.get(topic)?.get(partition)?.offset;
  }

  /** KafkaJS's countResolvedOffsets: sum of resolved - committed (resolved alone without a valid commit). */
  countResolvedOffsets(): number {
    let sum = 0;
    for (const [topic, slots] of this.#resolved) {
      for (const [partition, slot] of slots) {
        const committed = this.#committed.get(topic)!.get(partition);
        sum += committed === undefined || committed.offset < 0 ? slot.offset : slot.offset - committed.offset;
      }
    }
    return sum;
  }

  /** Resolved positions that differ from the cache (and are not negative), by assigned topic, partitions ascending. */
  uncommittedOffsets(): UncommittedOffsets {
    const topics = [];
    for (const [topic, slots] of this.#resolved) {
      const cache = this.#committed.get(topic)!;
      const partitions = [...slots]
        .sort(([a], [b]) => a - b) // JavaScript orders an object's integer keys ascending
        .filter(([partition, slot]) => slot.token !== cache.get(partition)?.token && slot.offset >= 0)
        .map(([partition, slot]) => Object.freeze({ partition: String(partition), offset: String(slot.offset) }));
      if (partitions.length > 0) topics.push(Object.freeze({ topic, partitions: Object.freeze(partitions) }));
    }
    return Object.freeze({ topics: Object.freeze(topics) });
  }

  /**
   * Without offsets: commits every uncommitted resolved position (what auto-commit sends). With
   * offsets: consumer.commitOffsets, the next offsets to read, validated as KafkaJS validates them;
   * auto-commit settings are ignored and the resolved positions (what is fetched next) are untouched.
   * Returns what was sent, or null when there was nothing to send; either way `lastCommit` = now.
   */
  commitOffsets(now: number, offsets?: readonly CommitRequest[]): CommitPayload | null {
    checkTime(now);
    const explicit = offsets === undefined ? undefined : explicitCommits(offsets);
    const topics = explicit ?? this.uncommittedOffsets().topics;
    if (topics.length === 0) {
      this.#lastCommit = now;
      return null;
    }
    this.#broker.offsets.commit(
      this.groupId,
      topics.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition: Number(partition), offset: Number(offset) }))),
    );
    for (const { topic, partitions } of topics) {
      const cache = this.#committed.get(topic) ?? new Map();
      this.#committed.set(topic, cache);
      for (const { partition, offset } of partitions) {
        const p = Number(partition);
        // The auto path caches the resolved value itself; consumer.commitOffsets caches a Long object.
        const token = explicit ? {} : (this.#resolved.get(topic)!.get(p)!.token);
        cache.set(p, { offset: Number(offset), token, source: 'commit' });
      }
    }
    this.#lastCommit = now;
    return Object.freeze({ groupId: this.groupId, memberId: this.memberId, groupGenerationId: this.generationId, topics });
  }

  /** The interval/threshold rule (auto-commit.ts); does not look at autoCommit, as in KafkaJS. */
  commitOffsetsIfNecessary(now: number): CommitPayload | null {
    checkTime(now);
    const due = autoCommitDue(this, { lastCommit: this.#lastCommit, now, resolvedSinceCommit: this.countResolvedOffsets() });
    return due ? this.commitOffsets(now) : null;
  }

  /** runner.js autoCommitOffsets: after every batch, on a handler error and on a rebalance, if autoCommit. */
  autoCommitOffsets(now: number): CommitPayload | null {
    return this.autoCommit ? this.commitOffsets(now) : null;
  }

  /** runner.js autoCommitOffsetsIfNecessary: after each eachMessage, if autoCommit. */
  autoCommitOffsetsIfNecessary(now: number): CommitPayload | null {
    return this.autoCommit ? this.commitOffsetsIfNecessary(now) : null;
  }

  #fromBeginning(topic: string): boolean {
    const { fromBeginning = false } = this.#options;
    return typeof fromBeginning === 'boolean' ? fromBeginning : fromBeginning[topic] === true;
  }

  /** KafkaJS fails with a TypeError on an unassigned topic; the engine also refuses unassigned partitions. */
  #assigned(topic: string, partition: number): void {
    if (!this.#owned.has(`${topic}\u0000${partition}`)) {
      const owned = this.assignment.map((tp) => `${tp.topic}-${tp.partition}`).join(', ') || 'none';
      throw new Error(`Member "${this.memberId}" is not assigned ${String(topic)}-${String(partition)} in generation ${this.generationId}. Assigned: ${owned}.`);
    }
  }
}

freezeClass(OffsetManager);

/** consumer.commitOffsets' checks and grouping (src/consumer/index.js): by topic in first-seen order. */
function explicitCommits(offsets: readonly CommitRequest[]): CommitPayload['topics'] {
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) {
    if (!topic) throw new Error(`Invalid topic ${String(topic)}`);
    if (Number.isNaN(Number(partition))) throw new Error(`Invalid partition, expected a number received ${String(partition)}`);
    let value: number;
    try {
      value = offsetFromValue(offset);
    } catch {
      throw new Error(`Invalid offset, expected a long received ${String(offset)}`);
    }
    if (value < 0) throw new Error('Offset must not be a negative number');
    const list = byTopic.get(topic) ?? [];
    list.push(Object.freeze({ partition: Number(partition), offset: String(value) }));
    byTopic.set(topic, list);
  }
  return Object.freeze([...byTopic].map(([topic, partitions]) => Object.freeze({ topic, partitions: Object.freeze(partitions) })));
}

function checkTime(now: number): void {
  if (!Number.isFinite(now)) throw new Error(`now must be a virtual time in ms, got ${String(now)}.`);
}
