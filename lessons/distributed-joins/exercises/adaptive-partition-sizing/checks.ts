import { describe, test, expect } from 'vitest';
import { SparkSession, type JobReport, type Row } from '@sai/spark';
import { coalesceRanges, coalesceTarget as referenceTarget, expectUnchanged, fixture, gen, memoByInput, property, show, skewedIndices, snapshot, type AqeSettings, type Gen } from '@sai/checks';
import { sparkJoinSelection } from '@sai/spark-checks';
import { coalescePartitions, coalesceTarget, readAdaptivePlan, skewedPartitions } from './solution';

const MB = 1024 * 1024;

/** Settings with every knob moved: sizes from bytes to Spark's defaults, parallelismFirst on and off. */
const settingsGen: Gen<AqeSettings> = gen.record<AqeSettings>({
  advisoryPartitionSizeInBytes: gen.oneOf([64 * MB, 16, 100, 4096, MB, 128 * MB]),
  minPartitionSize: gen.oneOf([MB, 1, 10, 1024, 64 * MB]),
  parallelismFirst: gen.oneOf([true, false]),
  defaultParallelism: gen.oneOf([8, 1, 2, 3, 200]),
  // The factor is a double in Spark: factor x median is rounded down to whole bytes.
  skewedPartitionFactor: gen.oneOf([5, 2, 3, 10, 2.5, 1.5]),
  skewedPartitionThresholdInBytes: gen.oneOf([256 * MB, 0, 100, 4096]),
});

/** Partition sizes at one scale per input (bytes to hundreds of MB), with many empty partitions and an occasional giant. */
const sizesGen: Gen<number[]> = {
  generate(random) {
    const scale = random.pick([1, 16, 1000, MB, 64 * MB]);
    const length = 1 + random.int(12);
    return Array.from({ length }, () => {
      const roll = random.next();
      if (roll < 0.25) return 0;
      if (roll < 0.35) return scale * (20 + random.int(100));
      return random.int(4 * scale + 1);
    });
  },
  shrink: gen.array(gen.integer(0, 0), 1).shrink,
};

interface SizingCase {
  sizes: number[];
  settings: AqeSettings;
}
const sizing = gen.record<SizingCase>({ sizes: sizesGen, settings: settingsGen });
const describeSizing = (c: SizingCase) => `sizes ${show(c.sizes)} with ${show(c.settings)}`;

describe('1. coalesceTarget', () => {
  test("Spark's target for any total and settings", () => {
    const totals: Gen<{ total: number; settings: AqeSettings }> = gen.record({
      total: gen.oneOf([0, 1, 15, 16, 17, 127, 800, 4095, 4096, MB, 100 * MB, 1000 * MB, 64 * MB * 200]),
      settings: settingsGen,
    });
    property(totals, ({ total, settings }) => {
      const expected = referenceTarget(total, settings);
      const got = coalesceTarget(total, settings);
      if (got !== expected) expect(got, `the target size for ${total} bytes with ${show(settings)}`).toBe(expected);
    }, { runs: 150 });
  });

  test('100 MB over 200 cores: parallelismFirst aims for 200 partitions but stops at the 1 MB minimum; without it, 64 MB', () => {
    const settings: AqeSettings = { advisoryPartitionSizeInBytes: 64 * MB, minPartitionSize: MB, parallelismFirst: true, defaultParallelism: 200, skewedPartitionFactor: 5, skewedPartitionThresholdInBytes: 256 * MB };
    expect(coalesceTarget(100 * MB, settings), 'parallelismFirst: 100 MB / 200 = 0.5 MB, raised to minPartitionSize').toBe(MB);
    expect(coalesceTarget(100 * MB, { ...settings, parallelismFirst: false }), 'no parallelismFirst: the advisory 64 MB').toBe(64 * MB);
  });
});

describe('2. coalescePartitions', () => {
  test("the instructions example: Spark's five partitions into four ranges", () => {
    const settings: AqeSettings = { advisoryPartitionSizeInBytes: 128 * MB, minPartitionSize: MB, parallelismFirst: false, defaultParallelism: 8, skewedPartitionFactor: 5, skewedPartitionThresholdInBytes: 256 * MB };
    expect(coalescePartitions([110, 30, 170, 15, 35].map((n) => n * MB), settings)).toEqual([[0, 1], [1, 2], [2, 3], [3, 5]]);
  });

  test('empty ranges launch no task, but an all-empty shuffle still gets one', () => {
    const tiny: AqeSettings = { advisoryPartitionSizeInBytes: 10, minPartitionSize: 1, parallelismFirst: false, defaultParallelism: 8, skewedPartitionFactor: 5, skewedPartitionThresholdInBytes: 256 * MB };
    expect(coalescePartitions([6, 0, 0, 6, 0], tiny), 'the target is 10 bytes: 6 + 6 does not fit').toEqual([[0, 3], [3, 5]]);
    expect(coalescePartitions([0, 0, 0], tiny), 'nothing to read at all: still one task').toEqual([[0, 3]]);
  });

  test("Spark's ranges for any sizes and settings", () => {
    property(sizing, (c) => {
      const expected = coalesceRanges(c.sizes, c.settings);
      const got = coalescePartitions([...c.sizes], c.settings);
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got, `the ranges for ${describeSizing(c)}`).toEqual(expected);
    }, { runs: 150, describe: describeSizing });
  });
});

describe('3. skewedPartitions', () => {
  test('skewed means bigger than BOTH the threshold and factor x the median', () => {
    const settings: AqeSettings = { advisoryPartitionSizeInBytes: 64 * MB, minPartitionSize: MB, parallelismFirst: true, defaultParallelism: 8, skewedPartitionFactor: 5, skewedPartitionThresholdInBytes: 256 * MB };
    expect(skewedPartitions([MB, MB, MB, 900 * MB], settings), '900 MB: above 256 MB and above 5 x 1 MB').toEqual([3]);
    expect(skewedPartitions([100 * MB, 100 * MB, 100 * MB, 400 * MB], settings), '400 MB is above 256 MB but not above 5 x 100 MB').toEqual([]);
    expect(skewedPartitions([10, 10, 10, 100], settings), '100 bytes is 10x the median but far below 256 MB').toEqual([]);
  });

  test('the median of an even count rounds down to whole bytes before it is multiplied', () => {
    const settings: AqeSettings = { advisoryPartitionSizeInBytes: 64 * MB, minPartitionSize: MB, parallelismFirst: true, defaultParallelism: 8, skewedPartitionFactor: 5, skewedPartitionThresholdInBytes: 0 };
    // Middle values 2 and 3: the median is 2 (not 2.5), so the limit is 5 x 2 = 10 bytes, and 11 is skewed.
    expect(skewedPartitions([3, 11, 1, 2], settings)).toEqual([1]);
    // All empty: the median counts as 1 byte, so anything above 5 bytes would be skewed; nothing is.
    expect(skewedPartitions([0, 0, 0, 5], settings)).toEqual([]);
    expect(skewedPartitions([0, 0, 0, 6], settings)).toEqual([3]);
    // A factor of 2.5 over a median of 3 bytes: 7.5 rounds down to 7, so 8 is skewed.
    expect(skewedPartitions([3, 3, 3, 8], { ...settings, skewedPartitionFactor: 2.5 }), 'factor x median rounds down to whole bytes').toEqual([3]);
  });

  test("Spark's skewed partitions for any sizes and settings, without reordering the sizes", () => {
    property(sizing, (c) => {
      const sizes = [...c.sizes];
      const got = skewedPartitions(sizes, c.settings);
      expectUnchanged(c.sizes, sizes, 'sizes');
      const expected = skewedIndices(c.sizes, c.settings);
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got, `the skewed partitions of ${describeSizing(c)}`).toEqual(expected);
    }, { runs: 150, describe: describeSizing });
  });

  test('the same sizes with other settings get answers of their own (nothing remembered from an earlier call)', () => {
    property(sizing, (c) => {
      const other: AqeSettings = {
        ...c.settings,
        advisoryPartitionSizeInBytes: Math.max(1, Math.floor(c.settings.advisoryPartitionSizeInBytes / 16)),
        parallelismFirst: !c.settings.parallelismFirst,
        skewedPartitionFactor: c.settings.skewedPartitionFactor === 2 ? 5 : 2,
        skewedPartitionThresholdInBytes: c.settings.skewedPartitionThresholdInBytes === 0 ? 100 : 0,
      };
      for (const settings of [c.settings, other]) {
        const ranges = coalescePartitions([...c.sizes], settings);
        const skewed = skewedPartitions([...c.sizes], settings);
        const expected = { ranges: coalesceRanges(c.sizes, settings), skewed: skewedIndices(c.sizes, settings) };
        if (JSON.stringify({ ranges, skewed }) !== JSON.stringify(expected)) {
          expect({ ranges, skewed }, `sizes ${show(c.sizes)} with ${show(settings)}, after a call with other settings`).toEqual(expected);
        }
      }
    }, { runs: 20, describe: describeSizing });
  });

  test('coalescePartitions does not change the sizes either', () => {
    property(sizing, (c) => {
      const sizes = snapshot(c.sizes);
      coalescePartitions(sizes, c.settings);
      expectUnchanged(c.sizes, sizes, 'sizes');
    }, { runs: 50, describe: describeSizing });
  });
});

/** A real join run with adaptive execution: a skewed or even left side, and settings moved around. */
interface QueryCase {
  leftRows: number;
  hotShare: number;
  shufflePartitions: number;
  advisory: number;
  minPartitionSize: number;
  parallelismFirst: boolean;
  executors: number;
  skewThreshold: number;
  skewFactor: number;
  coalesce: boolean;
  convert: boolean;
}

const queries = gen.record<QueryCase>({
  leftRows: gen.integer(20, 120),
  hotShare: gen.oneOf([0, 0.5, 0.9]),
  shufflePartitions: gen.oneOf([8, 12, 20]),
  advisory: gen.oneOf([256, 1024, 4096, 64 * MB]),
  minPartitionSize: gen.oneOf([1, 64, 512, MB]),
  parallelismFirst: gen.oneOf([true, false]),
  executors: gen.integer(1, 4),
  skewThreshold: gen.oneOf([200, 1000, 256 * MB]),
  skewFactor: gen.oneOf([2, 3, 5]),
  coalesce: gen.oneOf([true, true, false]),
  convert: gen.oneOf([false, false, true]),
});

/**
 * Runs the query; returns what the engine did, measured, not read from the plan text. It does not
 * depend on the learner's code, so it is a fixture: computed once per worker, in its rehearsal.
 */
const runQuery = memoByInput((q: QueryCase) => fixture(`adaptive-partition-sizing/query/${JSON.stringify(q)}`, () => {
  const spark = new SparkSession({
    executors: q.executors,
    coresPerExecutor: 2,
    conf: {
      'spark.sql.shuffle.partitions': q.shufflePartitions,
      'spark.sql.adaptive.advisoryPartitionSizeInBytes': q.advisory,
      'spark.sql.adaptive.coalescePartitions.minPartitionSize': q.minPartitionSize,
      'spark.sql.adaptive.coalescePartitions.parallelismFirst': q.parallelismFirst,
      'spark.sql.adaptive.coalescePartitions.enabled': q.coalesce,
      'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': q.skewThreshold,
      'spark.sql.adaptive.skewJoin.skewedPartitionFactor': q.skewFactor,
      // With `convert`, the right side is planned too big to broadcast but turns out small at runtime.
      'spark.sql.autoBroadcastJoinThreshold': q.convert ? 300 : -1,
    },
  });
  const left = spark.createDataFrame(
    Array.from({ length: q.leftRows }, (_, i): Row => ({ k: i < q.hotShare * q.leftRows ? 'hot' : `k${i % 17}`, v: i })),
  );
  const right = spark
    .createDataFrame(Array.from({ length: 40 }, (_, j): Row => ({ k: j === 0 ? 'hot' : `k${j}`, w: j < 3 ? 'keep' : 'drop' })))
    .filter((row) => !q.convert || row.w === 'keep');
  const joined = left.join(right, 'k');
  const planned = sparkJoinSelection({
    how: 'inner',
    leftBytes: left.estimatedSizeInBytes(),
    rightBytes: right.estimatedSizeInBytes(),
    autoBroadcastJoinThreshold: q.convert ? 300 : -1,
    preferSortMergeJoin: true,
  });
  joined.collect();
  const job = spark.lastJob() as JobReport;
  const mapStages = job.stages.filter((s) => s.shuffleWriteBytesByPartition.length > 0);
  const sizes = mapStages[0]?.shuffleWriteBytesByPartition.map((_, i) => mapStages.reduce((sum, s) => sum + s.shuffleWriteBytesByPartition[i], 0)) ?? [];
  return {
    plan: job.plan ?? '',
    strategy: job.strategy,
    planned: planned.strategy,
    sizes,
    joinTasks: job.stages.find((s) => s.shuffleReadRecords > 0)?.numTasks ?? 0,
    coalesced: job.trace.notes.some((n) => n.startsWith('AQE coalesced')),
    split: job.trace.notes.some((n) => n.startsWith('AQE split skewed')),
    settings: {
      advisoryPartitionSizeInBytes: q.advisory,
      minPartitionSize: q.minPartitionSize,
      parallelismFirst: q.parallelismFirst,
      defaultParallelism: q.executors * 2,
      skewedPartitionFactor: q.skewFactor,
      skewedPartitionThresholdInBytes: q.skewThreshold,
    } satisfies AqeSettings,
  };
}));

describe('4. readAdaptivePlan on plans with one thing each', () => {
  /**
   * Runs a join with a hot key on the left (and, with `bothHot`, on the right too) and the given settings;
   * returns the final plan's text. `key` names the join column.
   */
  function planOf(conf: Record<string, number | boolean>, { key = 'k', bothHot = false, project = false } = {}): string {
    return fixture(`adaptive-partition-sizing/plan/${JSON.stringify([conf, key, bothHot, project])}`, () => planOfQuery(conf, key, bothHot, project));
  }
  function planOfQuery(conf: Record<string, number | boolean>, key: string, bothHot: boolean, project: boolean): string {
    const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 12, 'spark.sql.autoBroadcastJoinThreshold': -1, ...conf } });
    const left = spark.createDataFrame(Array.from({ length: 120 }, (_, i): Row => ({ [key]: i < 100 ? 'hot' : `k${i}`, v: i })));
    const right = spark.createDataFrame(
      Array.from({ length: 60 }, (_, j): Row => ({ [key]: (bothHot ? j < 30 : j === 0) ? 'hot' : `k${j + 100}`, w: j })),
    );
    const joined = left.join(right, key);
    (project ? joined.select(key, 'v') : joined).collect();
    return spark.lastJob()?.plan ?? '';
  }
  const skewOnly = {
    'spark.sql.adaptive.coalescePartitions.enabled': false,
    'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': 100,
    'spark.sql.adaptive.advisoryPartitionSizeInBytes': 256,
  };

  test('skew split without coalescing: AQEShuffleRead skewed is not a coalesced read', () => {
    const plan = planOf(skewOnly);
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: false, skewJoin: true });
  });

  test('coalescing only', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.enabled': false });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: true, skewJoin: false });
  });

  test('both sides hot: each read says "coalesced and skewed", and that is a coalesced read', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': 100, 'spark.sql.adaptive.advisoryPartitionSizeInBytes': 256 }, { bothHot: true });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: true, skewJoin: true });
  });

  test('a join column named like the marker is not a skew join: only the join\'s own (skew=true) counts', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.enabled': false, 'spark.sql.adaptive.coalescePartitions.enabled': false }, { key: 'skew_id' });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: false, skewJoin: false });
  });

  test('a join column named "coalesced" is not a coalesced read: only an AQEShuffleRead says so', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.enabled': false, 'spark.sql.adaptive.coalescePartitions.enabled': false }, { key: 'coalesced' });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: false, skewJoin: false });
  });

  test('a Project above the join: the strategy is the join\'s, wherever it sits in the plan', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.enabled': false }, { project: true });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: true, skewJoin: false });
  });

  test('neither: the final plan has no AQEShuffleRead at all', () => {
    const plan = planOf({ 'spark.sql.adaptive.skewJoin.enabled': false, 'spark.sql.adaptive.coalescePartitions.enabled': false });
    expect(readAdaptivePlan(plan), `your reading of:\n${plan}`).toEqual({ initialStrategy: 'SortMergeJoin', finalStrategy: 'SortMergeJoin', coalesced: false, skewJoin: false });
  });
});

describe('real queries, run by the engine', () => {
  test('your ranges for the shuffle sizes a job reports match the tasks of its join stage', () => {
    property(queries, (q) => {
      const r = runQuery(q);
      // Only shuffle joins that AQE coalesced and did not split: then one task reads one range.
      if (!q.coalesce || r.split || r.strategy === 'BroadcastHashJoin') return;
      const ranges = coalescePartitions([...r.sizes], r.settings);
      expect(ranges.length, `the join stage ran ${r.joinTasks} tasks over these shuffle sizes: ${show(r.sizes)} with ${show(r.settings)}`).toBe(r.joinTasks);
    }, { runs: 12, describe: (q: QueryCase) => show(q) });
  });

  test('readAdaptivePlan says what the engine really did', () => {
    property(queries, (q) => {
      const r = runQuery(q);
      const expected = { initialStrategy: r.planned, finalStrategy: r.strategy, coalesced: r.coalesced, skewJoin: r.split };
      const got = readAdaptivePlan(r.plan);
      expect({ ...got }, `your reading of this plan:\n${r.plan}`).toEqual(expected);
    }, { runs: 12, describe: (q: QueryCase) => show(q) });
  });
});
