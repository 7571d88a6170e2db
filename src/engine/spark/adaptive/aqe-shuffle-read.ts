/**
 * AQEShuffleRead: reads a shuffle the way AQE decided once its map stage had run. Without specs it reads
 * reducer i in task i, as planned; with specs, task i reads specs[i]: a range of reducers (coalesced) or a
 * run of one reducer's map outputs (a piece of a skewed partition). Its partition count is the job's: a
 * learner sees as many tasks in the stage as AQE made.
 */
import { requireRunningJob, type JobRun } from '../job.ts';
import { clusterOf, concat, engineRdd, RDD, ShuffledRDD } from '../rdd.ts';
import { mapOutputStatistics, type MapOutputStatistics } from './map-output-statistics.ts';
import { describeSpecs, type ShufflePartitionSpec } from './partition-spec.ts';

/** Chooses the specs for one job once the shuffle's map stage has run (undefined: read as planned). */
export type ReadPlanner = (job: JobRun, stats: MapOutputStatistics) => ShufflePartitionSpec[] | undefined;

interface ReadState {
  specs?: readonly ShufflePartitionSpec[];
}

export class AQEShuffleReadRDD<T> extends RDD<T> {
  readonly shuffle: ShuffledRDD<T>;
  readonly #planner: ReadPlanner | undefined;

  /** `planner` decides on its own (an aggregate's read); without one, the operator above sets the specs (a join). */
  constructor(shuffle: ShuffledRDD<T>, planner?: ReadPlanner) {
    if (!(shuffle instanceof ShuffledRDD)) throw new Error('AQEShuffleRead reads a shuffle: an RDD made by partitionBy, repartition or an exchange.');
    super(clusterOf(shuffle as RDD<unknown>), 'AQEShuffleRead', shuffle.sizer);
    this.shuffle = shuffle;
    this.#planner = planner;
    Object.freeze(this);
  }

  /** The map output statistics AQE looks at (the map stage must have run in `job`). */
  statistics(job: JobRun): MapOutputStatistics {
    const output = job.shuffles.get(this.shuffle.shuffleId);
    if (!output) throw new Error(`internal: shuffle ${this.shuffle.shuffleId} has not run in job ${job.id}`);
    return mapOutputStatistics(output);
  }

  /** Partitions of the running job (AQE's task count), or as planned outside a job. */
  getNumPartitions(): number {
    const specs = this.specsIn(clusterOf(this as RDD<unknown>).activeJob);
    return specs ? specs.length : this.shuffle.getNumPartitions();
  }

  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
    this.shuffle.prepare(job);
    if (this.#planner && !job.state.has(this)) this.setSpecs(job, this.#planner(job, this.statistics(job)));
  }

  /** The specs this read uses in `job`, if AQE changed anything. */
  specsIn(job: JobRun | null | undefined): readonly ShufflePartitionSpec[] | undefined {
    return job ? (job.state.get(this) as ReadState | undefined)?.specs : undefined;
  }

  setSpecs(job: JobRun, specs: readonly ShufflePartitionSpec[] | undefined): void {
    job.state.set(this, specs ? { specs } : {});
  }

  /** explain()'s words for this read in `job` ('coalesced', 'skewed', ...), or undefined when there is no read node. */
  describeIn(job: JobRun | undefined): string | undefined {
    const specs = this.specsIn(job);
    return specs ? describeSpecs(specs) : undefined;
  }

  compute(split: number, job: JobRun): readonly T[] {
    requireRunningJob(job, 'compute');
    const specs = this.specsIn(job);
    if (!specs) return this.shuffle.compute(split, job);
    const id = this.shuffle.shuffleId;
    const spec = specs[split];
    if (spec.kind === 'partialReducer') return job.readShuffle(id, spec.reducerIndex, spec.startMapIndex, spec.endMapIndex) as readonly T[];
    if (spec.endReducerIndex - spec.startReducerIndex === 1) return job.readShuffle(id, spec.startReducerIndex) as readonly T[];
    const parts: (readonly T[])[] = [];
    for (let r = spec.startReducerIndex; r < spec.endReducerIndex; r++) parts.push(job.readShuffle(id, r) as readonly T[]);
    return Object.freeze(concat(parts));
  }

  narrowParent(): undefined {
    return undefined;
  }

  parents(): RDD<unknown>[] {
    return [this.shuffle as RDD<unknown>];
  }

  /** Named like the shuffle read it replaces, so stage names stay the same. */
  stepName(): string {
    return this.shuffle.stepName();
  }
}

engineRdd(AQEShuffleReadRDD);
