/**
 * Where a partition's new owner starts reading, and what a handover reads twice or never.
 *
 * KafkaJS 2.2.4 (OffsetManager.resolveOffsets, Cluster.fetchTopicsOffset): the group's committed
 * offset if it has one; otherwise `fromBeginning ? EARLIEST : LATEST`, i.e. the log start (0 here,
 * nothing is ever deleted) or the high watermark *at the moment the owner resolves it*. So by
 * default what was produced before the group first read a partition is skipped, and
 * fromBeginning changes nothing once the group has committed. Only the committed offset survives a
 * rebalance: the previous owner's resolved-but-uncommitted positions are dropped.
 */
import type { Broker } from './broker.ts';
import type { TopicPartition } from './round-robin-assignor.ts';

export type StartSource = 'committed' | 'log-start' | 'high-watermark';

export interface StartOffset extends TopicPartition {
  readonly offset: number;
  readonly source: StartSource;
}

/** The offset the owner of `tp` in `groupId` will read first. */
export function startOffset(broker: Broker, groupId: string, tp: TopicPartition, fromBeginning: boolean): StartOffset {
  const { topic, partition } = tp;
  const committed = broker.offsets.committed(groupId, topic, partition);
  if (committed !== undefined) return Object.freeze({ topic, partition, offset: committed, source: 'committed' });
  if (fromBeginning) return Object.freeze({ topic, partition, offset: 0, source: 'log-start' });
  return Object.freeze({ topic, partition, offset: broker.highWatermark(topic, partition), source: 'high-watermark' });
}

/** startOffset for each assigned partition, in the given order. */
export function startOffsets(broker: Broker, groupId: string, assigned: readonly TopicPartition[], fromBeginning: boolean): StartOffset[] {
  return assigned.map((tp) => startOffset(broker, groupId, tp, fromBeginning));
}

/** Offsets [from, to): from inclusive, to exclusive. */
export interface OffsetRange {
  readonly from: number;
  readonly to: number;
}

export interface Handover extends TopicPartition {
  /** Where the previous owner would have read next (its resolved position). */
  readonly previousPosition: number;
  /** Where the new owner starts. */
  readonly start: StartOffset;
  /** [start, previousPosition): read by the previous owner and again by the new one; null if none. */
  readonly reread: OffsetRange | null;
  /** [previousPosition, start): read by neither (a start at the high watermark past the old position); null if none. */
  readonly skipped: OffsetRange | null;
}

/**
 * Given the previous owner's positions (the next offset it would have read, resolved or not),
 * what the new owner reads again (re-read = [committed, previous position)) or never reads.
 */
export function handover(
  broker: Broker,
  groupId: string,
  previousPositions: readonly (TopicPartition & { offset: number })[],
  fromBeginning: boolean,
): Handover[] {
  return previousPositions.map(({ topic, partition, offset: previousPosition }) => {
    const start = startOffset(broker, groupId, { topic, partition }, fromBeginning);
    return Object.freeze({
      topic,
      partition,
      previousPosition,
      start,
      reread: start.offset < previousPosition ? Object.freeze({ from: start.offset, to: previousPosition }) : null,
      skipped: previousPosition < start.offset ? Object.freeze({ from: previousPosition, to: start.offset }) : null,
    });
  });
}
