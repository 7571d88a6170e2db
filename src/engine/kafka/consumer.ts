/**
 * The KafkaJS-like consumer a learner writes against: `kafka.consumer({ groupId })`, `connect`,
 * `subscribe({ topics, fromBeginning })`, `run({ eachMessage | eachBatch, autoCommit, ... })`,
 * `commitOffsets`, `seek`, `pause`/`resume`, `disconnect`, `on(consumer.events.X, ...)`, with
 * KafkaJS 2.2.4's defaults. What `run` starts is in consumer-runner.ts; this file holds the
 * settings and state they share, checked the way KafkaJS checks them.
 *
 * One difference: KafkaJS's `run()` resolves once the group is joined; here it resolves at once and
 * the join happens when the simulation runs (cluster.drain()).
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Process } from '../kernel/simulation.ts';
import type { Batch, KafkaMessage } from './batch.ts';
import { act, type ClientContext } from './client-context.ts';
import type { ConsumerPresence } from './cluster.ts';
import { CONSUMER_EVENTS, EventLog, type Listener } from './consumer-events.ts';
import { KAFKAJS_SESSION_TIMEOUT_MS } from './group-coordinator.ts';
import type { OffsetInput } from './long-offset.ts';
import type { CommitRequest, OffsetManager, UncommittedOffsets } from './offset-manager.ts';
import type { TopicPartition } from './round-robin-assignor.ts';

export interface RetryOptions {
  /** Default 5. */
  retries?: number;
  /** Default 300 ms. */
  initialRetryTime?: number;
  /** Jitter: each wait is randomised by +/- factor (default 0.2). */
  factor?: number;
  /** Default 2. */
  multiplier?: number;
  /** Default 30000 ms. */
  maxRetryTime?: number;
  /** Asked after the retries are spent; resolve false to stay down. Default: restart. */
  restartOnFailure?: (error: Error) => Promise<boolean>;
}

export interface ConsumerConfig {
  groupId: string;
  /** Default 30000 ms (KafkaJS's; the Java client's session.timeout.ms is 45000). */
  sessionTimeout?: number;
  /** Default 3000 ms. */
  heartbeatInterval?: number;
  /** How long an empty fetch waits at the broker; default 5000 ms. */
  maxWaitTimeInMs?: number;
  /** Default 1048576. The engine counts the characters of keys, values and headers, not the wire format. */
  maxBytesPerPartition?: number;
  retry?: RetryOptions;
}

export interface EachMessagePayload {
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat(): Promise<void>;
  pause(): () => void;
}

export interface EachBatchPayload {
  batch: Batch;
  resolveOffset(offset: OffsetInput): void;
  heartbeat(): Promise<void>;
  pause(): () => void;
  /** With offsets, commits them; without, commits the resolved offsets if the interval/threshold is due. */
  commitOffsetsIfNecessary(offsets?: OffsetsByTopicPartition): Promise<void>;
  uncommittedOffsets(): UncommittedOffsets;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface OffsetsByTopicPartition {
  topics: { topic: string; partitions: { partition: number | string; offset: OffsetInput }[] }[];
}

export interface ConsumerRunConfig {
  eachMessage?: (payload: EachMessagePayload) => Promise<void>;
  eachBatch?: (payload: EachBatchPayload) => Promise<void>;
  /** Default true. */
  autoCommit?: boolean;
  /** ms; default null (no interval). */
  autoCommitInterval?: number | null;
  /** resolved messages; default null (no threshold). */
  autoCommitThreshold?: number | null;
  /** Default true: after eachBatch returns, its last offset is resolved. */
  eachBatchAutoResolve?: boolean;
  /** Only 1 is simulated (partitions are handled one after another). */
  partitionsConsumedConcurrently?: number;
}

export interface SubscribeConfig {
  topics?: (string | RegExp)[];
  topic?: string | RegExp;
  fromBeginning?: boolean;
}

export interface Settings {
  readonly groupId: string;
  readonly sessionTimeout: number;
  readonly heartbeatInterval: number;
  readonly maxWaitTimeInMs: number;
  readonly maxBytesPerPartition: number;
  readonly retry: Required<Omit<RetryOptions, 'restartOnFailure'>> & Pick<RetryOptions, 'restartOnFailure'>;
}

/** Everything the runner and the facade share about one consumer. */
export class ConsumerState {
  readonly context: ClientContext;
  readonly clientId: string;
  readonly settings: Settings;
  readonly events = new EventLog();
  /** Topic -> fromBeginning, in subscription order. */
  readonly subscriptions = new Map<string, boolean>();
  readonly paused = new Set<string>();
  readonly seeks = new Map<string, { topic: string; partition: number; offset: string }>();
  run: Required<Pick<ConsumerRunConfig, 'autoCommit' | 'eachBatchAutoResolve'>> & ConsumerRunConfig = { autoCommit: true, eachBatchAutoResolve: true };
  connected = false;
  running = false;
  stopped = false;
  idle = false;
  memberId: string | undefined;
  generation = 0;
  offsets: OffsetManager | undefined;
  lastHeartbeat = Number.NEGATIVE_INFINITY;
  /** The process the consume loop runs in, and its incarnation then (a restart is a new consumer). */
  process: Process | undefined;
  incarnation = 0;
  /** Why the consumer crashed for good, if it did. */
  crash: unknown;
  /** The batch being handled (for pictures). */
  inFlight: { topic: string; partition: number; from: number; to: number } | undefined;
  readonly presence: ConsumerPresence;

  constructor(context: ClientContext, clientId: string, settings: Settings) {
    this.context = context;
    this.clientId = clientId;
    this.settings = settings;
    this.presence = Object.freeze({
      process: () => (this.process?.incarnation === this.incarnation ? this.process : undefined),
      idle: () => this.idle,
      stopped: () => this.stopped,
      membership: () => (this.memberId === undefined ? undefined : { groupId: settings.groupId, memberId: this.memberId, generation: this.generation }),
      positions: () => (this.offsets?.assignment ?? []).map(({ topic, partition }) => ({ topic, partition, position: this.offsets!.position(topic, partition) })),
      inFlight: () => this.inFlight,
      offsetsGeneration: () => this.offsets?.generationId,
    });
  }

  get core() {
    return this.context.core;
  }

  emit(type: (typeof CONSUMER_EVENTS)[keyof typeof CONSUMER_EVENTS], payload: Record<string, unknown>): void {
    this.events.emit(type, this.core.simulation.now, payload);
  }
}

const states = new WeakMap<Consumer, ConsumerState>();

/** The state behind a consumer, for the runner. */
export function consumerState(consumer: Consumer): ConsumerState {
  const state = states.get(consumer);
  if (!state) throw new TypeError('Not a consumer made by kafka.consumer().');
  return state;
}

/** Starts the consume loop: set by the runner module (it depends on this one). */
let startLoop: ((state: ConsumerState) => void) | undefined;

export function setLoopStarter(start: (state: ConsumerState) => void): void {
  startLoop ??= start;
}

export const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class Consumer {
  /** Event names for `on`, as KafkaJS's consumer.events. */
  readonly events = CONSUMER_EVENTS;

  /** @internal Made by kafka.consumer(). */
  constructor(context: ClientContext, clientId: string, config: ConsumerConfig) {
    states.set(this, new ConsumerState(context, clientId, settingsOf(config)));
    sealInstance(this, new.target, Consumer);
  }

  async connect(): Promise<void> {
    const state = consumerState(this);
    state.connected = true;
    state.emit(CONSUMER_EVENTS.CONNECT, {});
  }

  /** Subscribes before run; `fromBeginning` applies only while the group has no committed offset. */
  async subscribe({ topics, topic, fromBeginning = false }: SubscribeConfig): Promise<void> {
    const state = consumerState(this);
    if (state.running) throw new Error('Cannot subscribe to topic while consumer is running');
    const wanted = topics ?? (topic === undefined ? [] : [topic]);
    if (!Array.isArray(wanted) || wanted.length === 0) throw new Error('Missing required argument "topics"');
    const known = state.core.broker.listTopics().filter((name) => !name.startsWith('__'));
    for (const entry of wanted) {
      if (entry instanceof RegExp) {
        for (const name of known.filter((name) => entry.test(name))) state.subscriptions.set(name, fromBeginning === true);
      } else if (typeof entry === 'string') {
        state.core.broker.partitionCount(entry); // an unknown topic is an error naming the known ones
        state.subscriptions.set(entry, fromBeginning === true);
      } else {
        throw new TypeError(`Invalid topic ${String(entry)} (${typeof entry}), the topic name has to be a String or a RegExp`);
      }
    }
  }

  /** Starts consuming. Returns at once; the loop runs in the simulation. */
  async run(config: ConsumerRunConfig = {}): Promise<void> {
    const state = consumerState(this);
    if (state.running) return; // KafkaJS: a second run() while running is ignored
    if (state.subscriptions.size === 0) throw new Error('Cannot run a consumer that has not subscribed to any topic: call subscribe({ topics }) first.');
    const { eachMessage, eachBatch } = config;
    if (typeof eachMessage !== 'function' && typeof eachBatch !== 'function') {
      throw new Error('consumer.run needs an eachMessage or an eachBatch handler (an async function).');
    }
    checkOptionalNumber('autoCommitInterval', config.autoCommitInterval);
    checkOptionalNumber('autoCommitThreshold', config.autoCommitThreshold);
    if ((config.partitionsConsumedConcurrently ?? 1) !== 1) {
      throw new Error('partitionsConsumedConcurrently: the simulation handles partitions one after another (1).');
    }
    state.run = { ...config, autoCommit: config.autoCommit ?? true, eachBatchAutoResolve: config.eachBatchAutoResolve ?? true };
    state.running = true;
    state.stopped = false;
    if (!startLoop) throw new Error('The consumer runner is not loaded.');
    startLoop(state);
  }

  /** Commits the given offsets (the next offset to read), ignoring auto-commit settings. */
  async commitOffsets(offsets: CommitRequest[]): Promise<void> {
    const state = consumerState(this);
    if (!Array.isArray(offsets)) throw new TypeError('commitOffsets takes an array of { topic, partition, offset }.');
    const manager = state.offsets;
    if (!state.running || !manager) return; // KafkaJS: "consumer not running, exiting"
    const detail = `commitOffsets(${offsets.map((o) => `${partitionLabel(state, o.topic, Number(o.partition))} -> ${String(o.offset)}`).join(', ')})`;
    await act(state.core, state.process, 'commitOffsets', detail, state.core.latency.commit, () => {
      checkMember(state);
      const sent = manager.commitOffsets(state.core.simulation.now, offsets);
      if (sent) state.emit(CONSUMER_EVENTS.COMMIT_OFFSETS, { ...sent });
    });
  }

  /** Moves a partition's position; applied at the next fetch (commits at once with autoCommit). */
  seek({ topic, partition, offset }: { topic: string; partition: number; offset: OffsetInput }): void {
    const state = consumerState(this);
    if (!state.running) throw new Error('Consumer groups must be running before seeking: call run() first.');
    if (typeof topic !== 'string') throw new TypeError(`Invalid topic ${String(topic)}`);
    if (!Number.isInteger(partition) || partition < 0) throw new TypeError(`Invalid partition, expected a number received ${String(partition)}`);
    const text = String(offset);
    if (!/^-?\d+$/.test(text)) throw new TypeError(`Invalid offset, expected a long received ${text}`);
    // KafkaJS allows only its EARLIEST (-2) and LATEST (-1) sentinels below 0.
    if (Number(text) < 0 && Number(text) !== -1 && Number(text) !== -2) throw new Error('Offset must not be a negative number');
    state.seeks.set(tpKey(topic, partition), { topic, partition, offset: text });
  }

  /** Stops fetching these partitions (all of a topic without `partitions`). */
  pause(topicPartitions: { topic: string; partitions?: number[] }[]): void {
    const state = consumerState(this);
    for (const tp of eachPartition(state, topicPartitions)) state.paused.add(tpKey(tp.topic, tp.partition));
  }

  resume(topicPartitions: { topic: string; partitions?: number[] }[]): void {
    const state = consumerState(this);
    for (const tp of eachPartition(state, topicPartitions)) state.paused.delete(tpKey(tp.topic, tp.partition));
  }

  paused(): { topic: string; partitions: number[] }[] {
    const byTopic = new Map<string, number[]>();
    for (const key of consumerState(this).paused) {
      const [topic, partition] = key.split('\u0000') as [string, string];
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)]);
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
  }

  /** Stops consuming and leaves the group (a rebalance for the others). */
  async stop(): Promise<void> {
    const state = consumerState(this);
    if (!state.running) return;
    state.running = false;
    state.emit(CONSUMER_EVENTS.STOP, {});
  }

  async disconnect(): Promise<void> {
    const state = consumerState(this);
    await this.stop();
    state.connected = false;
    state.emit(CONSUMER_EVENTS.DISCONNECT, {});
  }

  on(eventName: string, listener: Listener): () => void {
    return consumerState(this).events.on(eventName, listener);
  }
}

freezeClass(Consumer);

/** 'p3' when the consumer reads one topic, else 'orders/p3': how crash reports name partitions. */
export function partitionLabel(state: ConsumerState, topic: string, partition: number): string {
  return state.subscriptions.size <= 1 && state.subscriptions.has(topic) ? `p${partition}` : `${topic}/p${partition}`;
}

/** Throws Kafka's UNKNOWN_MEMBER_ID when the group no longer knows this member (its session expired). */
export function checkMember(state: ConsumerState): void {
  state.core.expire();
  const group = state.core.coordinator.group(state.settings.groupId);
  if (state.memberId === undefined || !group?.members.some((m) => m.memberId === state.memberId)) throw new UnknownMemberError(state);
}

/** The coordinator no longer knows this member: it must join again as a new one. */
export class UnknownMemberError extends Error {
  readonly type = 'UNKNOWN_MEMBER_ID';
  readonly retriable = true;
  constructor(state: ConsumerState) {
    super(`The coordinator is not aware of member ${String(state.memberId)} of group ${state.settings.groupId} (its session timed out): it must rejoin.`);
    this.name = 'KafkaJSProtocolError';
  }
}

/** The group is rebalancing: the member must rejoin before it goes on. */
export class RebalanceInProgressError extends Error {
  readonly type = 'REBALANCE_IN_PROGRESS';
  readonly retriable = true;
  constructor(groupId: string) {
    super(`The group ${groupId} is rebalancing, so a rejoin is needed`);
    this.name = 'KafkaJSProtocolError';
  }
}

freezeClass(UnknownMemberError);
freezeClass(RebalanceInProgressError);

function eachPartition(state: ConsumerState, topicPartitions: { topic: string; partitions?: number[] }[]): TopicPartition[] {
  if (!Array.isArray(topicPartitions)) throw new TypeError('pause/resume take an array of { topic, partitions? }.');
  return topicPartitions.flatMap(({ topic, partitions }) => {
    const count = state.core.broker.partitionCount(topic);
    return (partitions ?? Array.from({ length: count }, (_, p) => p)).map((partition) => ({ topic, partition }));
  });
}

function settingsOf(config: ConsumerConfig): Settings {
  if (!config || typeof config.groupId !== 'string' || config.groupId === '') {
    throw new Error('Consumer groupId must be a non-empty string: kafka.consumer({ groupId: "my-group" }).');
  }
  const retry = config.retry ?? {};
  const settings: Settings = {
    groupId: config.groupId,
    sessionTimeout: config.sessionTimeout ?? KAFKAJS_SESSION_TIMEOUT_MS,
    heartbeatInterval: config.heartbeatInterval ?? 3000,
    maxWaitTimeInMs: config.maxWaitTimeInMs ?? 5000,
    maxBytesPerPartition: config.maxBytesPerPartition ?? 1_048_576,
    retry: {
      retries: retry.retries ?? 5,
      initialRetryTime: retry.initialRetryTime ?? 300,
      factor: retry.factor ?? 0.2,
      multiplier: retry.multiplier ?? 2,
      maxRetryTime: retry.maxRetryTime ?? 30_000,
      restartOnFailure: retry.restartOnFailure,
    },
  };
  for (const name of ['sessionTimeout', 'heartbeatInterval', 'maxWaitTimeInMs', 'maxBytesPerPartition'] as const) {
    const value = settings[name];
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`Consumer ${name} must be a positive number, got ${String(value)}.`);
  }
  for (const name of ['retries', 'initialRetryTime', 'factor', 'multiplier', 'maxRetryTime'] as const) {
    const value = settings.retry[name];
    if (!(Number.isFinite(value) && value >= 0)) throw new Error(`Consumer retry.${name} must be a number >= 0, got ${String(value)}.`);
  }
  return Object.freeze({ ...settings, retry: Object.freeze(settings.retry) });
}

function checkOptionalNumber(name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a number of at least 0 or null, got ${String(value)}.`);
}
