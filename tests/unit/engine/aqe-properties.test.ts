/**
 * Property: whatever AQE does to a shuffle join (coalescing partitions, splitting skewed ones, both), the
 * rows are exactly those of the same join with AQE off. Checked over generated data (hot keys on either
 * side, nulls, empty sides and empty partitions, one or two key columns), every join type, both shuffle
 * strategies, and AQE settings small enough that coalescing and splitting really happen.
 */
import { describe, expect, test } from 'vitest';
import { SparkSession, type ConfValue, type DataFrame, type JoinStrategyName, type JoinType, type Row } from '@sai/spark';
import { seededRandom } from '../../../src/engine/kernel/random.ts';
import { canon } from './helpers.ts';

const JOIN_TYPES: JoinType[] = ['inner', 'left', 'right', 'full', 'left_semi', 'left_anti'];
type Way = 'merge' | 'shuffle_hash right' | 'shuffle_hash left';
const WAYS: Way[] = ['merge', 'shuffle_hash right', 'shuffle_hash left'];
const TRIALS = 30;

interface Case {
  left: Row[];
  right: Row[];
  keys: string[];
  leftPartitions: number;
  rightPartitions: number;
  executors: number;
  conf: Record<string, ConfValue>;
}

function generate(seed: number): Case {
  const rnd = seededRandom(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const domain = 1 + int(60);
  const twoKeys = rnd() < 0.3;
  const key = (hot: number): Row => {
    const r = rnd();
    const k = r < 0.08 ? null : r < hot ? 7 : rnd() < 0.2 ? `s${int(domain)}` : int(domain);
    return twoKeys ? { k, k2: rnd() < 0.05 ? null : int(3) } : { k };
  };
  const sideRows = (max: number, hot: number, col: string): Row[] =>
    Array.from({ length: rnd() < 0.08 ? 0 : int(max) }, (_, i) => ({ ...key(hot), [col]: i }));
  const hotLeft = rnd() < 0.6 ? 0.3 + rnd() * 0.6 : 0;
  const hotRight = rnd() < 0.4 ? 0.3 + rnd() * 0.6 : 0;
  return {
    left: sideRows(400, hotLeft, 'a'),
    right: sideRows(160, hotRight, 'b'),
    keys: twoKeys ? ['k', 'k2'] : ['k'],
    leftPartitions: 1 + int(8),
    rightPartitions: 1 + int(6),
    executors: 1 + int(4),
    conf: {
      'spark.sql.shuffle.partitions': pick([1, 3, 8, 16, 32]),
      'spark.sql.autoBroadcastJoinThreshold': -1,
      'spark.sql.adaptive.advisoryPartitionSizeInBytes': pick([64, 256, 1024, 4096]),
      'spark.sql.adaptive.coalescePartitions.minPartitionSize': pick([1, 16, 128, 1024]),
      'spark.sql.adaptive.coalescePartitions.parallelismFirst': rnd() < 0.5,
      'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': pick([0, 100, 1000]),
      'spark.sql.adaptive.skewJoin.skewedPartitionFactor': pick([1, 2, 5]),
    },
  };
}

function join(c: Case, how: JoinType, way: Way, adaptive: boolean) {
  const spark = new SparkSession({ executors: c.executors, coresPerExecutor: 2, conf: { ...c.conf, 'spark.sql.adaptive.enabled': adaptive } });
  // createDataFrame of no rows has no columns: an empty side gets its columns from one row that a filter removes
  const side = (rows: Row[], col: string, numPartitions: number): DataFrame =>
    rows.length
      ? spark.createDataFrame(rows, { numPartitions })
      : spark.createDataFrame([{ k: 0, ...(c.keys.length > 1 ? { k2: 0 } : {}), [col]: 0 }], { numPartitions }).filter(() => false);
  let l = side(c.left, 'a', c.leftPartitions);
  let r = side(c.right, 'b', c.rightPartitions);
  if (way === 'merge') r = r.hint('merge');
  else if (way === 'shuffle_hash right') r = r.hint('shuffle_hash');
  else l = l.hint('shuffle_hash');
  const rows = l.join(r, c.keys, how).collect();
  return { rows, job: spark.lastJob()! };
}

/** The strategy a way must reach: semi/anti joins cannot hash their left side, so that hint falls back to sort-merge. */
function strategyOf(way: Way, how: JoinType): JoinStrategyName {
  if (way === 'merge') return 'SortMergeJoin';
  if (way === 'shuffle_hash left' && (how === 'left_semi' || how === 'left_anti')) return 'SortMergeJoin';
  return 'ShuffledHashJoin';
}

describe('AQE never changes a join result', () => {
  const seen = { coalesced: 0, split: 0, bothSidesSplit: 0, cannotSplit: 0, jobs: 0 };

  for (let trial = 0; trial < TRIALS; trial++) {
    test(`generated case ${trial}: every join type, sort-merge and shuffled hash, same rows with AQE on and off`, () => {
      const c = generate(1000 + trial);
      for (const how of JOIN_TYPES) {
        for (const way of WAYS) {
          const on = join(c, how, way, true);
          const off = join(c, how, way, false);
          const what = `${how} via ${way} (case ${trial})`;
          expect(on.job.strategy, what).toBe(strategyOf(way, how));
          expect(off.job.strategy, what).toBe(strategyOf(way, how));
          expect(canon(on.rows), what).toEqual(canon(off.rows));
          // the join stage ran one task per spec, and its tasks' records are the rows
          const joinStage = on.job.stages.at(-1)!;
          expect(joinStage.partitionRecords.reduce((a, b) => a + b, 0), what).toBe(on.rows.length);
          expect(joinStage.numTasks, what).toBe(on.job.trace.stages.at(-1)!.partitions.length);
          const notes = on.job.trace.notes.join('\n');
          seen.jobs++;
          if (/AQE coalesced/.test(notes)) seen.coalesced++;
          if (/AQE split skewed/.test(notes)) seen.split++;
          if (/parts and of the right side/.test(notes)) seen.bothSidesSplit++;
          if (/AQE cannot split/.test(notes)) seen.cannotSplit++;
        }
      }
    });
  }

  test('the generated cases really made AQE coalesce and split (the property is not vacuous)', () => {
    expect(seen.jobs).toBe(TRIALS * JOIN_TYPES.length * WAYS.length);
    expect(seen.coalesced).toBeGreaterThan(seen.jobs / 4);
    expect(seen.split).toBeGreaterThan(seen.jobs / 10);
    expect(seen.bothSidesSplit).toBeGreaterThan(0);
    expect(seen.cannotSplit).toBeGreaterThan(0);
  });
});
