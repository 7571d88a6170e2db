/**
 * Learner code runs in the realm of the engine and the hidden checks, holding engine objects. These
 * tests play the learner trying to forge a pass: patching what the checks read (job reports, metrics,
 * the session's record), replacing engine methods, reaching the cluster that does the accounting, or
 * reading partitions outside a job. Only the public API is used, as learner code would (this file is
 * strict mode, like learner code).
 */
import { describe, expect, test } from 'vitest';
import { Broadcast, DataFrame, RDD, SparkContext, SparkSession, type JobReport, type Row } from '@sai/spark';

/** Any object seen as a bag of properties: what learner code can try on anything it holds. */
type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose => value as Loose;
/** The class of an object, reached the way learner code can: through its prototype. */
const classOf = (value: object): new (...args: unknown[]) => object => Object.getPrototypeOf(value).constructor;

const session = () => new SparkSession({ executors: 2, coresPerExecutor: 2 });

/** A finished shuffle job, and the session that ran it. */
function shuffled() {
  const spark = session();
  const rdd = spark.sparkContext.parallelize([[1, 'a'], [2, 'b'], [3, 'c'], [1, 'd']] as [number, string][], 2).partitionBy(3);
  rdd.collect();
  return { spark, rdd, job: spark.lastJob() as JobReport };
}

/** What a fake job handed to compute()/prepare() would look like: enough to be read, nothing counted. */
const fakeJob = () => ({
  id: 0,
  executor: 0,
  shuffles: new Map(),
  state: new Map(),
  readShuffle: () => [],
  runShuffleMapStage: () => undefined,
  runStage: () => undefined,
});

describe('the cluster that records jobs is out of reach', () => {
  test('RDDs and DataFrames have no cluster, plan or other engine internals as properties', () => {
    const spark = session();
    const rdd = spark.sparkContext.parallelize([1, 2, 3]);
    const df = spark.createDataFrame([{ k: 1 }]);
    expect(loose(rdd).cluster).toBeUndefined();
    expect(loose(rdd.map((x) => x)).cluster).toBeUndefined();
    expect(loose(df).cluster).toBeUndefined();
    expect(loose(df).plan).toBeUndefined();
    expect(loose(df.rdd).cluster).toBeUndefined();
    for (const value of [spark, spark.sparkContext, rdd, df, spark.sparkContext.broadcast(1)]) {
      const names = [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertyNames(Object.getPrototypeOf(value))];
      expect(names.filter((n) => /cluster|activeJob|recordJob|broadcastCopies|next\w*Id/.test(n)), classOf(value).name).toEqual([]);
    }
  });

  test('an RDD, DataFrame, SparkContext or Broadcast cannot be made around a made-up cluster', () => {
    const spark = session();
    const rdd = spark.sparkContext.parallelize([1, 2], 2);
    let ids = 0;
    const recorded: unknown[] = [];
    const fakeCluster = {
      executors: 1,
      coresPerExecutor: 1,
      conf: spark.conf,
      seed: 1,
      taskOrder: 'partition',
      nextRddId: () => ids++,
      nextShuffleId: () => ids++,
      nextBroadcastId: () => ids++,
      nextJobId: () => ids++,
      broadcastCopies: new Map(),
      activeJob: null,
      recordJob: (report: unknown) => recorded.push(report),
    };
    const ParallelCollection = classOf(rdd);
    expect(() => new ParallelCollection(fakeCluster, [[1, 2]], 'forged')).toThrow(/cannot be made directly/);
    expect(() => new (DataFrame as unknown as new (...args: unknown[]) => object)(fakeCluster, {})).toThrow(/cannot be made directly/);
    expect(() => new (SparkContext as unknown as new (...args: unknown[]) => object)(fakeCluster)).toThrow(/cannot be made directly/);
    expect(() => new (Broadcast as unknown as new (...args: unknown[]) => object)(fakeCluster, 1)).toThrow(/cannot be made directly/);
    expect(recorded).toEqual([]);
  });
});

describe('partitions are computed only inside a job the scheduler runs', () => {
  test('compute() and prepare() outside any job throw, whatever is passed as the job', () => {
    const spark = session();
    const rdd = spark.sparkContext.parallelize([1, 2, 3, 4], 2);
    const steps = [rdd, rdd.map((x) => x * 2), rdd.keyBy((x) => x).partitionBy(2), rdd.zipPartitions(rdd, (a, b) => [...a, ...b])];
    for (const step of steps) {
      for (const job of [undefined, null, {}, fakeJob(), spark, 0]) {
        expect(() => (step as unknown as { compute(i: number, j: unknown): unknown }).compute(0, job)).toThrow(
          /compute\(\) is the scheduler's: run an action such as collect\(\)/,
        );
        expect(() => (step as unknown as { prepare(j: unknown): unknown }).prepare(job)).toThrow(/prepare\(\) is the scheduler's/);
      }
    }
    expect(spark.jobs).toHaveLength(0);
  });

  test("a DataFrame's RDDs (scans, joins, shuffle reads) refuse compute() outside a job too", () => {
    const spark = new SparkSession({ conf: { 'spark.sql.autoBroadcastJoinThreshold': -1 } });
    const joined = spark.createDataFrame([{ k: 1, a: 1 }]).join(spark.createDataFrame([{ k: 1, b: 2 }]), 'k');
    const join = joined.rdd as unknown as Loose & { compute(i: number, j: unknown): unknown };
    expect(() => join.compute(0, fakeJob())).toThrow(/scheduler's/);
    const read = loose(join).leftRead as { compute(i: number, j: unknown): unknown };
    expect(() => read.compute(0, fakeJob())).toThrow(/scheduler's/);
    const scan = loose(loose(loose(read).shuffle).parent) as { compute(i: number, j: unknown): unknown };
    expect(() => scan.compute(0, undefined)).toThrow(/scheduler's/);
  });

  test('inside a task, another RDD cannot be computed with anything the task can get hold of', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const small = sc.parallelize([{ k: 1, secret: 'x' }], 1);
    const smallCompute = (job: unknown) => (small as unknown as { compute(i: number, j: unknown): unknown }).compute(0, job);
    const attempts = sc
      .parallelize([1, 2], 2)
      .mapPartitions(function (this: unknown, part, index) {
        // Everything in reach of a task: its arguments, `this`, the cluster's running job if it were reachable.
        const grabbed = [part, index, this, loose(small).cluster, loose(loose(small).cluster)?.activeJob, fakeJob()];
        return grabbed.map((job) => {
          try {
            smallCompute(job);
            return 'read the small side';
          } catch {
            return 'refused';
          }
        });
      })
      .collect();
    expect(new Set(attempts)).toEqual(new Set(['refused']));
  });

  test('RDD cannot be extended, so the scheduler never hands the running job to learner code', () => {
    const spark = session();
    const rdd = spark.sparkContext.parallelize([1, 2], 2);
    const mapped = rdd.map((x) => x);
    const stolen: unknown[] = [];
    const MapPartitions = classOf(mapped);
    class Spy extends MapPartitions {
      compute(split: number, job: unknown): readonly number[] {
        stolen.push(job);
        return [];
      }
    }
    expect(() => new Spy(rdd, 'spy', (p: number[]) => p)).toThrow(/RDD cannot be extended/);
    const Base = RDD as unknown as new (...args: unknown[]) => object;
    class Custom extends Base {}
    expect(() => new Custom(undefined, 'custom')).toThrow(/RDD cannot be extended/);
    expect(stolen).toEqual([]);
  });

  test('an RDD-like object is refused wherever the engine takes an RDD', () => {
    const spark = session();
    const rdd = spark.sparkContext.parallelize([1, 2], 2);
    const seen: unknown[] = [];
    const fake = Object.create(RDD.prototype, {
      getNumPartitions: { value: () => 2 },
      prepare: { value: (job: unknown) => seen.push(job) },
      compute: {
        value: (_: number, job: unknown) => {
          seen.push(job);
          return [];
        },
      },
      stageName: { value: () => 'fake' },
    }) as RDD<number>;
    expect(() => rdd.zipPartitions(fake, (a) => a)).toThrow(/RDD made by this engine/);
    expect(() => RDD.prototype.collect.call(fake)).toThrow(/RDD made by this engine/);
    expect(() => RDD.prototype.map.call(fake, (x: number) => x)).toThrow(/RDD made by this engine/);
    expect(() => new (classOf(rdd.map((x) => x)))(fake, 'map', (p: number[]) => p)).toThrow(/RDD made by this engine/);
    const df = spark.createDataFrame([{ k: 1 }]);
    expect(() => df.join(Object.create(DataFrame.prototype) as DataFrame, 'k')).toThrow(/must be a DataFrame/);
    expect(seen).toEqual([]);
    expect(spark.jobs).toHaveLength(0);
  });
});

describe('job reports are frozen once recorded', () => {
  test("a job's metrics, stages and trace cannot be changed", () => {
    const { spark, job } = shuffled();
    const written = job.metrics.shuffleWriteRecords;
    expect(written).toBe(4);
    expect(() => {
      job.metrics.shuffleWriteRecords = 0;
    }).toThrow(TypeError);
    expect(() => {
      (spark.lastJob() as JobReport).metrics.broadcastBytes = 0;
    }).toThrow(TypeError);
    expect(() => {
      job.metrics = { ...job.metrics, shuffleWriteRecords: 0 };
    }).toThrow(TypeError);
    expect(() => {
      job.stages[0].shuffleWriteRecords = 0;
    }).toThrow(TypeError);
    expect(() => job.stages[0].partitionRecords.fill(0)).toThrow(TypeError);
    expect(() => job.stages.pop()).toThrow(TypeError);
    expect(() => {
      job.trace.transfers.length = 0;
    }).toThrow(TypeError);
    expect(() => {
      job.trace.stages[0].partitions[0].records = 0;
    }).toThrow(TypeError);
    expect(spark.lastJob()?.metrics.shuffleWriteRecords).toBe(written);
    expect(spark.lastJob()?.stages).toHaveLength(2);
  });

  test("the session's record of jobs cannot be added to, emptied or reordered", () => {
    const { spark, job } = shuffled();
    const forged = { ...job, metrics: { ...job.metrics, shuffleWriteRecords: 0 } };
    const jobs = spark.jobs as JobReport[];
    expect(() => jobs.push(forged)).toThrow(TypeError);
    expect(() => {
      jobs.length = 0;
    }).toThrow(TypeError);
    expect(() => jobs.splice(0, 1)).toThrow(TypeError);
    expect(() => {
      jobs[0] = forged;
    }).toThrow(TypeError);
    expect(spark.jobs).toEqual([job]);
    expect(spark.lastJob()).toBe(job);
    expect(Object.isFrozen(spark.totalMetrics())).toBe(true);
  });

  test('a fake RDD returned by learner code cannot make the session record a fake job', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const large = sc.parallelize([{ k: 1 }, { k: 2 }], 2);
    // "Learner code": an object that looks like the join the check asked for. Its action runs a real
    // (cheap) job, then tries to dress up the record before the check reads it.
    const learnerJoin = () => ({
      getNumPartitions: () => 2,
      collectPartitions(): Row[][] {
        const parts = large.collectPartitions();
        const attempts = [
          () => Object.assign((spark.lastJob() as JobReport).metrics, { shuffleWriteRecords: 0, broadcastBytes: 99 }),
          () => (spark.jobs as JobReport[]).push({ ...(spark.lastJob() as JobReport), description: 'forged' }),
          () => Object.defineProperty(spark, 'lastJob', { value: () => ({ description: 'forged' }) }),
          () => Object.defineProperty(spark, 'jobs', { get: () => [] }),
          () => Object.defineProperty(SparkSession.prototype, 'lastJob', { value: () => ({ description: 'forged' }) }),
        ];
        for (const attempt of attempts) expect(attempt).toThrow(TypeError);
        return parts;
      },
    });
    const joined = learnerJoin();
    joined.collectPartitions();
    // What the check reads is the real job, as it ran.
    expect(spark.jobs.map((j) => j.description)).toEqual(['collectPartitions']);
    expect(spark.lastJob()?.metrics.outputRecords).toBe(2);
    expect(spark.lastJob()?.metrics.broadcastBytes).toBe(0);
  });
});

describe('engine classes and objects cannot be patched', () => {
  test('replacing a method on an exported class throws', () => {
    const patches: [object, string][] = [
      [RDD.prototype, 'collect'],
      [RDD.prototype, 'collectPartitions'],
      [SparkSession.prototype, 'lastJob'],
      [SparkSession.prototype, 'totalMetrics'],
      [SparkContext.prototype, 'broadcast'],
      [SparkContext.prototype, 'parallelize'],
      [DataFrame.prototype, 'collect'],
      [Broadcast.prototype, 'value'],
    ];
    for (const [target, name] of patches) {
      expect(() => {
        (target as Loose)[name] = () => [];
      }, name).toThrow(TypeError);
      expect(() => Object.defineProperty(target, name, { value: () => [] }), name).toThrow(TypeError);
    }
    expect(() => Object.setPrototypeOf(RDD.prototype, {})).toThrow(TypeError);
    expect(() => {
      (RDD as unknown as Loose).prototype = {};
    }).toThrow(TypeError);
  });

  test("the engine's own RDD classes (reached through an RDD) are frozen, statics too", () => {
    const spark = new SparkSession({ conf: { 'spark.sql.autoBroadcastJoinThreshold': -1 } });
    const rdd = spark.sparkContext.parallelize([[1, 1]] as [number, number][], 2);
    const df = spark.createDataFrame([{ k: 1 }]);
    const joinRdd = df.join(spark.createDataFrame([{ k: 1, v: 2 }]), 'k').rdd;
    const objects: object[] = [rdd, rdd.map((x) => x), rdd.partitionBy(2), rdd.zipPartitions(rdd, (a) => a), joinRdd, loose(joinRdd).leftRead as object];
    for (const object of objects) {
      const cls = classOf(object);
      expect(Object.isFrozen(cls.prototype), cls.name).toBe(true);
      expect(Object.isFrozen(cls), cls.name).toBe(true);
      expect(() => {
        (cls.prototype as Loose).compute = () => [];
      }, cls.name).toThrow(TypeError);
    }
    expect(() => {
      (classOf(rdd) as unknown as Loose).slice = () => [[]];
    }).toThrow(TypeError);
  });

  test('engine objects are frozen: no method can be shadowed and no field changed on one', () => {
    const spark = new SparkSession({ conf: { 'spark.sql.autoBroadcastJoinThreshold': -1 } });
    const sc = spark.sparkContext;
    const rdd = sc.parallelize([1, 2], 2);
    const df = spark.createDataFrame([{ k: 1 }]);
    const joinRdd = df.join(spark.createDataFrame([{ k: 1, v: 2 }]), 'k').rdd;
    const handle = sc.broadcast(new Map([[1, 'a']]));
    const changes: [object, string, unknown][] = [
      [spark, 'lastJob', () => undefined],
      [spark, 'sparkContext', sc],
      [spark, 'executors', 1],
      [sc, 'broadcast', () => handle],
      [rdd, 'collect', () => []],
      [rdd, 'compute', () => []],
      [rdd, 'id', 99],
      [rdd, 'sizer', () => 0],
      [rdd, 'knownPartitionBytes', [0, 0]],
      [rdd.keyBy((x) => x).partitionBy(2), 'shuffleId', 0],
      [df, 'collect', () => []],
      [handle, 'id', 99],
      [spark.conf, 'shufflePartitions', () => 1],
      [joinRdd, 'planned', { strategy: 'BroadcastHashJoin', notes: [] }],
      [loose(joinRdd).planned as object, 'strategy', 'BroadcastHashJoin'],
      [loose(joinRdd).spec as object, 'keys', []],
      [df.queryExecution, 'explainString', () => ''],
    ];
    for (const [target, name, value] of changes) {
      expect(() => {
        (target as Loose)[name] = value;
      }, `${classOf(target).name}.${name}`).toThrow(TypeError);
    }
  });
});
