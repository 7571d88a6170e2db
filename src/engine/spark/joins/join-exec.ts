/**
 * The physical join operator as an RDD. It runs whichever strategy the planner chose:
 * - BroadcastHashJoin: a broadcast stage collects the build side to the driver and builds the hash map; each
 *   task of the other (stream) side fetches it once per executor and probes it. The stream side never moves.
 * - SortMergeJoin / ShuffledHashJoin: both sides are shuffled by key into spark.sql.shuffle.partitions
 *   partitions, so equal keys meet in the same task; each task then sorts+merges or hashes+probes.
 * Under AQE a shuffle join looks at its shuffles' real sizes before joining: it may turn into a broadcast
 * join, split skewed partitions into several tasks (OptimizeSkewedJoin), and pack small neighbouring
 * partitions into one task (CoalesceShufflePartitions). Either way, each task reads the same specs of
 * both sides, so equal keys still meet.
 */
import { AQEShuffleReadRDD } from '../adaptive/aqe-shuffle-read.ts';
import { coalesceSettings, coalesceShufflePartitions, coalescingEnabled } from '../adaptive/coalesce-partitions.ts';
import { replanWithRuntimeSizes } from '../adaptive/replan-broadcast.ts';
import { optimizeSkewedJoin, skewJoinEnabled, skewSettings } from '../adaptive/skew-join.ts';
import type { ShufflePartitionSpec } from '../adaptive/partition-spec.ts';
import { exchange } from '../exchange.ts';
import type { JoinDecision, JoinSelectionInput } from '../plan/join-selection.ts';
import { clusterOf, engineRdd, ParallelCollectionRDD, RDD, type ShuffledRDD } from '../rdd.ts';
import type { Row } from '../row.ts';
import { requireRunningJob, type JobRun } from '../job.ts';
import { deepFreeze } from '../../kernel/freeze.ts';
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
  /** A shuffle join that ran split skewed partitions (explain: SortMergeJoin(skew=true)). */
  skew?: boolean;
}

/** What AQE changed in a finished job's shuffle join, for explain(). */
export interface AdaptiveJoinInfo {
  skew: boolean;
  /** How each side's AQEShuffleRead reads ('coalesced', 'skewed', ...); undefined: no read node. */
  left?: string;
  right?: string;
}

export class JoinExecRDD extends RDD<Row> {
  readonly spec: JoinSpec;
  readonly planned: JoinDecision;
  readonly left: RDD<Row>;
  readonly right: RDD<Row>;
  /** The shuffle exchanges, for shuffle-planned joins, and how this join reads them. */
  readonly leftExchange: ShuffledRDD<Row> | undefined;
  readonly rightExchange: ShuffledRDD<Row> | undefined;
  readonly leftRead: AQEShuffleReadRDD<Row> | undefined;
  readonly rightRead: AQEShuffleReadRDD<Row> | undefined;
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
    const cluster = clusterOf(left as RDD<unknown>);
    if (clusterOf(right as RDD<unknown>) !== cluster) throw new Error('A join needs both sides to come from the same SparkSession.');
    super(cluster, planned.strategy, sizer);
    // What the join runs with is fixed here: nothing reachable from the RDD can change it later.
    this.spec = deepFreeze(spec);
    this.planned = deepFreeze(planned);
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
      this.leftRead = new AQEShuffleReadRDD(this.leftExchange);
      this.rightRead = new AQEShuffleReadRDD(this.rightExchange);
    }
    Object.freeze(this);
  }

  /** Stream side partitions for a broadcast join; for a shuffle join, the tasks AQE made (as planned outside a job). */
  getNumPartitions(): number {
    if (this.planned.strategy === 'BroadcastHashJoin') return this.#side(this.#other(this.planned.buildSide!)).getNumPartitions();
    return this.leftRead!.getNumPartitions();
  }

  stepName(): string {
    return this.#lastStrategy;
  }

  narrowParent(): RDD<unknown> {
    return (this.planned.strategy === 'BroadcastHashJoin' ? this.#side(this.#other(this.planned.buildSide!)) : this.leftRead!) as RDD<unknown>;
  }

  parents(): RDD<unknown>[] {
    return (this.leftRead ? [this.leftRead, this.rightRead!] : [this.left, this.right]) as RDD<unknown>[];
  }

  /** The decision this join ran with in `job` (after any AQE replanning). */
  decisionIn(job: JobRun): JoinDecision | undefined {
    return (job.state.get(this) as JobState | undefined)?.decision;
  }

  /** How AQE changed this join's shuffle reads in `job`. */
  adaptiveIn(job: JobRun): AdaptiveJoinInfo {
    const state = job.state.get(this) as JobState | undefined;
    if (!state || state.decision.strategy === 'BroadcastHashJoin' || !this.leftRead) return { skew: false };
    return { skew: state.skew === true, left: this.leftRead.describeIn(job), right: this.rightRead!.describeIn(job) };
  }

  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
    if (job.state.has(this)) return;
    let state: JobState;
    const aqeNotes: string[] = [];
    if (this.planned.strategy === 'BroadcastHashJoin') {
      const build = this.planned.buildSide!;
      const stream = this.#side(this.#other(build));
      stream.prepare(job);
      this.#side(build).prepare(job);
      state = { decision: this.planned, stream, ...this.#broadcastStage(job, this.#side(build)) };
    } else {
      const l = this.leftExchange!;
      const r = this.rightExchange!;
      this.leftRead!.prepare(job);
      this.rightRead!.prepare(job);
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
        } else state = { decision: this.planned, skew: this.#planReads(job, aqeNotes) };
      }
    }
    job.state.set(this, state);
    for (const n of state.decision === this.planned ? this.planned.notes : [...this.planned.notes, ...state.decision.notes]) job.note(n);
    for (const n of aqeNotes) job.note(n);
    job.strategy = state.decision.strategy;
    this.#lastStrategy = state.decision.strategy;
  }

  compute(split: number, job: JobRun): readonly Row[] {
    requireRunningJob(job, 'compute');
    const state = job.state.get(this) as JobState;
    const { joinType, output } = this.spec;
    const d = state.decision;
    let rows: Row[];
    if (d.strategy === 'BroadcastHashJoin') {
      // Reading the broadcast at task start: the first task on each executor fetches it from the driver.
      job.fetchJobBroadcast(`join ${this.id}`, state.relationBytes!, state.relationRecords!, state.buildStageId!);
      rows = hashJoin(state.stream!.compute(split, job), state.relation!, this.#keyOf, joinType, d.buildSide!, output);
    } else {
      // Task `split` reads the same spec index of both sides: equal keys still meet.
      const l = this.leftRead!.compute(split, job);
      const r = this.rightRead!.compute(split, job);
      if (d.strategy === 'ShuffledHashJoin') {
        const build = d.buildSide!;
        const relation = buildHashedRelation(build === 'left' ? l : r, this.#keyOf);
        rows = hashJoin(build === 'left' ? r : l, relation, this.#keyOf, joinType, build, output);
      } else rows = sortMergeJoin(l, r, this.#keyOf, joinType, output);
    }
    return Object.freeze(rows);
  }

  /**
   * The AQE rules for a join that stays a shuffle join, in Spark's order: split skewed partitions, then
   * coalesce the partitions between the splits. Sets both reads' specs; returns whether a split happened.
   */
  #planReads(job: JobRun, notes: string[]): boolean {
    const left = this.leftRead!.statistics(job);
    const right = this.rightRead!.statistics(job);
    let specs: ShufflePartitionSpec[][] | undefined;
    if (skewJoinEnabled(this.#conf)) {
      const skew = optimizeSkewedJoin(left, right, this.spec.joinType, skewSettings(this.#conf));
      notes.push(...skew.notes);
      specs = skew.specs;
    }
    const skewed = specs !== undefined;
    if (coalescingEnabled(this.#conf)) {
      const cluster = clusterOf(this);
      const coalesced = coalesceShufflePartitions([left, right], specs, coalesceSettings(this.#conf, cluster.executors * cluster.coresPerExecutor));
      if (coalesced) {
        notes.push(coalesced.note);
        specs = coalesced.specs;
      }
    }
    this.leftRead!.setSpecs(job, specs?.[0]);
    this.rightRead!.setSpecs(job, specs?.[1]);
    return skewed;
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

engineRdd(JoinExecRDD);
