/**
 * The physical join operator as an RDD. It runs whichever strategy the planner chose:
 * - BroadcastHashJoin: a broadcast stage collects the build side to the driver and builds the hash map; each
 *   task of the other (stream) side fetches it once per executor and probes it. The stream side never moves.
 * - SortMergeJoin / ShuffledHashJoin: both sides are shuffled by key into spark.sql.shuffle.partitions
 *   partitions, so equal keys meet in the same task; each task then sorts+merges or hashes+probes.
 * Under AQE a shuffle join looks at its shuffles' real sizes before joining and may turn into a broadcast join.
 */
import { hashPartition } from '../hash.ts';
import { replanWithRuntimeSizes, skewedPartitions } from '../adaptive/adaptive.ts';
import type { JoinDecision, JoinSelectionInput } from '../plan/join-selection.ts';
import { ParallelCollectionRDD, RDD, ShuffledRDD } from '../rdd.ts';
import type { Row } from '../row.ts';
import type { JobRun } from '../job.ts';
import { DRIVER_ID } from '../job-trace.ts';
import type { RuntimeConfig } from '../config.ts';
import type { JoinStrategyName } from '../job-trace.ts';
import { buildHashedRelation, hashJoin, type HashedRelation } from './hash-join.ts';
import type { BuildSide, CanonicalJoinType } from './join-type.ts';
import { keyExtractor, type JoinOutput } from './join-row.ts';
import { sortMergeJoin } from './sort-merge-join.ts';

export interface JoinSpec {
  keys: readonly string[];
  joinType: CanonicalJoinType;
  output: JoinOutput;
  outputColumns: readonly string[];
}

interface JobState {
  decision: JoinDecision;
  /** For broadcast joins: the side streamed through the map, and the broadcast relation. */
  stream?: RDD<Row>;
  relation?: HashedRelation;
  relationBytes?: number;
  relationRecords?: number;
  buildStageId?: number;
}

export class JoinExecRDD extends RDD<Row> {
  readonly spec: JoinSpec;
  readonly planned: JoinDecision;
  readonly left: RDD<Row>;
  readonly right: RDD<Row>;
  /** The shuffle exchanges, for shuffle-planned joins. */
  readonly leftExchange: ShuffledRDD<Row> | undefined;
  readonly rightExchange: ShuffledRDD<Row> | undefined;
  readonly #selection: JoinSelectionInput;
  readonly #conf: RuntimeConfig;
  readonly #adaptive: boolean;
  readonly #keyOf: (row: Row) => unknown;
  #lastStrategy: JoinStrategyName;

  constructor(
    spec: JoinSpec,
    left: RDD<Row>,
    right: RDD<Row>,
    planned: JoinDecision,
    selection: JoinSelectionInput,
    conf: RuntimeConfig,
    sizer: (row: Row) => number,
  ) {
    super(left.cluster, planned.strategy, sizer);
    this.spec = spec;
    this.planned = planned;
    this.left = left;
    this.right = right;
    this.#selection = selection;
    this.#conf = conf;
    this.#adaptive = conf.adaptiveEnabled();
    this.#keyOf = keyExtractor(spec.keys);
    this.#lastStrategy = planned.strategy;
    if (planned.strategy !== 'BroadcastHashJoin') {
      const n = selection.shufflePartitions;
      this.leftExchange = exchange(left, spec.keys, n);
      this.rightExchange = exchange(right, spec.keys, n);
    }
  }

  getNumPartitions(): number {
    if (this.planned.strategy === 'BroadcastHashJoin') return this.#side(this.#other(this.planned.buildSide!)).getNumPartitions();
    return this.#selection.shufflePartitions;
  }

  stepName(): string {
    return this.#lastStrategy;
  }

  narrowParent(): RDD<unknown> {
    return (this.planned.strategy === 'BroadcastHashJoin' ? this.#side(this.#other(this.planned.buildSide!)) : this.leftExchange!) as RDD<unknown>;
  }

  parents(): RDD<unknown>[] {
    return (this.leftExchange ? [this.leftExchange, this.rightExchange!] : [this.left, this.right]) as RDD<unknown>[];
  }

  /** The decision this join ran with in `job` (after any AQE replanning). */
  decisionIn(job: JobRun): JoinDecision | undefined {
    return (job.state.get(this) as JobState | undefined)?.decision;
  }

  prepare(job: JobRun): void {
    if (job.state.has(this)) return;
    let state: JobState;
    if (this.planned.strategy === 'BroadcastHashJoin') {
      const build = this.planned.buildSide!;
      const stream = this.#side(this.#other(build));
      stream.prepare(job);
      this.#side(build).prepare(job);
      state = { decision: this.planned, stream, ...this.#broadcastStage(job, this.#side(build)) };
    } else {
      const l = this.leftExchange!;
      const r = this.rightExchange!;
      l.prepare(job);
      r.prepare(job);
      state = { decision: this.planned };
      if (this.#adaptive) {
        const ls = job.shuffles.get(l.shuffleId)!;
        const rs = job.shuffles.get(r.shuffleId)!;
        const replanned = replanWithRuntimeSizes(this.planned, this.#selection, ls.totalBytes, rs.totalBytes, this.#conf);
        if (replanned) {
          const build = replanned.buildSide!;
          state = {
            decision: replanned,
            stream: build === 'left' ? r : l,
            ...this.#broadcastStage(job, build === 'left' ? l : r),
          };
        } else if (this.planned.strategy === 'SortMergeJoin') {
          for (const [side, s] of [['left', ls], ['right', rs]] as const) {
            const skewed = skewedPartitions(s.bytesByPartition, this.#conf);
            if (skewed.length) {
              job.note(
                `AQE skew join: ${side} side partition(s) ${skewed.join(', ')} are more than ` +
                  'spark.sql.adaptive.skewJoin.skewedPartitionFactor x the median size and above ' +
                  'skewedPartitionThresholdInBytes; Spark would split them into smaller tasks',
              );
            }
          }
        }
      }
    }
    job.state.set(this, state);
    for (const n of state.decision === this.planned ? this.planned.notes : [...this.planned.notes, ...state.decision.notes]) job.note(n);
    job.strategy = state.decision.strategy;
    this.#lastStrategy = state.decision.strategy;
  }

  compute(split: number, job: JobRun): readonly Row[] {
    const state = job.state.get(this) as JobState;
    const { joinType, output } = this.spec;
    const d = state.decision;
    let rows: Row[];
    if (d.strategy === 'BroadcastHashJoin') {
      // Reading the broadcast at task start: the first task on each executor fetches it from the driver.
      job.fetchJobBroadcast(`join ${this.id}`, state.relationBytes!, state.relationRecords!, state.buildStageId!);
      rows = hashJoin(state.stream!.compute(split, job), state.relation!, this.#keyOf, joinType, d.buildSide!, output);
    } else {
      const l = this.leftExchange!.compute(split, job);
      const r = this.rightExchange!.compute(split, job);
      if (d.strategy === 'ShuffledHashJoin') {
        const build = d.buildSide!;
        const relation = buildHashedRelation(build === 'left' ? l : r, this.#keyOf);
        rows = hashJoin(build === 'left' ? r : l, relation, this.#keyOf, joinType, build, output);
      } else rows = sortMergeJoin(l, r, this.#keyOf, joinType, output);
    }
    return Object.freeze(rows);
  }

  /** Collects the build side to the driver (one task per partition) and builds the hash map there. */
  #broadcastStage(job: JobRun, build: RDD<Row>): Omit<JobState, 'decision' | 'stream'> {
    const all: Row[] = [];
    const known = build instanceof ParallelCollectionRDD ? build.knownPartitionBytes : undefined;
    const sizer = build.sizer!;
    let total = 0;
    const stage = job.runStage(`${build.stageName()} → broadcast`, build.getNumPartitions(), (m, st) => {
      const part = build.compute(m, job);
      let bytes = 0;
      if (known) bytes = known[m];
      else for (let i = 0; i < part.length; i++) bytes += sizer(part[i]);
      for (let i = 0; i < part.length; i++) all.push(part[i]);
      total += bytes;
      // Each task sends its partition of the build side to the driver, which builds the table to broadcast.
      if (part.length) job.addTransfer('collect', st.id, st.id, job.executor, DRIVER_ID, part.length, bytes);
      return { records: part.length, bytes };
    });
    return {
      relation: buildHashedRelation(all, this.#keyOf),
      relationBytes: total,
      relationRecords: all.length,
      buildStageId: stage.id,
    };
  }

  #side(side: BuildSide): RDD<Row> {
    return side === 'left' ? this.left : this.right;
  }

  #other(side: BuildSide): BuildSide {
    return side === 'left' ? 'right' : 'left';
  }
}

/** Exchange hashpartitioning(keys, n): rows with equal keys land in the same partition on both sides. */
export function exchange(child: RDD<Row>, keys: readonly string[], n: number): ShuffledRDD<Row> {
  const keyOf = keyExtractor(keys);
  const partitioner =
    keys.length === 1
      ? (row: Row): number => hashPartition(row[keys[0]], n)
      : (row: Row): number => hashPartition(keyOf(row), n);
  return new ShuffledRDD<Row>(child, n, () => partitioner, 'Exchange', `hash(${n})`);
}
