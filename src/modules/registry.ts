/**
 * The one registry of modules that learner code and hidden checks may import. For each module it
 * says who may import it, where its public API lives (the editor's types are generated from that
 * entry, internals stripped), how a worker loads it (lazily: a page only fetches the modules its
 * exercises use), how a fresh worker warms it up, and which trace kinds its runs emit.
 *
 * The harness, the type checker, completions, build-time examples and the alias configs all read
 * this list; tsconfig.json maps `@sai/*` with one pattern that a unit test holds to it. Adding a
 * module is one entry here.
 */
import type { TraceKind } from '../engine/traces.ts';
import { KAFKA_WARM_UP } from './kafka-warm-up.ts';
import { SPARK_WARM_UP } from './spark-warm-up.ts';

/** Learner code (exercises, examples) or the hidden checks. */
export type Importer = 'learner' | 'checks';

export interface ModuleEntry {
  /** The import specifier, e.g. '@sai/spark'. */
  readonly name: string;
  readonly importers: readonly Importer[];
  /** The public entry file, relative to the project root. */
  readonly entry: string;
  /** Loads the module (a separate chunk in the browser). */
  load(): Promise<Record<string, unknown>>;
  /** A small example-mode program a fresh worker runs once, so the first Run finds the module compiled. */
  readonly warmUp?: string;
  readonly traceKinds: readonly TraceKind[];
  /** One line about the module, shown next to its completions. */
  readonly summary: string;
  /**
   * Which runner bundle carries it: one per simulated system, so a Kafka page never downloads Spark
   * ('shared' modules are in every bundle; see src/build/runner-bundle.ts).
   */
  readonly bundle: string;
}

export const MODULES: readonly ModuleEntry[] = [
  {
    name: '@sai/spark',
    importers: ['learner', 'checks'],
    entry: 'src/engine/spark/index.ts',
    load: () => import('../engine/spark/index.ts'),
    warmUp: SPARK_WARM_UP,
    traceKinds: ['spark-job'],
    summary: 'Simulated Spark: SparkSession, RDDs, DataFrames, joins',
    bundle: 'spark',
  },
  {
    name: '@sai/kafka',
    importers: ['learner', 'checks'],
    entry: 'src/engine/kafka/index.ts',
    load: () => import('../engine/kafka/index.ts'),
    warmUp: KAFKA_WARM_UP,
    traceKinds: ['kafka-partitions', 'kafka-crash-map', 'kafka-rebalance'],
    summary: 'Simulated Kafka: a KafkaJS-like client, consumer groups, an object store, crash points',
    bundle: 'kafka',
  },
  {
    name: '@sai/checks',
    importers: ['checks'],
    entry: 'src/checks/index.ts',
    load: () => import('../checks/index.ts'),
    traceKinds: [],
    summary: 'Check library: row equality, oracles, generators, properties',
    bundle: 'shared',
  },
  {
    name: '@sai/spark-checks',
    importers: ['checks'],
    entry: 'src/checks/spark/index.ts',
    load: () => import('../checks/spark/index.ts'),
    traceKinds: [],
    summary: 'Checks for Spark exercises: partition layouts, broadcast watching, join selection',
    bundle: 'spark',
  },
  {
    name: '@sai/kafka-checks',
    importers: ['checks'],
    entry: 'src/checks/kafka/index.ts',
    load: () => import('../checks/kafka/index.ts'),
    traceKinds: ['kafka-crash-map'],
    summary: 'Checks for Kafka exercises: the crash explorer, delivery expectations',
    bundle: 'kafka',
  },
];

/** The entry for an import specifier, if it is a registered module. */
export function moduleEntry(name: string): ModuleEntry | undefined {
  return MODULES.find((entry) => entry.name === name);
}

/** Modules learner code may import (what an exercise can declare in exercise.json). */
export function learnerModuleNames(): string[] {
  return MODULES.filter((entry) => entry.importers.includes('learner')).map((entry) => entry.name);
}

/** Modules only hidden checks may import, on top of the exercise's own. */
export function checkOnlyModuleNames(): string[] {
  return MODULES.filter((entry) => !entry.importers.includes('learner')).map((entry) => entry.name);
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

/** Loads registered modules (each once per realm); unknown names are an error naming the known ones. */
export async function loadModules(names: readonly string[]): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const entry = moduleEntry(name);
    if (!entry) throw new Error(`Unknown module '${name}'. Modules: ${MODULES.map((m) => `'${m.name}'`).join(', ')}.`);
    let promise = loaded.get(name);
    if (!promise) {
      promise = entry.load();
      loaded.set(name, promise);
    }
    out[name] = await promise;
  }
  return out;
}

/** Absolute paths of every module's entry, for bundler and test-runner aliases. */
export function moduleAliases(projectRoot: URL): Record<string, string> {
  return Object.fromEntries(MODULES.map((entry) => [entry.name, decodeURIComponent(new URL(entry.entry, projectRoot).pathname)]));
}
