/**
 * The crash explorer: runs a consumer app once without faults, lists every call it made (join,
 * fetch, each handler call, each store write, each commit, each heartbeat sent...), then runs the
 * same scenario again once per crash point, crashing the app just before or just after that call.
 * A supervisor restarts the app (restartAfter), the group drains the log, and the sink is diffed
 * against the log: exact, duplicated offsets, lost offsets (delivery.ts). With `pairs`, it also
 * crashes the restarted app once more at every point of its second life.
 *
 * Everything is on the simulation's clock and seed: the same scenario gives the same report.
 */
import type { Budget } from '../kernel/budget.ts';
import type { CallRecord, CrashPoint } from '../kernel/faults.ts';
import type { StoreClient, Kafka } from './client.ts';
import { clusterCore, KafkaCluster, type DrainResult } from './cluster.ts';
import { deliveriesFromStore, describeDiff, diffDeliveries, type Delivery, type DeliveryDiff } from './delivery.ts';

export interface CrashScenario {
  /** Topics and records, before the app starts (producing here is outside the simulation). */
  setup(cluster: KafkaCluster): unknown;
  /** The app under test: the consumer code, given a client and a store of its own. */
  app(kafka: Kafka, store: StoreClient): unknown;
  /** Topics whose every record must reach the sink exactly once; default: all topics after setup. */
  topics?: readonly string[];
  /** What reached the sink; default: deliveriesFromStore (objects holding lists of records). */
  delivered?(cluster: KafkaCluster): Delivery[];
  /** Virtual ms from a crash to the app's restart; default 1000. */
  restartAfter?: number;
  seed?: number;
  /** Steps and virtual time of each run (default DEFAULT_CLUSTER_BUDGET): a consumer that never catches up ends sooner. */
  budget?: Budget;
  /** Also crash every restarted app once more (for effectively-once); default false. */
  pairs?: boolean;
}

export interface ScenarioRun {
  readonly crashes: readonly CrashPoint[];
  readonly diff: DeliveryDiff;
  readonly drain: DrainResult;
  /** Every crashable call of the run, in order. */
  readonly calls: readonly CallRecord[];
  /** Consumers that crashed for good or restarted after spent retries. */
  readonly consumerCrashes: readonly { error: string; restart: boolean; time: number }[];
  /** Why the sink could not be read, if it could not. */
  readonly sinkError?: string;
}

export interface CrashPointReport {
  /** The crash (or, for a pair, both crashes), in order. */
  readonly points: readonly CrashPoint[];
  /** "crash after commitOffsets(p0 -> 120), before put(sink/p0/100)". */
  readonly description: string;
  /** Index in the clean run's calls of the (first) crash, and its time. */
  readonly callIndex: number;
  readonly time: number;
  readonly run: ScenarioRun;
}

export interface CrashReport {
  readonly clean: ScenarioRun;
  readonly singles: readonly CrashPointReport[];
  readonly pairs: readonly CrashPointReport[];
}

export const DEFAULT_RESTART_AFTER_MS = 1000;

/** Runs the scenario once with the given crash points. */
export async function runScenario(scenario: CrashScenario, crashes: readonly CrashPoint[] = []): Promise<ScenarioRun> {
  const cluster = new KafkaCluster({ seed: scenario.seed, crashes, budget: scenario.budget });
  await scenario.setup(cluster);
  const topics = scenario.topics ?? cluster.topics();
  cluster.start('app', scenario.app as never);
  const drain = await cluster.drain();
  const core = clusterCore(cluster);
  let delivered: Delivery[] = [];
  let sinkError: string | undefined;
  try {
    delivered = scenario.delivered ? scenario.delivered(cluster) : deliveriesFromStore(cluster, topics[0] ?? '');
  } catch (error) {
    sinkError = error instanceof Error ? error.message : String(error);
  }
  return Object.freeze({
    crashes: Object.freeze([...crashes]),
    diff: diffDeliveries(cluster, topics, delivered),
    drain,
    calls: Object.freeze([...core.simulation.faults.log]),
    consumerCrashes: Object.freeze(core.crashes.map(({ error, restart, time }) => ({ error, restart, time }))),
    ...(sinkError === undefined ? {} : { sinkError }),
  });
}

/** The clean run, then one run per crash point (and per pair of crash points with `pairs`). */
export async function exploreCrashes(scenario: CrashScenario): Promise<CrashReport> {
  const restartAfter = scenario.restartAfter ?? DEFAULT_RESTART_AFTER_MS;
  const clean = await runScenario(scenario);
  const singles: CrashPointReport[] = [];
  const pairs: CrashPointReport[] = [];
  for (const [index, call] of clean.calls.entries()) {
    for (const when of ['before', 'after'] as const) {
      const point: CrashPoint = { call: call.call, nth: call.nth, when, restartAfter };
      const run = await runScenario(scenario, [point]);
      const description = describeCrash(clean.calls, index, when);
      singles.push(Object.freeze({ points: Object.freeze([point]), description, callIndex: index, time: call.time, run }));
      if (!scenario.pairs) continue;
      // The second crash: at every call the restarted app makes after the first crash.
      const crashedAt = run.calls.findIndex((c) => c.call === call.call && c.nth === call.nth);
      for (const [later, second] of run.calls.entries()) {
        if (later <= crashedAt) continue;
        for (const secondWhen of ['before', 'after'] as const) {
          const secondPoint: CrashPoint = { call: second.call, nth: second.nth, when: secondWhen, restartAfter };
          const both = await runScenario(scenario, [point, secondPoint]);
          pairs.push(
            Object.freeze({
              points: Object.freeze([point, secondPoint]),
              description: `${description}; then ${describeCrash(run.calls, later, secondWhen)}`,
              callIndex: index,
              time: call.time,
              run: both,
            }),
          );
        }
      }
    }
  }
  return Object.freeze({ clean, singles: Object.freeze(singles), pairs: Object.freeze(pairs) });
}

const label = (call: CallRecord | undefined) => (call ? (call.detail ?? call.call) : '');

/**
 * "crash after commitOffsets(p0 -> 120), before put(sink/p0/100)": where in the clean run's calls.
 * A handler's own calls are listed after the handler's call, so a crash after eachBatch returned
 * comes after them too (the call's `end`).
 */
export function describeCrash(calls: readonly CallRecord[], index: number, when: 'before' | 'after'): string {
  const returnedAfter = Math.max(index, calls[index]?.end ?? index);
  const previous = when === 'before' ? calls[index - 1] : calls[index];
  const next = when === 'before' ? calls[index] : calls[returnedAfter + 1];
  if (!previous) return `crash before ${label(next)} (the first call)`;
  const made = when === 'after' && returnedAfter > index ? calls.slice(index + 1, returnedAfter + 1).map(label) : [];
  const after = made.length > 0 ? `${label(previous)} returned (it made ${made.join(', ')})` : label(previous);
  if (!next) return `crash after ${after} (the last call)`;
  return `crash after ${after}, before ${label(next)}`;
}

/** One line for a report: the crash point and what it did to the sink. */
export function describeCrashOutcome(report: CrashPointReport): string {
  const { run } = report;
  const parts = [`${report.description}: ${describeDiff(run.diff)}`];
  if (run.sinkError) parts.push(`(the sink could not be read: ${run.sinkError})`);
  if (run.drain.reason === 'step-budget' || run.drain.reason === 'time-budget') parts.push(`(the group never caught up: ${run.drain.reason} at ${run.drain.now} ms)`);
  return parts.join(' ');
}
