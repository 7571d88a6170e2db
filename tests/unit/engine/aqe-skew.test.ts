/** AQE's OptimizeSkewedJoin: the arithmetic by hand, the sides each join type may split, plans, notes and metrics. */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { SparkSession, type JobReport, type JoinType, type Row } from '@sai/spark';
import { statisticsOf } from '../../../src/engine/spark/adaptive/map-output-statistics.ts';
import { coalescedSpec, partialReducerSpec } from '../../../src/engine/spark/adaptive/partition-spec.ts';
import {
  canSplitSide,
  medianSize,
  optimizeSkewedJoin,
  skewThreshold,
  splitSizeListByTargetSize,
  splitSkewedPartition,
  splitTargetSize,
  type SkewSettings,
} from '../../../src/engine/spark/adaptive/skew-join.ts';
import type { CanonicalJoinType } from '../../../src/engine/spark/joins/join-type.ts';
import { canon } from './helpers.ts';

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // explain() prints its plan
  return () => vi.restoreAllMocks();
});

const MiB = 1024 * 1024;
const defaults: SkewSettings = { factor: 5, threshold: 256 * MiB, advisoryPartitionSize: 64 * MiB };

describe('what counts as skewed', () => {
  test('median: the middle size, or the mean of the two middle sizes in whole bytes, at least 1', () => {
    expect(medianSize([3, 1, 2])).toBe(2);
    expect(medianSize([10, 3, 7, 1])).toBe(5);
    expect(medianSize([1, 2, 3, 4])).toBe(2); // (2 + 3) / 2 = 2.5, whole bytes
    expect(medianSize([0, 0, 0, 9])).toBe(1);
    expect(medianSize([5])).toBe(5);
  });

  test('threshold: the larger of skewedPartitionThresholdInBytes and factor x median', () => {
    const sizes = [2 * MiB, 2 * MiB, 2 * MiB, 40 * MiB];
    expect(skewThreshold(sizes, defaults)).toBe(256 * MiB); // 40 MiB is not skewed with the defaults
    expect(skewThreshold(sizes, { ...defaults, threshold: 1 })).toBe(10 * MiB);
    expect(skewThreshold([300, 300, 300], { ...defaults, threshold: 1000 })).toBe(1500);
  });

  test('split target: the advisory size, or the average unskewed partition when that is larger', () => {
    expect(splitTargetSize([100, 100, 5000], 1000, { ...defaults, advisoryPartitionSize: 64 })).toBe(100);
    expect(splitTargetSize([100, 100, 5000], 1000, { ...defaults, advisoryPartitionSize: 150 })).toBe(150);
    expect(splitTargetSize([5000, 6000], 1000, { ...defaults, advisoryPartitionSize: 150 })).toBe(150); // all skewed
    expect(splitTargetSize([10, 11, 5000], 1000, { ...defaults, advisoryPartitionSize: 1 })).toBe(10); // 21 / 2, whole bytes
  });
});

describe('splitting map outputs into runs', () => {
  test('runs close before the next map would go over the target', () => {
    expect(splitSizeListByTargetSize([100, 100, 100, 100], 200)).toEqual([0, 2]);
    expect(splitSizeListByTargetSize([150, 150, 150], 200)).toEqual([0, 1, 2]);
    expect(splitSizeListByTargetSize([50, 50, 50, 50, 50], 100)).toEqual([0, 2, 4]);
  });

  test('a last run under 0.2 x target is merged into the one before', () => {
    expect(splitSizeListByTargetSize([100, 100, 30], 200)).toEqual([0]);
    expect(splitSizeListByTargetSize([100, 100, 39, 100, 100], 200)).toEqual([0, 2]); // 239 + 200: 39 is no run of its own
  });

  test('two neighbouring runs under 1.2 x target together are merged', () => {
    expect(splitSizeListByTargetSize([60, 60, 60], 100)).toEqual([0, 1, 2]); // 60 + 60 = 120 is not under 120
    expect(splitSizeListByTargetSize([60, 50, 60], 100)).toEqual([0, 2]); // 60 + 50 = 110 < 120
  });

  test('a run under 0.2 x target before a large one is merged too', () => {
    expect(splitSizeListByTargetSize([10, 200, 200], 200)).toEqual([0, 2]);
  });

  test('one run means no split', () => {
    expect(splitSkewedPartition(3, [100, 100, 30], 200)).toBeUndefined();
    expect(splitSkewedPartition(3, [100, 100, 100, 100], 200)).toEqual([partialReducerSpec(3, 0, 2, 200), partialReducerSpec(3, 2, 4, 200)]);
  });
});

// Left: 4 map tasks each wrote 100 bytes for reducer 1 and 10 for the others (sizes [40, 400, 40, 40], median 40).
const left = statisticsOf(Array.from({ length: 4 }, () => [10, 100, 10, 10]));
// Right: 2 map tasks each wrote 150 bytes for reducer 1 (sizes [20, 300, 20, 20], median 20).
const right = statisticsOf(Array.from({ length: 2 }, () => [10, 150, 10, 10]));
// Skewed: left 400 > max(100, 5 x 40); right 300 > max(100, 5 x 20). Target: 150 (advisory) on both sides.
const small: SkewSettings = { factor: 5, threshold: 100, advisoryPartitionSize: 150 };
const leftPieces = [0, 1, 2, 3].map((m) => partialReducerSpec(1, m, m + 1, 100));
const rightPieces = [0, 1].map((m) => partialReducerSpec(1, m, m + 1, 150));

describe('OptimizeSkewedJoin on hand-made map outputs', () => {
  test('inner: every left piece meets every right piece', () => {
    const { specs, notes } = optimizeSkewedJoin(left, right, 'Inner', small);
    const whole = (r: number, size: number) => coalescedSpec(r, r + 1, size);
    expect(specs![0]).toEqual([whole(0, 40), ...leftPieces.flatMap((p) => [p, p]), whole(2, 40), whole(3, 40)]);
    expect(specs![1]).toEqual([whole(0, 20), ...leftPieces.flatMap(() => rightPieces), whole(2, 20), whole(3, 20)]);
    expect(notes).toEqual([
      'AQE split skewed partition 1 of the left side (400 B, median 40 B) into 4 parts and of the right side (300 B, median 20 B) into 2 parts: ' +
        '8 tasks, every left part joined with every right part',
    ]);
  });

  const sides: Record<CanonicalJoinType, { left: boolean; right: boolean }> = {
    Inner: { left: true, right: true },
    LeftOuter: { left: true, right: false },
    RightOuter: { left: false, right: true },
    FullOuter: { left: false, right: false },
    LeftSemi: { left: true, right: false },
    LeftAnti: { left: true, right: false },
  };
  for (const [t, can] of Object.entries(sides) as [CanonicalJoinType, { left: boolean; right: boolean }][]) {
    test(`${t}: splits ${can.left && can.right ? 'both sides' : can.left ? 'only the left side' : can.right ? 'only the right side' : 'neither side'}`, () => {
      expect(canSplitSide('left', t)).toBe(can.left);
      expect(canSplitSide('right', t)).toBe(can.right);
      const { specs, notes } = optimizeSkewedJoin(left, right, t, small);
      const tasks = (can.left ? 4 : 1) * (can.right ? 2 : 1);
      if (!can.left && !can.right) expect(specs).toBeUndefined();
      else {
        expect(specs![0]).toHaveLength(3 + tasks);
        expect(specs![0].some((s) => s.kind === 'partialReducer')).toBe(can.left);
        expect(specs![1].some((s) => s.kind === 'partialReducer')).toBe(can.right);
      }
      const text = notes.join('\n');
      expect(/AQE split skewed partition 1 of the left side/.test(text)).toBe(can.left);
      expect(/AQE split skewed partition 1 (of the|.* and of the) right side/.test(text)).toBe(can.right);
      expect(/cannot split skewed partition 1 of the left side/.test(text)).toBe(!can.left);
      expect(/cannot split skewed partition 1 of the right side/.test(text)).toBe(!can.right);
    });
  }

  test('one side split: each piece joins the whole partition of the other side, and the note says so', () => {
    const { specs, notes } = optimizeSkewedJoin(left, right, 'LeftOuter', small);
    expect(specs![1].slice(1, 5)).toEqual([0, 1, 2, 3].map(() => coalescedSpec(1, 2, 300)));
    expect(notes[0]).toBe('AQE split skewed partition 1 of the left side (400 B, median 40 B) into 4 tasks, each joined with all of partition 1 of the right side');
    expect(notes[1]).toMatch(/^AQE cannot split skewed partition 1 of the right side \(300 B, median 20 B\): a LeftOuter join can split only its left side/);
  });

  test('a skewed partition whose map outputs fit one task of the target size is not split', () => {
    const { specs, notes } = optimizeSkewedJoin(left, right, 'Inner', { ...small, advisoryPartitionSize: 1000 });
    expect(specs).toBeUndefined();
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/found skewed partition 1 of the left side .* did not split it/);
  });

  test('with the default thresholds (256 MiB) small data is never skewed', () => {
    expect(optimizeSkewedJoin(left, right, 'Inner', defaults)).toEqual({ notes: [] });
  });
});

/**
 * Facts where key 7 holds half of 4000 rows (every map task writes some), dims with one row per key;
 * `hotDims` adds 400 more dims rows with key 7 so both sides are skewed.
 */
function skewedTables(conf: Record<string, string | number | boolean> = {}, hotDims = false) {
  const spark = new SparkSession({
    conf: {
      'spark.sql.shuffle.partitions': 16,
      'spark.sql.autoBroadcastJoinThreshold': -1,
      'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': '4k',
      'spark.sql.adaptive.advisoryPartitionSizeInBytes': '8k',
      'spark.sql.adaptive.coalescePartitions.minPartitionSize': '1k',
      ...conf,
    },
  });
  const facts = spark.createDataFrame(Array.from({ length: 4000 }, (_, i) => ({ k: i % 2 ? 7 : i % 500, v: i })), { numPartitions: 8, name: 'facts' });
  const dimRows: Row[] = Array.from({ length: 500 }, (_, i) => ({ k: i, w: i }));
  if (hotDims) for (let i = 0; i < 400; i++) dimRows.push({ k: 7, w: 1000 + i });
  const dims = spark.createDataFrame(dimRows, { numPartitions: 8, name: 'dims' });
  return { spark, facts, dims };
}

const finalPlan = (job: JobReport): string => {
  const plan = job.plan!;
  return plan.slice(plan.indexOf('+- == Final Plan ==\n') + '+- == Final Plan ==\n'.length, plan.indexOf('+- == Initial Plan =='));
};

describe('skew joins in jobs', () => {
  test('a sort-merge join splits the hot partition, coalesces the rest, and returns the same rows', () => {
    const { spark, facts, dims } = skewedTables();
    const rows = facts.join(dims, 'k').collect();
    const job = spark.lastJob()!;
    expect(finalPlan(job)).toBe(
      [
        '   SortMergeJoin(skew=true) [k], [k], Inner',
        '   :- Sort [k ASC NULLS FIRST], false, 0',
        '   :  +- AQEShuffleRead coalesced and skewed',
        '   :     +- ShuffleQueryStage 0',
        '   :        +- Exchange hashpartitioning(k, 16), ENSURE_REQUIREMENTS',
        '   :           +- Scan facts[k,v]',
        '   +- Sort [k ASC NULLS FIRST], false, 0',
        '      +- AQEShuffleRead coalesced',
        '         +- ShuffleQueryStage 1',
        '            +- Exchange hashpartitioning(k, 16), ENSURE_REQUIREMENTS',
        '               +- Scan dims[k,w]',
        '',
      ].join('\n'),
    );
    expect(job.plan).toContain('== Initial Plan ==\n   SortMergeJoin [k], [k], Inner');
    const hot = job.stages[0].shuffleWriteBytesByPartition;
    const r = hot.indexOf(Math.max(...hot));
    expect(job.trace.notes).toContain(
      `AQE split skewed partition ${r} of the left side (49.3 KiB, median 2.9 KiB) into 8 tasks, each joined with all of partition ${r} of the right side`,
    );
    expect(job.trace.notes.join('\n')).toMatch(/AQE coalesced the 15 shuffle partitions around the skew splits into \d+ .*the 8 tasks of the splits stay as they are/);
    // no task joins more than a fraction of the hot key's 2000 rows
    const joinStage = job.stages.at(-1)!;
    expect(Math.max(...joinStage.partitionRecords)).toBeLessThan(2000 / 4);

    const off = skewedTables({ 'spark.sql.adaptive.enabled': false });
    expect(canon(rows)).toEqual(canon(off.facts.join(off.dims, 'k').collect()));
    expect(Math.max(...off.spark.lastJob()!.stages.at(-1)!.partitionRecords)).toBeGreaterThanOrEqual(2000);
  });

  test('without coalescing: the split side reads "skewed", the other side is a plain AQEShuffleRead', () => {
    const { spark, facts, dims } = skewedTables({ 'spark.sql.adaptive.coalescePartitions.enabled': false });
    facts.join(dims, 'k').count();
    const job = spark.lastJob()!;
    const plan = finalPlan(job);
    expect(plan).toContain('   :  +- AQEShuffleRead skewed\n   :     +- ShuffleQueryStage 0');
    expect(plan).toContain('      +- AQEShuffleRead\n         +- ShuffleQueryStage 1');
    // 16 partitions, one of them read by 8 tasks
    expect(job.stages.at(-1)!.numTasks).toBe(15 + 8);
  });

  test('the unsplit side is read once per piece: shuffle reads grow by that partition x (pieces - 1)', () => {
    const { spark, facts, dims } = skewedTables({ 'spark.sql.adaptive.coalescePartitions.enabled': false });
    facts.join(dims, 'k').count();
    const [leftMap, rightMap, join] = spark.lastJob()!.stages;
    const r = leftMap.shuffleWriteBytesByPartition.indexOf(Math.max(...leftMap.shuffleWriteBytesByPartition));
    expect(join.shuffleReadBytes).toBe(leftMap.shuffleWriteBytes + rightMap.shuffleWriteBytes + 7 * rightMap.shuffleWriteBytesByPartition[r]);
  });

  test('a shuffled hash join is split the same way: ShuffledHashJoin(skew=true)', () => {
    const { spark, facts, dims } = skewedTables();
    const rows = facts.join(dims.hint('shuffle_hash'), 'k').collect();
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('ShuffledHashJoin');
    expect(finalPlan(job)).toMatch(/^ {3}ShuffledHashJoin\(skew=true\) \[k\], \[k\], Inner, BuildRight\n {3}:- AQEShuffleRead coalesced and skewed\n/);
    expect(rows).toHaveLength(4000);
  });

  test('both sides skewed on an inner join: every left piece meets every right piece', () => {
    const { spark, facts, dims } = skewedTables({}, true);
    const rows = facts.join(dims, 'k').collect();
    const job = spark.lastJob()!;
    const note = job.trace.notes.find((n) => n.includes('of both') || n.includes('parts and of the right side'));
    const m = /into (\d+) parts and of the right side .* into (\d+) parts: (\d+) tasks/.exec(note ?? '');
    expect(m, job.trace.notes.join('\n')).not.toBeNull();
    expect(Number(m![3])).toBe(Number(m![1]) * Number(m![2]));
    expect(finalPlan(job)).toContain('AQEShuffleRead coalesced and skewed\n         +- ShuffleQueryStage 1');
    const off = skewedTables({ 'spark.sql.adaptive.enabled': false }, true);
    expect(canon(rows)).toEqual(canon(off.facts.join(off.dims, 'k').collect()));
    expect(rows).toHaveLength(4000 - 2000 + 2000 * 401);
  });

  const splittable: [JoinType, boolean, boolean][] = [
    ['inner', true, true],
    ['left', true, false],
    ['right', false, true],
    ['full', false, false],
    ['left_semi', true, false],
    ['left_anti', true, false],
  ];
  for (const [how, l, r] of splittable) {
    test(`${how} join with both sides skewed: notes name only the sides it may split`, () => {
      const { spark, facts, dims } = skewedTables({}, true);
      const rows = facts.join(dims, 'k', how).collect();
      const job = spark.lastJob()!;
      const text = job.trace.notes.join('\n');
      expect(/AQE split skewed partition \d+ of the left side/.test(text), text).toBe(l);
      expect(/AQE split skewed partition \d+ (of the|.* and of the) right side/.test(text), text).toBe(r);
      expect(/AQE cannot split skewed partition \d+ of the left side/.test(text), text).toBe(!l);
      expect(/AQE cannot split skewed partition \d+ of the right side/.test(text), text).toBe(!r);
      expect(job.plan!.includes('SortMergeJoin(skew=true)')).toBe(l || r);
      const off = skewedTables({ 'spark.sql.adaptive.enabled': false }, true);
      expect(canon(rows)).toEqual(canon(off.facts.join(off.dims, 'k', how).collect()));
    });
  }

  test('skewJoin.enabled=false: no split, only coalescing', () => {
    const { spark, facts, dims } = skewedTables({ 'spark.sql.adaptive.skewJoin.enabled': false });
    facts.join(dims, 'k').count();
    const job = spark.lastJob()!;
    expect(job.plan).not.toContain('skew');
    expect(job.trace.notes.join('\n')).not.toMatch(/skewed partition/);
    expect(Math.max(...job.stages.at(-1)!.partitionRecords)).toBeGreaterThanOrEqual(2000);
  });
});
