/**
 * The simulated Kafka world a lesson's code runs in: one broker (topics, partition logs,
 * `__consumer_offsets`), the group coordinator, an object store for sinks, and the discrete-event
 * simulation their consumers live in. Learner code reaches it the KafkaJS way,
 * `new Kafka({ brokers: cluster.brokers })`; set-up code and checks use the cluster itself.
 *
 * Consumers poll forever, as real ones do, so a run ends when the cluster sees the work done:
 * `drain()` runs the simulation until every live consumer's last fetch found nothing new, no member
 * is dead-but-not-yet-expired, no rebalance is half done, no restart is pending and no other app
 * (a producer) is still running (or its budget is spent). Crash points (see kernel/faults.ts) come in through the options; apps started with
 * `start()` are restarted as a new incarnation after a crash, as a supervisor would.
 */
import { currentRun } from '../kernel/run-context.ts';
import type { Budget } from '../kernel/budget.ts';
import type { CrashPoint } from '../kernel/faults.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { Simulation, type Process, type SimulationOutcome } from '../kernel/simulation.ts';
import { Broker, type TopicConfig } from './broker.ts';
import { GroupCoordinator, type Rebalance } from './group-coordinator.ts';
import { ObjectStore } from './object-store.ts';
import type { LogRecord } from './partition-log.ts';
import type { TopicPartitionOffset } from './offsets.ts';

/** Virtual ms the broker takes to answer. */
export interface BrokerLatency {
  fetch: number;
  commit: number;
  join: number;
  send: number;
}

export const DEFAULT_BROKER_LATENCY: Readonly<BrokerLatency> = Object.freeze({ fetch: 2, commit: 2, join: 10, send: 2 });

/** Unless a run says otherwise: one virtual hour, 200,000 events. */
export const DEFAULT_CLUSTER_BUDGET: Readonly<Budget> = Object.freeze({ maxSteps: 200_000, maxTime: 3_600_000 });

export interface KafkaClusterOptions {
  /** Seeds keyless placement and retry jitter; default: the run's seed. */
  seed?: number;
  topics?: readonly TopicConfig[];
  budget?: Budget;
  /** Where processes crash (kernel/faults.ts); each crashed app restarts after `restartAfter`. */
  crashes?: readonly CrashPoint[];
  latency?: Partial<BrokerLatency>;
  /** Keep the log of crashable calls (the crash explorer needs it); default true. */
  logCalls?: boolean;
}

export interface DrainResult {
  /** 'idle': every consumer caught up; 'drained': nothing left to run; else the budget that ended it. */
  reason: 'idle' | 'drained' | 'step-budget' | 'time-budget';
  /** Virtual ms at the end. */
  now: number;
  steps: number;
  /** Processes that waited on something outside the simulation (a real timer, a promise that never settles). */
  stalled: string[];
}

/** What a consumer tells the cluster so it can tell when the work is done. */
export interface ConsumerPresence {
  readonly process: () => Process | undefined;
  /** Its last fetch found nothing new and it is waiting for more. */
  readonly idle: () => boolean;
  /** It stopped for good (disconnected, or crashed without restart). */
  readonly stopped: () => boolean;
  /** Its member id and the generation it last synced to, while in a group. */
  readonly membership: () => { groupId: string; memberId: string; generation: number } | undefined;
  /** Per assigned partition: its resolved position (undefined before the first fetch); and the batch being handled. */
  readonly positions: () => { topic: string; partition: number; position: number | undefined }[];
  readonly inFlight: () => { topic: string; partition: number; from: number; to: number } | undefined;
  /** Clients that heartbeat from a background thread (the Java consumer) keep their session alive here. */
  readonly heartbeat?: () => void;
  /** The generation its positions belong to (it rejoins a generation before it replaces them), if it says. */
  readonly offsetsGeneration?: () => number | undefined;
}

export interface ConsumerCrash {
  readonly process: string;
  readonly groupId: string;
  readonly error: string;
  /** KafkaJS restarts after a spent retry budget, never after TypeError, RangeError, ReferenceError, SyntaxError. */
  readonly restart: boolean;
  readonly time: number;
}

/** A process-bound app's entry: gets its own client and store view each incarnation. */
export type AppMain<K, S> = (kafka: K, store: S) => unknown;

/** What the client side needs from a cluster; not part of the public API. */
export interface ClusterCore {
  readonly cluster: KafkaCluster;
  readonly simulation: Simulation;
  readonly broker: Broker;
  readonly coordinator: GroupCoordinator;
  readonly store: ObjectStore;
  readonly latency: Readonly<BrokerLatency>;
  readonly rebalances: Rebalance[];
  readonly consumers: Set<ConsumerPresence>;
  /** Consumers that crashed (retries spent, or an unrecoverable error in a handler). */
  readonly crashes: ConsumerCrash[];
  /** Removes members whose session ran out (the broker's session timers), keeping the rebalances. */
  expire(): void;
  /** Stops the run if the work is done (called when a consumer goes idle or stops). */
  checkIdle(): void;
  nextId(kind: string): number;
}

type AppRunner = (core: ClusterCore, self: Process, main: AppMain<never, never>) => Promise<void>;
let appRunner: AppRunner | undefined;

/** How cluster.start runs an app: set by the client module (it depends on this one). */
export function setAppRunner(runner: AppRunner): void {
  appRunner ??= runner;
}

const cores = new WeakMap<KafkaCluster, ClusterCore>();

/** The cluster's internals, for the client module. */
export function clusterCore(cluster: KafkaCluster): ClusterCore {
  const core = cores.get(cluster);
  if (!core) throw new TypeError('Not a KafkaCluster made by @sai/kafka.');
  return core;
}

/** The cluster listening at a broker address of this run ('kafka-1:9092'). */
export function clusterAt(address: string): KafkaCluster | undefined {
  return (currentRun().memo.get(addressKey(address)) as WeakRef<KafkaCluster> | undefined)?.deref();
}

const addressKey = (address: string) => `kafka-cluster:${address}`;

export class KafkaCluster {
  /** Where clients connect: `new Kafka({ brokers: cluster.brokers })`. */
  readonly brokers: readonly string[];
  /** The object store sinks write to. */
  readonly store: ObjectStore;

  constructor(options: KafkaClusterOptions = {}) {
    const run = currentRun();
    const seed = options.seed ?? run.seed;
    const simulation = new Simulation({
      seed,
      budget: { ...DEFAULT_CLUSTER_BUDGET, ...options.budget },
      crashes: options.crashes,
      logCalls: options.logCalls,
    });
    const clock = () => simulation.now;
    const broker = new Broker({ clock });
    const address = `kafka-${run.nextId('kafka-cluster') + 1}:9092`;
    this.brokers = Object.freeze([address]);
    this.store = new ObjectStore(clock);
    const ids = new Map<string, number>();
    const core: ClusterCore = {
      cluster: this,
      simulation,
      broker,
      coordinator: new GroupCoordinator(broker),
      store: this.store,
      latency: Object.freeze({ ...DEFAULT_BROKER_LATENCY, ...checkedLatency(options.latency) }),
      rebalances: [],
      consumers: new Set(),
      crashes: [],
      expire() {
        for (const consumer of core.consumers) consumer.heartbeat?.();
        core.rebalances.push(...core.coordinator.expire(simulation.now));
      },
      checkIdle() {
        if (workDone(core)) simulation.stop();
      },
      nextId(kind) {
        const id = (ids.get(kind) ?? 0) + 1;
        ids.set(kind, id);
        return id;
      },
    };
    cores.set(this, core);
    run.memo.set(addressKey(address), new WeakRef(this));
    for (const topic of options.topics ?? []) broker.createTopic(topic);
    sealInstance(this, new.target, KafkaCluster);
  }

  /** Virtual time in ms. */
  get now(): number {
    return clusterCore(this).simulation.now;
  }

  createTopic(config: TopicConfig): void {
    clusterCore(this).broker.createTopic(config);
  }

  /** User topics (not `__consumer_offsets`). */
  topics(): string[] {
    return clusterCore(this).broker.listTopics().filter((topic) => !topic.startsWith('__'));
  }

  partitionCount(topic: string): number {
    return clusterCore(this).broker.partitionCount(topic);
  }

  /** A partition's records, oldest first (a frozen copy). */
  records(topic: string, partition: number): readonly LogRecord[] {
    return Object.freeze(clusterCore(this).broker.fetch(topic, partition, 0));
  }

  highWatermark(topic: string, partition: number): number {
    return clusterCore(this).broker.highWatermark(topic, partition);
  }

  /** The group's committed offsets (the next offset to read), by topic then partition. */
  committed(groupId: string): TopicPartitionOffset[] {
    return clusterCore(this).broker.offsets.committedOffsets(groupId);
  }

  /** Consumers that crashed so far (what KafkaJS's CRASH event reports), oldest first. */
  consumerCrashes(): readonly ConsumerCrash[] {
    return Object.freeze([...clusterCore(this).crashes]);
  }

  /** Every rebalance so far, oldest first. */
  rebalances(): readonly Rebalance[] {
    return Object.freeze([...clusterCore(this).rebalances]);
  }

  /**
   * Starts an app as a process named `name`: `main(kafka, store)` gets a client and a store whose
   * calls are crash points of this process; after main returns, the process runs the consumer main
   * started. After a crash the app starts again from main, as a new incarnation.
   */
  start<K, S>(name: string, main: AppMain<K, S>): void {
    const core = clusterCore(this);
    if (typeof main !== 'function') throw new TypeError(`start("${name}", main): main must be a function (kafka, store) => ...`);
    const runner = appRunner;
    if (!runner) throw new Error('The Kafka client is not loaded.');
    core.simulation.spawn(name, (self) => runner(core, self, main as AppMain<never, never>));
  }

  /** Runs the simulation until the consumers have caught up (see the file comment) or the budget ends. */
  async drain(): Promise<DrainResult> {
    const outcome: SimulationOutcome = await clusterCore(this).simulation.run();
    const reason = outcome.reason === 'stopped' ? 'idle' : outcome.reason;
    return { reason, now: outcome.now, steps: outcome.steps, stalled: outcome.stalled };
  }
}

freezeClass(KafkaCluster);

/** Every consumer idle or gone, every group settled with live members, no restart pending. */
function workDone(core: ClusterCore): boolean {
  const consuming = new Set([...core.consumers].map((consumer) => consumer.process()));
  for (const process of core.simulation.processes) {
    if (process.restartAt !== undefined) return false;
    // An app that is not (yet) a consumer, e.g. a producer still sending, may still add to the log.
    if (process.alive && process.state !== 'stalled' && !consuming.has(process)) return false;
  }
  const live = new Map<string, number>();
  for (const consumer of core.consumers) {
    const process = consumer.process();
    if (consumer.stopped() || !process?.alive) continue;
    if (!consumer.idle()) return false;
    const membership = consumer.membership();
    if (membership) live.set(`${membership.groupId}\u0000${membership.memberId}`, membership.generation);
  }
  for (const consumer of core.consumers) {
    const membership = consumer.membership();
    if (!membership) continue;
    const group = core.coordinator.group(membership.groupId);
    if (!group) continue;
    for (const member of group.members) {
      // A dead member still holds partitions until its session expires; a live one may not have rejoined yet.
      if (live.get(`${membership.groupId}\u0000${member.memberId}`) !== group.generationId) return false;
    }
  }
  return true;
}

function checkedLatency(latency: Partial<BrokerLatency> = {}): Partial<BrokerLatency> {
  for (const [name, ms] of Object.entries(latency)) {
    if (!(name in DEFAULT_BROKER_LATENCY)) throw new Error(`Unknown latency '${name}'; known: ${Object.keys(DEFAULT_BROKER_LATENCY).join(', ')}.`);
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) throw new Error(`latency.${name} must be a finite number of ms >= 0, got ${String(ms)}.`);
  }
  return latency;
}
