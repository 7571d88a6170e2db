/**
 * What the checks of the sink exercises share. A sink is a learner's
 * `start(kafka, store, config)` that consumes topic 'events' and writes each batch to the object
 * store as one object (a list of records carrying partition, offset and value). Here:
 *   - generated logs (1-3 partitions, empty ones too, keyed and keyless records, values like '' and
 *     unicode) and batch sizes that split a partition or not;
 *   - the scenario around a sink (the config it gets, store writes that fail, a batch size that
 *     changes at a restart) and one run of it, with what it left behind;
 *   - the oracle of how a consumer cuts a partition into batches (maxBytesPerPartition, counted in
 *     characters as the engine does);
 *   - where a crash fell: the batch in flight, read from the clean run's calls;
 *   - expectations whose messages name the offsets, the batch and the rule broken.
 */
import { CheckFailure } from '../failure.ts';
import * as gen from '../generators.ts';
import type { Gen } from '../generators.ts';
import { show } from '../show.ts';
import type { CallRecord } from '../../engine/kernel/faults.ts';
import { Kafka, type StoreClient } from '../../engine/kafka/client.ts';
import { clusterCore, type KafkaCluster } from '../../engine/kafka/cluster.ts';
import type { ConsumerConfig } from '../../engine/kafka/consumer.ts';
import { runScenario, type CrashPointReport, type CrashReport, type CrashScenario, type ScenarioRun } from '../../engine/kafka/crash-explorer.ts';
import { describeDiff, offsetRanges, type PartitionOffsets } from '../../engine/kafka/delivery.ts';
import type { StoredObject } from '../../engine/kafka/object-store.ts';
import { expectAtEveryCrash, type CrashRule } from './crash-checks.ts';

export const EVENTS_TOPIC = 'events';
/** The group every sink is given in its config. */
export const SINK_GROUP = 'events-sink';

export interface EventRecord {
  readonly key: string | null;
  readonly value: string;
}

/** A topic's contents, partition by partition, and the consumer's maxBytesPerPartition. */
export interface SinkCase {
  readonly partitions: readonly (readonly EventRecord[])[];
  readonly maxBytes: number;
}

// ---------------------------------------------------------------------------------------------
// Generated logs

/** Values that catch code that trims, parses or rebuilds them: empty, unicode, a comma, quotes, look-alikes of null and 0. */
const VALUES: readonly string[] = ['click', 'view', '', 'ü', '日本語', '🙂', 'a,b', '"q"', 'null', '0', 'buy:42', 'long-value-x'];
/** Mostly keyless records (round-robin in a real topic), some keyed, one key the empty string. */
const KEYS: readonly (string | null)[] = [null, null, 'u1', 'u2', '', 'ü'];
/** 1 MiB first: a whole partition in one batch is the simplest picture a failing case shrinks to. */
const MAX_BYTES: readonly number[] = [1_048_576, 8, 4, 1, 16, 30];

const eventRecord: Gen<EventRecord> = gen.record<EventRecord>({ key: gen.oneOf(KEYS), value: gen.oneOf(VALUES) });

/** A partition's records: empty a quarter of the time (a partition nobody wrote to). */
function partitionRecords(max: number): Gen<EventRecord[]> {
  const records = gen.array(eventRecord, 0, max);
  return { generate: (random) => (random.chance(0.25) ? [] : records.generate(random)), shrink: (value) => records.shrink(value) };
}

function sinkCaseGen(maxRecords: number): Gen<SinkCase> {
  return gen.record<SinkCase>({ partitions: gen.array(partitionRecords(maxRecords), 1, 3), maxBytes: gen.oneOf(MAX_BYTES) });
}

const recordCount = (c: SinkCase) => c.partitions.reduce((n, records) => n + records.length, 0);

/** Logs for clean runs: up to 12 records a partition. */
export const sinkCases: Gen<SinkCase> = sinkCaseGen(12);
/** Logs small enough to crash at every point (a run per point): up to 3 records a partition, 6 in all, 3 batches. */
export const smallSinkCases: Gen<SinkCase> = gen.filter(sinkCaseGen(3), (c) => recordCount(c) <= 6 && expectedBatches(c).length <= 3);

/** A case as a learner reads it: 'p0: ["click", "" (key "u1")], p1: (empty); maxBytesPerPartition 8'. */
export function describeSinkCase(c: SinkCase): string {
  const record = (r: EventRecord) => (r.key === null ? show(r.value) : `${show(r.value)} (key ${show(r.key)})`);
  const parts = c.partitions.map((records, p) => `p${p}: ${records.length === 0 ? '(empty)' : `[${records.map(record).join(', ')}]`}`);
  return `${parts.join(', ')}; maxBytesPerPartition ${c.maxBytes}`;
}

// ---------------------------------------------------------------------------------------------
// The oracle of batches

export interface BatchRange {
  readonly partition: number;
  readonly first: number;
  readonly last: number;
}

export const describeBatch = (b: BatchRange) => `p${b.partition}:${b.first === b.last ? b.first : `${b.first}-${b.last}`}`;

/**
 * How a fetch cuts a partition from `from` on: records while their characters (key + value) stay
 * within maxBytes, and always at least one.
 */
export function batchesOf(records: readonly EventRecord[], partition: number, maxBytes: number, from = 0): BatchRange[] {
  const out: BatchRange[] = [];
  let first = from;
  while (first < records.length) {
    let bytes = 0;
    let last = first;
    for (let offset = first; offset < records.length; offset++) {
      bytes += (records[offset]!.key?.length ?? 0) + records[offset]!.value.length;
      if (offset > first && bytes > maxBytes) break;
      last = offset;
    }
    out.push({ partition, first, last });
    first = last + 1;
  }
  return out;
}

/** Every batch a consumer with the case's maxBytesPerPartition reads, partition by partition. */
export function expectedBatches(c: SinkCase): BatchRange[] {
  return c.partitions.flatMap((records, p) => batchesOf(records, p, c.maxBytes));
}

// ---------------------------------------------------------------------------------------------
// The scenario and one run of it

/** The learner's entry: start a consumer with `config` that writes to `store`, and return. */
export type SinkApp = (kafka: Kafka, store: StoreClient, config: ConsumerConfig) => unknown;

export interface SinkOptions {
  /** maxBytesPerPartition of the first start, then of each restart (the last repeats); default: the case's. */
  maxBytesByStart?: readonly number[];
  /** These store writes of the run fail (1-based put numbers): a 503 from the store. */
  failPuts?: { from: number; count: number };
}

/**
 * What a sink is given. A session of 6 s (the broker's smallest allowed by default,
 * group.min.session.timeout.ms) lets a crashed member expire soon, so restarts cost few events.
 */
export function sinkConfig(maxBytes: number): ConsumerConfig {
  return { groupId: SINK_GROUP, maxBytesPerPartition: maxBytes, sessionTimeout: 6000, heartbeatInterval: 2000 };
}

/**
 * Each run's budget. A correct sink needs about 100 steps and 25 s of virtual time even with failing
 * writes and two restarts; one that never catches up (reads the same batch forever, say) stops here
 * instead of after the cluster's default hour, so a check fails in milliseconds.
 */
export const SINK_BUDGET = Object.freeze({ maxSteps: 2_000, maxTime: 300_000 });

export interface SinkScenario extends CrashScenario {
  /** The cluster of the latest run of this scenario. */
  latest(): KafkaCluster | undefined;
}

export function sinkScenario(app: SinkApp, c: SinkCase, options: SinkOptions = {}): SinkScenario {
  let cluster: KafkaCluster | undefined;
  let starts = 0;
  const sizes = options.maxBytesByStart ?? [c.maxBytes];
  return {
    async setup(fresh: KafkaCluster) {
      cluster = fresh;
      starts = 0;
      fresh.createTopic({ topic: EVENTS_TOPIC, numPartitions: c.partitions.length });
      const producer = new Kafka({ brokers: fresh.brokers }).producer();
      for (const [partition, records] of c.partitions.entries()) {
        if (records.length > 0) await producer.send({ topic: EVENTS_TOPIC, messages: records.map((r) => ({ key: r.key, value: r.value, partition })) });
      }
      if (options.failPuts) fresh.store.failPuts(options.failPuts);
    },
    app: (kafka: Kafka, store: StoreClient) => app(kafka, store, sinkConfig(sizes[Math.min(starts++, sizes.length - 1)]!)),
    topics: [EVENTS_TOPIC],
    budget: SINK_BUDGET,
    latest: () => cluster,
  };
}

export interface SinkRun {
  readonly case: SinkCase;
  readonly run: ScenarioRun;
  readonly objects: readonly StoredObject[];
  /** The group's committed offset of each partition at the end (undefined: never committed). */
  readonly committed: readonly (number | undefined)[];
  /** What the sink's start function threw, each time it did. */
  readonly appErrors: readonly string[];
}

/** One run of the scenario (no crash unless `crashes` says so), and what it left behind. */
export async function runSink(app: SinkApp, c: SinkCase, options: SinkOptions = {}): Promise<SinkRun> {
  const scenario = sinkScenario(app, c, options);
  const run = await runScenario(scenario);
  const cluster = scenario.latest()!;
  const committed = cluster.committed(SINK_GROUP).filter((o) => o.topic === EVENTS_TOPIC);
  return {
    case: c,
    run,
    objects: cluster.store.objects(),
    committed: c.partitions.map((_, p) => committed.find((o) => o.partition === p)?.offset),
    appErrors: clusterCore(cluster)
      .simulation.timeline.filter((event) => event.type === 'failed' && event.process === 'app')
      .map((event) => (event as { error: string }).error),
  };
}

// ---------------------------------------------------------------------------------------------
// Expectations on a run without crashes

/**
 * Every record of the log in the store exactly once, and the sink ran to the end. `why` is added to
 * the message (what the situation teaches).
 */
export function expectEveryRecordOnce(r: SinkRun, what: string, why = ''): void {
  const { run } = r;
  const reasons: string[] = [];
  if (r.appErrors.length > 0) reasons.push(`your function threw: ${r.appErrors[0]}`);
  if (run.sinkError) reasons.push(`the store could not be read as lists of records: ${run.sinkError}`);
  if (run.consumerCrashes.length > 0) reasons.push(`the consumer crashed: ${run.consumerCrashes[0]!.error}`);
  if (run.drain.reason === 'step-budget' || run.drain.reason === 'time-budget') {
    reasons.push(`the group never caught up: the simulation ran out of ${run.drain.reason === 'time-budget' ? 'time' : 'steps'} at ${run.drain.now} virtual ms`);
  }
  if (run.drain.stalled.length > 0) reasons.push('your code waited on something outside the simulation: a real timer, or a promise that never settles (does your function return once consumer.run has returned?)');
  const diff = run.diff;
  const exactly = diff.verdict === 'exact' && diff.unexpected.length === 0;
  if (exactly && reasons.length === 0) return;
  const lines = [exactly ? `${what} holds every record of the log exactly once.` : `${what} should hold every record of the log exactly once, but: ${describeDiff(diff)}.`];
  lines.push(...reasons.map((reason) => `${exactly ? 'But' : 'Also,'} ${reason.replace(/\.+$/, '')}.`));
  if (diff.lost.length > 0 && reasons.length === 0) {
    const handled = run.calls.some((call) => call.call === 'eachBatch' || call.call === 'eachMessage');
    if (!handled) lines.push('Your handler was never called: subscribe to events with fromBeginning: true (the records were written before the sink started), and run the consumer.');
    else if (!run.calls.some((call) => call.call === 'put')) lines.push('Your handler never wrote to the store: write each batch with await store.put(key, records).');
  }
  if (why) lines.push(why);
  throw new CheckFailure(lines.join('\n'), { expected: `${diff.expected} records`, actual: `${diff.delivered} records` });
}

/** 'a, b, c, … 7 more': long lists cut for messages. */
function listed(items: readonly string[], separator = ', ', most = 12): string {
  const shown = items.slice(0, most).join(separator);
  return items.length > most ? `${shown}${separator}… ${items.length - most} more` : shown;
}

interface ObjectShape {
  readonly key: string;
  readonly text: string;
  readonly batch?: BatchRange;
}

/** What an object holds, as 'p0:3-5', or why it is not one batch. */
function shapeOf(object: StoredObject): ObjectShape {
  const body = object.body as { partition?: unknown; offset?: unknown }[];
  if (!Array.isArray(body)) return { key: object.key, text: `"${object.key}" holds ${body === null ? 'null' : `a ${typeof body}`}, not a list of records` };
  if (body.length === 0) return { key: object.key, text: `"${object.key}" holds an empty list` };
  const partitions = [...new Set(body.map((record) => Number(record?.partition)))];
  const offsets = body.map((record) => Number(record?.offset));
  if (partitions.length > 1) return { key: object.key, text: `"${object.key}" mixes partitions ${partitions.map((p) => `p${p}`).join(', ')}` };
  const partition = partitions[0]!;
  const consecutive = offsets.every((offset, i) => i === 0 || offset === offsets[i - 1]! + 1);
  if (!consecutive) return { key: object.key, text: `"${object.key}" holds p${partition} offsets ${show(offsets)}` };
  const batch = { partition, first: offsets[0]!, last: offsets.at(-1)! };
  return { key: object.key, text: describeBatch(batch), batch };
}

/**
 * One object per batch the consumer fetched: each object holds one batch's records, in offset
 * order, and nothing else. Compared with the oracle's batches for the case's maxBytesPerPartition.
 */
export function expectOneObjectPerBatch(r: SinkRun, c: SinkCase): void {
  const expected = expectedBatches(c).map(describeBatch);
  const shapes = r.objects.map(shapeOf);
  const actual = shapes.map((s) => s.text);
  const missing = [...expected];
  const extra: string[] = [];
  for (const text of actual) {
    const at = missing.indexOf(text);
    if (at >= 0) missing.splice(at, 1);
    else extra.push(text);
  }
  if (missing.length === 0 && extra.length === 0) return;
  const lines = [
    `Expected one object per batch. With maxBytesPerPartition ${c.maxBytes} the consumer fetches the batches ${listed(expected) || '(none: the log is empty)'}; the store holds ${actual.length === 0 ? 'no object' : listed(actual)}.`,
  ];
  const repeated = [...new Set(extra.filter((text) => expected.includes(text)))];
  const strange = extra.filter((text) => !expected.includes(text));
  if (repeated.length > 0) lines.push(`Held by more than one object: ${listed(repeated)}.`);
  if (strange.length > 0) lines.push(`Not a batch: ${listed(strange, '; ')}.`);
  if (missing.length > 0) lines.push(`No object for: ${listed(missing)}.`);
  if (shapes.length > expected.length) lines.push('Write each batch once, as one object (not one object per message).');
  else if (shapes.length < expected.length) lines.push('Write every batch as soon as it is handled, in its own object, and pass config to kafka.consumer as it is (it sets the batch size).');
  throw new CheckFailure(lines.join('\n'), { expected: expected.sort(), actual: [...actual].sort() });
}

/** Each record carries its partition, its offset and the value the log holds at that offset. */
export function expectRecordsWithValues(r: SinkRun): void {
  for (const object of r.objects) {
    const body = object.body as Record<string, unknown>[];
    if (!Array.isArray(body)) continue;
    for (const record of body) {
      const partition = Number(record?.partition);
      const offset = Number(record?.offset);
      const held = r.case.partitions[partition]?.[offset];
      if (!held) continue; // an offset outside the log is reported by the delivery check
      if (!record || !('value' in record)) {
        throw new CheckFailure(`Object "${object.key}" holds the record p${partition}:${offset} without its value: ${show(record)}. Each record needs partition, offset and value (message.value).`);
      }
      if (record.value !== held.value) {
        throw new CheckFailure(
          `Object "${object.key}": the record p${partition}:${offset} has the value ${show(record.value)}, but the log holds ${show(held.value)} there. Write message.value as it is.`,
          { expected: held.value, actual: record.value },
        );
      }
    }
  }
}

/** After the run, the group's committed offset of each partition is its end: the next offset to read. */
export function expectCommittedToEnd(r: SinkRun): void {
  for (const [p, records] of r.case.partitions.entries()) {
    const end = records.length;
    const committed = r.committed[p];
    if (committed === end || (committed === undefined && end === 0)) continue;
    const holds = end === 0 ? 'no record' : end === 1 ? 'offset 0' : `offsets 0-${end - 1}`;
    const where = `Partition p${p} holds ${holds}, so once every record is written its committed offset must be ${end}, the next offset to read`;
    // '5' + 1 is '51': the offset of a record with a 1 glued on.
    const glued = String(committed).length > 1 && String(committed).endsWith('1') && Number(String(committed).slice(0, -1)) < end;
    let why: string;
    if (committed === undefined) {
      why = `but group '${SINK_GROUP}' never committed it. Commit each batch, and create the consumer with the config you are given (it names the group).`;
    } else if (end > 0 && committed === end - 1) {
      why = `but it is ${committed}, the offset of the last record read. A committed offset is the offset of the NEXT record to read: commit Number(batch.lastOffset()) + 1.`;
    } else if (glued) {
      why = `but it is ${committed}: '${String(committed).slice(0, -1)}' + 1 is '${committed}'. Offsets are strings; add 1 to Number(offset).`;
    } else if (end === 0) {
      why = `but the group committed ${committed} for it. Commit each batch to its own partition (batch.partition).`;
    } else if (committed > end) {
      why = `but it is ${committed}, past the end of the log. Commit the batch you wrote: its last offset + 1, in its own partition.`;
    } else {
      why = `but it is ${committed}: not every batch was committed, or it was committed to another partition.`;
    }
    throw new CheckFailure(`${where}; ${why}`, { expected: end, actual: committed });
  }
}

// ---------------------------------------------------------------------------------------------
// Where a crash fell

interface BatchCall extends BatchRange {
  readonly index: number;
}

const BATCH_CALL = /^eachBatch\((?:(.*)\/)?p(\d+) (\d+)-(\d+)\)$/;
const COMMIT_ENTRY = /(?:([^,()]*)\/)?p(\d+) -> ([^,)]*)/g;

/** The eachBatch calls of a run (the batches handed to the handler), in order. */
export function batchCalls(calls: readonly CallRecord[]): BatchCall[] {
  const out: BatchCall[] = [];
  calls.forEach((call, index) => {
    const match = call.call === 'eachBatch' ? BATCH_CALL.exec(call.detail ?? '') : null;
    if (!match || (match[1] !== undefined && match[1] !== EVENTS_TOPIC)) return;
    out.push({ index, partition: Number(match[2]), first: Number(match[3]), last: Number(match[4]) });
  });
  return out;
}

/** The offset a commit call sets for a partition of 'events', if it sets one. */
function committedBy(call: CallRecord, partition: number): number | undefined {
  if (call.call !== 'commitOffsets') return undefined;
  let found: number | undefined;
  for (const match of (call.detail ?? '').matchAll(COMMIT_ENTRY)) {
    if (match[1] !== undefined && match[1].trim() !== EVENTS_TOPIC) continue;
    if (Number(match[2]) === partition && match[3]!.trim() !== '') found = Number(match[3]);
  }
  return found;
}

export interface InFlight {
  /** The last batch handed to the handler before the crash, if any. */
  readonly batch?: BatchRange;
  /** A commit of the batch's partition came after it, before the crash (whatever its offset). */
  readonly commitSeen: boolean;
  /** That commit (or a later one) reached the batch's end, last + 1, or beyond. */
  readonly committed: boolean;
  /** A store write came before the crash, after the first such commit (after the batch when there is none). */
  readonly written: boolean;
}

/**
 * How many of the clean run's calls had started when a single crash struck (a run is the same as
 * the clean one up to its crash). A handler's own calls are listed after the handler's call, so a
 * crash after eachBatch returned comes after them: the call log's `end`.
 */
export function callsDoneAt(calls: readonly CallRecord[], point: CrashPointReport): number {
  const index = point.callIndex;
  if (point.points[0]!.when === 'before') return index;
  return Math.max(index, calls[index]?.end ?? index) + 1;
}

/** The batch a single crash point fell into, from the clean run's calls. */
export function inFlightAt(calls: readonly CallRecord[], point: CrashPointReport): InFlight {
  const done = calls.slice(0, callsDoneAt(calls, point));
  const batch = batchCalls(done).at(-1);
  if (!batch) return { commitSeen: false, committed: false, written: false };
  const after = done.slice(batch.index + 1);
  const commitAt = after.findIndex((call) => committedBy(call, batch.partition) !== undefined);
  const committed = after.some((call) => (committedBy(call, batch.partition) ?? -1) >= batch.last + 1);
  const written = after.slice(commitAt + 1).some((call) => call.call === 'put');
  return { batch, commitSeen: commitAt >= 0, committed, written };
}

const offsetsIn = (list: readonly PartitionOffsets[]) => list.flatMap((p) => p.offsets.map((offset) => ({ partition: p.partition, offset })));
const within = (batch: BatchRange | undefined, { partition, offset }: { partition: number; offset: number }) =>
  batch !== undefined && partition === batch.partition && offset >= batch.first && offset <= batch.last;

/** '[p0:2, p1:0-1]' from offsets. */
function describeRecords(records: readonly { partition: number; offset: number }[]): string {
  const byPartition = new Map<number, number[]>();
  for (const { partition, offset } of records) byPartition.set(partition, [...(byPartition.get(partition) ?? []), offset]);
  return [...byPartition]
    .sort(([a], [b]) => a - b)
    .map(([p, offsets]) => `p${p}:${offsetRanges([...new Set(offsets)].sort((a, b) => a - b))}`)
    .join(', ');
}

/**
 * At-least-once: a single crash may write again only the batch in flight (handed to the handler,
 * not yet committed), each of its records at most once more.
 */
export function duplicatesOnlyInFlight(report: CrashReport): CrashRule {
  return (point) => {
    if (point.points.length !== 1) return undefined;
    const duplicated = offsetsIn(point.run.diff.duplicated);
    if (duplicated.length === 0) return undefined;
    const flight = inFlightAt(report.clean.calls, point);
    const allowed = flight.committed ? undefined : flight.batch;
    const outside = duplicated.filter((record) => !within(allowed, record));
    const seen = new Set<string>();
    const thrice = duplicated.filter(({ partition, offset }) => {
      const key = `${partition}:${offset}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    if (outside.length === 0 && thrice.length === 0) return undefined;
    const inFlight = allowed
      ? `Only the batch in flight, ${describeBatch(allowed)} (handed to your handler, not yet committed), may be written twice`
      : flight.batch
        ? `No batch was in flight (the last one, ${describeBatch(flight.batch)}, was committed before the crash), so nothing may be written twice`
        : 'No batch had been handed to your handler yet, so nothing may be written twice';
    const parts = [`${inFlight}; but ${outside.length > 0 ? `these were written twice too: ${describeRecords(outside)}` : `these were written three times or more: ${describeRecords(thrice)}`}.`];
    if (outside.length > 0) parts.push('A restart reads again from the committed offset: commit each batch right after its write, and commit the NEXT offset to read (last offset + 1).');
    return parts.join(' ');
  };
}

/**
 * At-most-once: a single crash may lose only the batch in flight between its commit and its write.
 */
export function lossOnlyInFlight(report: CrashReport): CrashRule {
  return (point) => {
    if (point.points.length !== 1) return undefined;
    const lost = offsetsIn(point.run.diff.lost);
    if (lost.length === 0) return undefined;
    const flight = inFlightAt(report.clean.calls, point);
    const allowed = flight.commitSeen && !flight.written ? flight.batch : undefined;
    const outside = lost.filter((record) => !within(allowed, record));
    if (outside.length === 0) return undefined;
    const inFlight = allowed
      ? `Only the batch in flight, ${describeBatch(allowed)} (committed, not yet written), may be lost`
      : flight.batch && flight.commitSeen
        ? `The batch ${describeBatch(flight.batch)} was committed and written before the crash, so nothing may be lost`
        : flight.batch
          ? `The batch ${describeBatch(flight.batch)} was not committed yet, so a restart reads it again and nothing may be lost`
          : 'No batch had been handed to your handler yet, so nothing may be lost';
    return `${inFlight}; but these never reached the store: ${describeRecords(outside)}. Commit exactly the batch you are about to write: its last offset + 1, not further.`;
  };
}

/** Per batch of the clean run: where its first write and the commit that covers it happened. */
export interface BatchSteps {
  readonly batch: BatchRange;
  /** Index in the calls of the first store write after the batch was handed over (before the next batch or fetch). */
  readonly put?: number;
  /** Index of the first commit of last + 1 or beyond, in the same window. */
  readonly commit?: number;
}

export function batchSteps(calls: readonly CallRecord[]): BatchSteps[] {
  const batches = batchCalls(calls);
  return batches.map((batch) => {
    let put: number | undefined;
    let commit: number | undefined;
    for (let i = batch.index + 1; i < calls.length; i++) {
      const call = calls[i]!;
      if (call.call === 'eachBatch' || call.call === 'fetch') break;
      if (call.call === 'put') put ??= i;
      if ((committedBy(call, batch.partition) ?? -1) >= batch.last + 1) commit ??= i;
    }
    return { batch, put, commit };
  });
}

/** The batches whose store write failed in a run with `failPuts` (put calls numbered from 1). */
export function batchesOfFailedPuts(calls: readonly CallRecord[], { from, count }: { from: number; count: number }): BatchRange[] {
  const batches = batchCalls(calls);
  const out: BatchRange[] = [];
  calls.forEach((call, index) => {
    if (call.call !== 'put' || call.nth < from || call.nth >= from + count) return;
    const batch = batches.filter((b) => b.index < index).at(-1);
    if (batch) out.push({ partition: batch.partition, first: batch.first, last: batch.last });
  });
  return out;
}

/** Records lost in a run that no batch of `allowed` holds, as 'p0:3-5'; '' when there are none. */
export function lostOutside(run: ScenarioRun, allowed: readonly BatchRange[]): string {
  const outside = offsetsIn(run.diff.lost).filter((record) => !allowed.some((batch) => within(batch, record)));
  return outside.length === 0 ? '' : describeRecords(outside);
}

// ---------------------------------------------------------------------------------------------
// Crash exploration over generated cases


/**
 * Like expectAtEveryCrash, for properties over many cases: records the crash map only when a
 * point breaks the rule (so the results draw the failing case, not the last one that passed).
 */
export function expectRuleAtEveryCrash(report: CrashReport, rule: CrashRule, { title, why, pairs = false }: { title: string; why: string; pairs?: boolean }): void {
  expectAtEveryCrash(report, rule, { title, why, pairs });
}
