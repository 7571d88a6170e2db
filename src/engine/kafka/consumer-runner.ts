/**
 * What `consumer.run()` sets going, as KafkaJS 2.2.4's runner does it (src/consumer/runner.js and
 * consumerGroup.js), on the simulation's virtual time:
 *
 *   join the group (wait until every member has rejoined this generation), then loop:
 *     fetch each assigned, unpaused partition from its next offset (resolved, else committed);
 *     per batch: eachMessage for each message (resolve it, heartbeat, commit if the interval or
 *     threshold is due) or eachBatch once (then resolve its last offset if eachBatchAutoResolve);
 *     after the batch, commit everything resolved (autoCommit) and heartbeat.
 *   A handler that throws: commit what was resolved (autoCommit), then retry after a backoff from
 *   the resolved position, so the same message comes again; after `retries` failures the consumer
 *   crashes, leaves the group and restarts from the committed offsets. TypeError, RangeError,
 *   ReferenceError and SyntaxError crash it at once, for good.
 *   A heartbeat that finds the group rebalancing commits what was resolved (autoCommit) and rejoins;
 *   the new generation's offset manager has forgotten everything not committed.
 *
 * Crash points (for the crash explorer): join, fetch (when it returns records), each handler call,
 * heartbeat (when one is sent), commitOffsets (when there is something to commit), and whatever the
 * handler does (store writes, sends).
 */
import type { Process } from '../kernel/simulation.ts';
import { autoCommitDue } from './auto-commit.ts';
import { makeBatch, type Batch } from './batch.ts';
import { act, pause } from './client-context.ts';
import { CONSUMER_EVENTS } from './consumer-events.ts';
import {
  checkMember,
  partitionLabel,
  RebalanceInProgressError,
  setLoopStarter,
  tpKey,
  UnknownMemberError,
  type ConsumerState,
  type EachBatchPayload,
  type EachMessagePayload,
  type OffsetsByTopicPartition,
} from './consumer.ts';
import { OffsetManager, type CommitPayload } from './offset-manager.ts';
import { rejoinState } from './rejoin-barrier.ts';
import type { LogRecord } from './partition-log.ts';

/** KafkaJS's retrier treats these as bugs in the handler: no retry, no restart. */
const UNRECOVERABLE = new Set(['RangeError', 'ReferenceError', 'SyntaxError', 'TypeError']);


/** The consume loop of one consumer, from the join to a stop or a crash for good. */
export async function consume(state: ConsumerState, self: Process): Promise<void> {
  state.process = self;
  state.incarnation = self.incarnation;
  // A restarted process is a new consumer: the crashed one's member lingers in the group until it expires.
  state.memberId = undefined;
  state.offsets = undefined;
  state.lastHeartbeat = Number.NEGATIVE_INFINITY;
  state.core.consumers.add(state.presence);
  let retry = freshRetry(state);
  try {
    await join(state, self);
    while (state.running) {
      try {
        await fetchAndProcess(state, self);
      } catch (error) {
        if (!state.running) break;
        if (error instanceof RebalanceInProgressError) {
          state.emit(CONSUMER_EVENTS.REBALANCING, { groupId: state.settings.groupId, memberId: state.memberId });
          await sync(state, self);
          retry = freshRetry(state);
          continue;
        }
        if (error instanceof UnknownMemberError) {
          state.memberId = undefined;
          await join(state, self);
          retry = freshRetry(state);
          continue;
        }
        if (isUnrecoverable(error)) {
          await crash(state, self, nonRetriable(error), false);
          return;
        }
        retry.count += 1;
        if (retry.count > state.settings.retry.retries) {
          const exceeded = retriesExceeded(error, retry.count - 1);
          const restart = await shouldRestart(state, exceeded);
          await crash(state, self, exceeded, restart);
          if (!restart) return;
          await pause(state.core, self, retry.wait);
          retry = freshRetry(state);
          await join(state, self);
          continue;
        }
        await pause(state.core, self, retry.wait);
        retry.wait = nextWait(state, retry.wait);
      }
    }
    await leave(state, self);
  } finally {
    state.idle = false;
    state.core.checkIdle();
  }
}

setLoopStarter((state) => {
  const own = state.context.process;
  if (own) return; // an app's consumer runs in the app's process, after main returns (see client.ts)
  const name = `${state.settings.groupId}/${state.clientId}-${state.core.nextId('consumer-process')}`;
  state.core.simulation.spawn(name, (self) => consume(state, self));
});

interface Retry {
  count: number;
  wait: number;
}

function freshRetry(state: ConsumerState): Retry {
  return { count: 0, wait: jitter(state, state.settings.retry.initialRetryTime) };
}

/** KafkaJS: ceil(random in [t - factor*t, t + factor*t]), times the multiplier, capped. */
function nextWait(state: ConsumerState, wait: number): number {
  const { multiplier, maxRetryTime } = state.settings.retry;
  return Math.min(jitter(state, wait) * multiplier, maxRetryTime);
}

function jitter(state: ConsumerState, time: number): number {
  const delta = state.settings.retry.factor * time;
  return Math.ceil(time - delta + state.core.simulation.random.next() * 2 * delta);
}

/** Joins as a new member (a rebalance), then waits for the group to settle. */
async function join(state: ConsumerState, self: Process): Promise<void> {
  const { core, settings } = state;
  const memberId = `${state.clientId}-${core.nextId('member')}`;
  await act(core, self, 'join', `join(${settings.groupId})`, core.latency.join, () => {
    core.expire();
    core.rebalances.push(
      core.coordinator.join(settings.groupId, { memberId, topics: [...state.subscriptions.keys()], sessionTimeoutMs: settings.sessionTimeout }, core.simulation.now),
    );
    state.memberId = memberId;
    state.lastHeartbeat = core.simulation.now;
  });
  await sync(state, self);
}

/**
 * JoinGroup/SyncGroup: the member takes the current generation's assignment once every member has
 * rejoined it (or was expired); a new offset manager forgets what was resolved but not committed.
 */
async function sync(state: ConsumerState, self: Process): Promise<void> {
  const { core, settings } = state;
  state.idle = false;
  for (;;) {
    checkMember(state);
    state.generation = core.coordinator.group(settings.groupId)!.generationId;
    const barrier = rejoinState(core, settings.groupId);
    if (barrier.settled) break;
    core.coordinator.heartbeat(settings.groupId, state.memberId!, core.simulation.now);
    state.lastHeartbeat = core.simulation.now;
    await pause(core, self, barrier.waitMs);
  }
  const assignment = core.coordinator.assignmentOf(settings.groupId, state.memberId!);
  const now = core.simulation.now;
  const options = {
    broker: core.broker,
    groupId: settings.groupId,
    memberId: state.memberId!,
    generationId: state.generation,
    assignment,
    autoCommit: state.run.autoCommit,
    autoCommitInterval: state.run.autoCommitInterval ?? null,
    autoCommitThreshold: state.run.autoCommitThreshold ?? null,
    fromBeginning: Object.fromEntries(state.subscriptions),
    now,
  };
  state.offsets = state.offsets ? state.offsets.rejoin({ generationId: state.generation, assignment, now, memberId: state.memberId! }) : new OffsetManager(options);
  // Seeks and pauses survive a rejoin (KafkaJS keeps them in the consumer group); a restart clears them.
  state.emit(CONSUMER_EVENTS.GROUP_JOIN, {
    groupId: settings.groupId,
    memberId: state.memberId,
    leaderId: core.coordinator.group(settings.groupId)!.leaderId,
    isLeader: core.coordinator.group(settings.groupId)!.leaderId === state.memberId,
    memberAssignment: assignmentByTopic(assignment),
    groupProtocol: 'RoundRobinAssigner',
  });
}

async function leave(state: ConsumerState, self: Process): Promise<void> {
  const { core, settings } = state;
  const memberId = state.memberId;
  state.stopped = true;
  if (memberId === undefined) return;
  state.memberId = undefined;
  state.offsets = undefined;
  core.expire();
  if (core.coordinator.group(settings.groupId)?.members.some((m) => m.memberId === memberId)) {
    core.rebalances.push(core.coordinator.leave(settings.groupId, memberId, core.simulation.now));
  }
  void self;
}

/** KafkaJS's onCrash: CRASH event, disconnect (leave the group), maybe restart later. */
async function crash(state: ConsumerState, self: Process, error: unknown, restart: boolean): Promise<void> {
  state.emit(CONSUMER_EVENTS.CRASH, { error, groupId: state.settings.groupId, restart });
  state.core.crashes.push({ process: self.name, groupId: state.settings.groupId, error: describe(error), restart, time: state.core.simulation.now });
  const memberId = state.memberId;
  if (memberId !== undefined && state.core.coordinator.group(state.settings.groupId)?.members.some((m) => m.memberId === memberId)) {
    state.core.rebalances.push(state.core.coordinator.leave(state.settings.groupId, memberId, state.core.simulation.now));
  }
  state.memberId = undefined;
  state.offsets = undefined;
  state.seeks.clear(); // KafkaJS restarts with a new consumer group: no pending seek, nothing paused
  state.paused.clear();
  if (!restart) {
    state.crash = error;
    state.running = false;
    state.stopped = true;
  }
}

async function shouldRestart(state: ConsumerState, error: unknown): Promise<boolean> {
  const ask = state.settings.retry.restartOnFailure;
  if (!ask) return true;
  try {
    return Boolean(await ask(error as Error)); // KafkaJS restarts only on a truthy answer
  } catch {
    return true; // KafkaJS: an error in restartOnFailure defaults to restarting
  }
}

function retriesExceeded(cause: unknown, retries: number): Error {
  const error = new Error(`${describe(cause)} (retried ${retries} times)`);
  error.name = 'KafkaJSNumberOfRetriesExceeded';
  (error as Error & { cause: unknown }).cause = cause;
  return error;
}

/** Not retried (KafkaJS's isErrorRetriable): a bug in the handler, or an error marked `retriable: false`. */
function isUnrecoverable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return UNRECOVERABLE.has(String((error as { name?: unknown }).name)) || (error as { retriable?: unknown }).retriable === false;
}

/** What KafkaJS's retrier rejects with for an error it does not retry: a KafkaJSNonRetriableError caused by it. */
function nonRetriable(cause: unknown): Error {
  const error = new Error(describe(cause));
  error.name = 'KafkaJSNonRetriableError';
  (error as Error & { cause: unknown }).cause = cause;
  return error;
}

/** One fetch and the handling of every batch it returned. */
async function fetchAndProcess(state: ConsumerState, self: Process): Promise<void> {
  const { core, settings } = state;
  await applySeeks(state, self);
  const manager = state.offsets!;
  const batches: Batch[] = [];
  for (const { topic, partition } of manager.assignment) {
    if (state.paused.has(tpKey(topic, partition))) continue;
    let from = Math.max(0, manager.nextOffset(topic, partition)); // KafkaJS's nextOffset reads a negative position as 0
    if (from > core.broker.highWatermark(topic, partition)) {
      // OFFSET_OUT_OF_RANGE (e.g. after a commit of '41' + 1 = '411'): KafkaJS resets to the default offset.
      manager.setDefaultOffset(topic, partition);
      from = manager.nextOffset(topic, partition);
    }
    const records = fetchRecords(state, topic, partition, from);
    if (records.length > 0) batches.push(makeBatch(topic, partition, core.broker.highWatermark(topic, partition), records));
  }
  if (batches.length === 0) {
    await heartbeat(state, self);
    state.idle = true;
    core.checkIdle();
    await pause(core, self, settings.maxWaitTimeInMs); // the broker holds an empty fetch this long
    return;
  }
  state.idle = false;
  const detail = `fetch(${batches.map((b) => `${partitionLabel(state, b.topic, b.partition)} ${b.firstOffset()}-${b.lastOffset()}`).join(', ')})`;
  await act(core, self, 'fetch', detail, core.latency.fetch, () => state.emit(CONSUMER_EVENTS.FETCH, { numberOfBatches: batches.length }));
  for (const batch of batches) {
    if (!state.running) return;
    // A batch fetched before a seek of its partition is still handed over, as in KafkaJS: eachMessage
    // stops before its first message; eachBatch gets it with isStale() true.
    await handleBatch(state, self, batch);
  }
}

function fetchRecords(state: ConsumerState, topic: string, partition: number, from: number): LogRecord[] {
  const all = state.core.broker.fetch(topic, partition, from);
  let bytes = 0;
  let count = 0;
  for (const record of all) {
    bytes += size(record);
    if (count > 0 && bytes > state.settings.maxBytesPerPartition) break;
    count += 1;
  }
  return count === all.length ? all : all.slice(0, count);
}

function size(record: LogRecord): number {
  let total = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const name in record.headers) total += name.length + (record.headers[name]?.length ?? 0);
  return total;
}

async function handleBatch(state: ConsumerState, self: Process, batch: Batch): Promise<void> {
  const payload = { topic: batch.topic, partition: batch.partition, batchSize: batch.messages.length, firstOffset: batch.firstOffset(), lastOffset: batch.lastOffset() };
  state.emit(CONSUMER_EVENTS.START_BATCH_PROCESS, payload);
  state.inFlight = { topic: batch.topic, partition: batch.partition, from: Number(batch.firstOffset()), to: Number(batch.lastOffset()) };
  try {
    if (state.run.eachMessage) await processEachMessage(state, self, batch);
    else await processEachBatch(state, self, batch);
  } finally {
    state.inFlight = undefined;
  }
  state.emit(CONSUMER_EVENTS.END_BATCH_PROCESS, payload);
  await autoCommit(state, self);
  await heartbeat(state, self);
}

function pauser(state: ConsumerState, topic: string, partition: number): () => () => void {
  return () => {
    state.paused.add(tpKey(topic, partition));
    return () => void state.paused.delete(tpKey(topic, partition));
  };
}

async function processEachMessage(state: ConsumerState, self: Process, batch: Batch): Promise<void> {
  const { topic, partition } = batch;
  const handler = state.run.eachMessage!;
  const beat = () => heartbeat(state, self);
  const pausePartition = pauser(state, topic, partition);
  const label = partitionLabel(state, topic, partition);
  const key = tpKey(topic, partition);
  const { settings, core } = state;
  for (const message of batch.messages) {
    if (!state.running || state.seeks.has(key)) break;
    const payload: EachMessagePayload = { topic, partition, message, heartbeat: beat, pause: pausePartition };
    try {
      await act(core, self, 'eachMessage', () => `eachMessage(${label} ${message.offset})`, 0, () => handler(payload));
    } catch (error) {
      await autoCommit(state, self);
      throw error;
    }
    const manager = state.offsets!;
    manager.resolveOffset({ topic, partition, offset: message.offset });
    // Both are no-ops most of the time; checked here so the common path awaits nothing more.
    if (core.simulation.now >= state.lastHeartbeat + settings.heartbeatInterval) await heartbeat(state, self);
    if (manager.autoCommitInterval !== null || manager.autoCommitThreshold !== null) await autoCommitIfNecessary(state, self);
    if (state.paused.has(key)) break;
  }
}

async function processEachBatch(state: ConsumerState, self: Process, batch: Batch): Promise<void> {
  const { topic, partition } = batch;
  const manager = state.offsets!;
  const payload: EachBatchPayload = {
    batch,
    resolveOffset: (offset) => manager.resolveOffset({ topic, partition, offset }),
    heartbeat: () => heartbeat(state, self),
    pause: pauser(state, topic, partition),
    commitOffsetsIfNecessary: async (offsets?: OffsetsByTopicPartition) => {
      if (offsets) await commit(state, self, flatten(offsets));
      else await autoCommitIfNecessary(state, self, true);
    },
    uncommittedOffsets: () => manager.uncommittedOffsets(),
    isRunning: () => state.running,
    isStale: () => state.seeks.has(tpKey(topic, partition)),
  };
  const label = partitionLabel(state, topic, partition);
  try {
    await act(state.core, self, 'eachBatch', `eachBatch(${label} ${batch.firstOffset()}-${batch.lastOffset()})`, 0, () => state.run.eachBatch!(payload));
  } catch (error) {
    await autoCommit(state, self);
    throw error;
  }
  if (state.run.eachBatchAutoResolve && state.offsets === manager) manager.resolveOffset({ topic, partition, offset: batch.lastOffset() });
}

function flatten(offsets: OffsetsByTopicPartition) {
  if (!offsets || !Array.isArray(offsets.topics)) throw new TypeError('commitOffsetsIfNecessary(offsets): offsets must be { topics: [{ topic, partitions: [{ partition, offset }] }] }.');
  return offsets.topics.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition: Number(partition), offset })));
}

/** Sends a heartbeat when heartbeatInterval has passed; finds out about rebalances and expiry. */
async function heartbeat(state: ConsumerState, self: Process): Promise<void> {
  const { core, settings } = state;
  if (core.simulation.now < state.lastHeartbeat + settings.heartbeatInterval) return;
  try {
    await act(core, self, 'heartbeat', 'heartbeat', 0, () => {
      checkMember(state);
      core.coordinator.heartbeat(settings.groupId, state.memberId!, core.simulation.now);
      state.lastHeartbeat = core.simulation.now;
      state.emit(CONSUMER_EVENTS.HEARTBEAT, { groupId: settings.groupId, memberId: state.memberId, groupGenerationId: state.generation });
      if (core.coordinator.group(settings.groupId)!.generationId !== state.generation) throw new RebalanceInProgressError(settings.groupId);
    });
  } catch (error) {
    if (error instanceof RebalanceInProgressError) await autoCommit(state, self);
    throw error;
  }
}

/** runner.autoCommitOffsets: commit everything resolved, if autoCommit. */
async function autoCommit(state: ConsumerState, self: Process): Promise<void> {
  if (state.run.autoCommit) await commit(state, self);
}

/** commitOffsetsIfNecessary: commit the resolved offsets when the interval or threshold is due. */
async function autoCommitIfNecessary(state: ConsumerState, self: Process, evenWithoutAutoCommit = false): Promise<void> {
  if (!state.run.autoCommit && !evenWithoutAutoCommit) return;
  const manager = state.offsets!;
  if (manager.autoCommitInterval === null && manager.autoCommitThreshold === null) return; // neither rule is set: never due
  const now = state.core.simulation.now;
  const resolvedSinceCommit = manager.autoCommitThreshold === null ? 0 : manager.countResolvedOffsets();
  if (autoCommitDue(manager, { lastCommit: manager.lastCommit, now, resolvedSinceCommit })) await commit(state, self);
}

/** One commit: of the resolved offsets, or of explicit ones. Nothing to send is no call at all. */
async function commit(state: ConsumerState, self: Process, offsets?: { topic: string; partition: number; offset: unknown }[]): Promise<void> {
  const manager = state.offsets;
  if (!manager) return;
  const { core } = state;
  const pending = offsets
    ? offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) }))
    : manager.uncommittedOffsets().topics.flatMap(({ topic, partitions }) => partitions.map((p) => ({ topic, partition: Number(p.partition), offset: p.offset })));
  if (pending.length === 0) {
    manager.commitOffsets(core.simulation.now);
    return;
  }
  const detail = `commitOffsets(${pending.map((p) => `${partitionLabel(state, p.topic, p.partition)} -> ${p.offset}`).join(', ')})`;
  await act(core, self, 'commitOffsets', detail, core.latency.commit, () => {
    checkMember(state);
    const sent: CommitPayload | null = manager.commitOffsets(core.simulation.now, offsets as never);
    if (sent) state.emit(CONSUMER_EVENTS.COMMIT_OFFSETS, { ...sent });
  });
}

/** Seeks take effect at the next fetch (consumerGroup.seekOffsets). */
async function applySeeks(state: ConsumerState, self: Process): Promise<void> {
  for (const [key, { topic, partition, offset }] of [...state.seeks]) {
    state.seeks.delete(key);
    const manager = state.offsets!;
    if (manager.autoCommit) {
      await act(state.core, self, 'commitOffsets', `commitOffsets(${partitionLabel(state, topic, partition)} -> ${offset}) by seek`, state.core.latency.commit, () => {
        checkMember(state);
        // Committed straight to the coordinator: KafkaJS emits no COMMIT_OFFSETS event for a seek.
        manager.seek(state.core.simulation.now, { topic, partition, offset });
      });
    } else {
      manager.seek(state.core.simulation.now, { topic, partition, offset });
    }
  }
}

function assignmentByTopic(assignment: readonly { topic: string; partition: number }[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const { topic, partition } of assignment) (out[topic] ??= []).push(partition);
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
