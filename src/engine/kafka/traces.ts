/**
 * The Kafka trace kinds, plain data that crosses a worker boundary unchanged (change a shape, bump
 * its version: readers refuse versions they do not know):
 *   - 'kafka-partitions': per partition, the log's offsets with the three markers per group that
 *     people mix up (position = resolved, committed = next to read after a restart, high watermark),
 *     the batch in flight, and the objects a sink wrote, labelled with their offset ranges;
 *   - 'kafka-crash-map': every crash point of a consumer's timeline and what it did to the sink
 *     (exact / duplicate / lost, with the offsets), one of them highlighted when a check failed there;
 *   - 'kafka-rebalance': a group before and after a rebalance, which partitions moved and which
 *     uncommitted ranges their new owner will read again.
 */
export const KAFKA_PARTITIONS_TRACE_KIND = 'kafka-partitions';
export const KAFKA_PARTITIONS_TRACE_VERSION = 1;
export const KAFKA_CRASH_MAP_TRACE_KIND = 'kafka-crash-map';
export const KAFKA_CRASH_MAP_TRACE_VERSION = 1;
export const KAFKA_REBALANCE_TRACE_KIND = 'kafka-rebalance';
export const KAFKA_REBALANCE_TRACE_VERSION = 1;

export interface OffsetSpan {
  /** First offset, inclusive. */
  from: number;
  /** Last offset, inclusive. */
  to: number;
}

export interface GroupMarkers {
  groupId: string;
  /** Who owns the partition now (member id), or null. */
  owner: string | null;
  /** False when the owner's process is down (crashed, its session not yet expired) or no consumer of this run is that member. */
  ownerLive: boolean;
  /** Resolved position: the next offset the owner will fetch. Null when the owner has not fetched yet. */
  position: number | null;
  /** Committed offset: where any owner starts after a restart or rebalance. Null: nothing committed. */
  committed: number | null;
  /** The batch being handled right now, if any. */
  inFlight: OffsetSpan | null;
}

/** An object of the store, for one partition (an object holding records of several partitions is listed once per partition). */
export interface SinkObject {
  key: string;
  topic: string;
  partition: number;
  /** The offsets the object holds, as ranges (usually one). */
  spans: OffsetSpan[];
  /** Its records of this partition (more than the spans cover when it holds an offset twice). */
  records: number;
  /** How many of its records the sink holds more than once (in another object, or twice in this one). */
  duplicates: number;
}

export interface PartitionStrip {
  topic: string;
  partition: number;
  /** The offset the next record will get: offsets 0 .. highWatermark - 1 exist. */
  highWatermark: number;
  groups: GroupMarkers[];
}

export interface KafkaPartitionsTrace {
  kind: typeof KAFKA_PARTITIONS_TRACE_KIND;
  version: typeof KAFKA_PARTITIONS_TRACE_VERSION;
  /** e.g. "After the drain" or "At the crash: after put(events/0/5)". */
  title: string;
  /** Virtual ms of the snapshot. */
  time: number;
  partitions: PartitionStrip[];
  objects: SinkObject[];
  /** Keys of objects that do not hold a list of records with partition and offset (not drawn). */
  unreadable: string[];
}

export type CrashVerdict = 'exact' | 'duplicate' | 'lost' | 'lost+duplicate';

export interface CrashCall {
  /** e.g. 'commitOffsets(p0 -> 5)'. */
  label: string;
  /** The call's name: 'fetch', 'eachBatch', 'put', 'commitOffsets', ... */
  call: string;
  /** Virtual ms. */
  time: number;
}

export interface CrashMapPoint {
  /** Index into `calls`. */
  callIndex: number;
  when: 'before' | 'after';
  verdict: CrashVerdict;
  /** "crash after put(events/0/0), before commitOffsets(p0 -> 5)". */
  description: string;
  /** 'p0:0-4' or ''. */
  lost: string;
  duplicated: string;
  /** How many records were lost, and how many extra copies were written. */
  lostRecords: number;
  duplicatedRecords: number;
}

export interface KafkaCrashMapTrace {
  kind: typeof KAFKA_CRASH_MAP_TRACE_KIND;
  version: typeof KAFKA_CRASH_MAP_TRACE_VERSION;
  title: string;
  /** The clean run's crashable calls, in order: the consumer's timeline. */
  calls: CrashCall[];
  /** What the run without any crash did; anything but exact makes every crash point moot. */
  clean: { verdict: CrashVerdict; lost: string; duplicated: string };
  points: CrashMapPoint[];
  /** Index into `points` of the crash point a check failed at, or null. */
  highlight: number | null;
  /** Double crash points, when explored: how many runs ended which way. */
  pairs: { runs: number; exact: number; duplicate: number; lost: number } | null;
}

export interface RebalancePartition {
  topic: string;
  partition: number;
  from: string | null;
  to: string | null;
  /**
   * Where the new owner starts: the committed offset (or the reset position when none); null when
   * the trace was made after the new owner began reading (its commits since hide where it started).
   */
  start: number | null;
  /** 'committed', or without a commit where auto.offset.reset sends it: the log start or the high watermark. */
  startSource: 'committed' | 'log-start' | 'high-watermark' | null;
  /** The previous owner's position (resolved), if it had one. */
  previousPosition: number | null;
  /** What the new owner reads again: [start, previousPosition - 1], or null. */
  reread: OffsetSpan | null;
  /** What no owner reads: [previousPosition, start - 1] (a reset to the high watermark past it), or null. */
  skipped: OffsetSpan | null;
}

export interface KafkaRebalanceTrace {
  kind: typeof KAFKA_REBALANCE_TRACE_KIND;
  version: typeof KAFKA_REBALANCE_TRACE_VERSION;
  groupId: string;
  cause: 'join' | 'leave' | 'expire';
  /** The members that joined, left or expired. */
  changed: string[];
  time: number;
  generation: { from: number; to: number };
  before: { member: string; partitions: { topic: string; partition: number }[] }[];
  after: { member: string; partitions: { topic: string; partition: number }[] }[];
  /** Every partition of the group's topics, moved or not. */
  partitions: RebalancePartition[];
}

export type KafkaTrace = KafkaPartitionsTrace | KafkaCrashMapTrace | KafkaRebalanceTrace;
