/** The check library: row equality, value identity, generators, the property runner and oracles. */
import { describe, expect, test } from 'vitest';
import {
  CheckFailure,
  coalesceRanges,
  coalesceTarget,
  medianSize,
  skewedIndices,
  diffRows,
  expectDeterministic,
  expectSameRows,
  expectUnchanged,
  gen,
  innerJoinMerged,
  joinRows,
  keysMatch,
  property,
  propertyCasesRun,
  sameValue,
  snapshot,
  fixture,
  inWorld,
} from '../../../src/checks/index.ts';
import { objectsWithin, sparkJoinSelection, watchBroadcasts } from '../../../src/checks/spark/index.ts';
import { Random } from '../../../src/engine/kernel/random.ts';
import { beginRun, endRun } from '../../../src/engine/kernel/run-context.ts';
import { SparkContext, SparkSession, type Broadcast } from '../../../src/engine/spark/index.ts';

function failureOf(fn: () => void): CheckFailure | Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('value identity', () => {
  test('NaN equals NaN, 0 equals -0, and values of different types never match', () => {
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(0, -0)).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(0, false)).toBe(false);
    expect(sameValue('', null)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
  });

  test('null keys never match, not even each other', () => {
    expect(keysMatch(null, null)).toBe(false);
    expect(keysMatch(undefined, undefined)).toBe(false);
    expect(keysMatch(NaN, NaN)).toBe(true);
    expect(keysMatch(0, -0)).toBe(true);
  });
});

describe('rows as a multiset', () => {
  test('order does not matter, multiplicity does', () => {
    expect(diffRows([{ a: 1 }, { a: 2 }], [{ a: 2 }, { a: 1 }])).toEqual({ missing: [], extra: [] });
    expect(diffRows([{ a: 1 }], [{ a: 1 }, { a: 1 }])).toEqual({ missing: [{ a: 1 }], extra: [] });
    expect(diffRows([{ a: 1, b: '1' }], [{ a: 1, b: 1 }])).toEqual({ missing: [{ a: 1, b: 1 }], extra: [{ a: 1, b: '1' }] });
  });

  test('a failure names what is missing and what is extra, and carries both lists', () => {
    const failure = failureOf(() => expectSameRows([{ k: 1 }, { k: 3 }], [{ k: 1 }, { k: 2 }], 'the join')) as CheckFailure;
    expect(failure).toBeInstanceOf(CheckFailure);
    expect(failure.name).toBe('AssertionError');
    expect(failure.message).toBe('the join: 1 expected row missing, e.g. { k: 2 }. 1 row that should not be there, e.g. { k: 3 }. (Got 2 rows, expected 2.)');
    expect(failure.expected).toEqual([{ k: 1 }, { k: 2 }]);
    expect(failure.actual).toEqual([{ k: 1 }, { k: 3 }]);
  });

  test('a result that is not an array of rows fails with what it was', () => {
    expect(failureOf(() => expectSameRows(undefined, [], 'the join')).message).toBe('the join: expected an array of rows, got undefined.');
    expect(failureOf(() => expectSameRows([{ a: 1 }, 7], [], 'the join')).message).toBe('the join: row 1 is 7, not an object like { id: 1 }.');
  });
});

describe('generators', () => {
  test('the same seed gives the same inputs', () => {
    const rows = gen.rows('k', { v: gen.integer(0, 9) }, 0, 10);
    expect(rows.generate(new Random(5))).toEqual(rows.generate(new Random(5)));
  });

  test('join keys cover the edge values, with repeats', () => {
    const random = new Random(1);
    const keys = Array.from({ length: 400 }, () => gen.joinKey().generate(random));
    for (const edge of [0, '', false, null, '1', 1]) expect(keys.some((k) => Object.is(k, edge)), String(edge)).toBe(true);
    expect(keys.some((k) => Number.isNaN(k))).toBe(true);
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  test('generated rows include fully identical rows', () => {
    const random = new Random(3);
    const batches = Array.from({ length: 50 }, () => gen.rows('k', { v: gen.integer(0, 1_000_000) }, 5, 12).generate(random));
    expect(batches.some((rows) => new Set(rows.map((r) => JSON.stringify(r))).size < rows.length)).toBe(true);
  });

  test('layouts include empty partitions and skewed ones', () => {
    const random = new Random(9);
    const items = [...Array(40).keys()];
    const layouts = Array.from({ length: 100 }, () => gen.applyLayout(items, gen.layout(5).generate(random)));
    expect(layouts.some((parts) => parts.some((p) => p.length === 0))).toBe(true);
    expect(layouts.some((parts) => parts.some((p) => p.length >= 25))).toBe(true);
    expect(layouts.every((parts) => parts.flat().length === 40)).toBe(true);
  });

  test('arrays shrink toward shorter arrays and smaller items', () => {
    const candidates = [...gen.array(gen.integer(0, 9), 0, 5).shrink([4, 7])];
    expect(candidates).toContainEqual([4]);
    expect(candidates).toContainEqual([7]);
    expect(candidates).toContainEqual([0, 7]);
  });
});

describe('property checks', () => {
  test('passes when the body holds for every input, and counts the cases it ran', () => {
    const before = propertyCasesRun();
    property(gen.integer(0, 100), (n) => expect(n).toBeLessThanOrEqual(100), { runs: 25 });
    expect(propertyCasesRun() - before).toBe(25);
  });

  test('reports the smallest failing input it found', () => {
    const failure = failureOf(() =>
      property(gen.array(gen.integer(0, 50), 0, 20), (xs) => {
        if (xs.some((x) => x >= 10)) throw new CheckFailure('no number may be 10 or more');
      }),
    );
    expect(failure.name).toBe('AssertionError');
    expect(failure.message).toMatch(/^no number may be 10 or more\nIt failed for this input \(case \d+, shrunk \d+ times\): \[10\]$/);
  });

  test('a crash stays a crash (not a wrong answer), with the smallest input that crashes', () => {
    const failure = failureOf(() =>
      property(gen.array(gen.integer(0, 9), 0, 10), (xs) => {
        if (xs.length >= 3) (null as unknown as { boom(): void }).boom();
      }),
    );
    expect(failure.name).toBe('Error');
    expect(failure.message).toMatch(/^TypeError: .*boom.*\nIt crashed for this input .*: \[0, 0, 0\]$/s);
  });
});

describe('inputs unchanged and determinism', () => {
  test('a changed input is named', () => {
    const input = [{ a: 1 }];
    const before = snapshot(input);
    (input[0] as { a: number }).a = 2;
    expect(failureOf(() => expectUnchanged(before, input, 'the left rows')).message).toMatch(/^the left rows changed/);
    expect(() => expectUnchanged(snapshot([{ a: NaN }]), [{ a: NaN }], 'rows')).not.toThrow();
  });

  test('a result that differs between two runs fails', () => {
    let n = 0;
    expect(failureOf(() => expectDeterministic(() => n++, 'the count')).message).toMatch(/^the count changed between two runs/);
    expect(expectDeterministic(() => [1, 2], 'a list')).toEqual([1, 2]);
  });
});

describe('oracles', () => {
  test('the merged inner join pairs every match, skips null keys and multiplies duplicates', () => {
    const left = [{ k: 1, l: 'a' }, { k: 1, l: 'b' }, { k: null, l: 'c' }, { k: NaN, l: 'd' }];
    const right = [{ k: 1, r: 'x' }, { k: null, r: 'y' }, { k: '1', r: 'z' }, { k: NaN, r: 'w' }];
    expect(innerJoinMerged(left, right, 'k')).toEqual([
      { k: 1, l: 'a', r: 'x' },
      { k: 1, l: 'b', r: 'x' },
      { k: NaN, l: 'd', r: 'w' },
    ]);
  });

  test('DataFrame joins keep unmatched rows the way each join type says', () => {
    const left = [{ id: 1, a: 'l1' }, { id: 2, a: 'l2' }, { id: null, a: 'l3' }];
    const right = [{ id: 1, b: 'r1' }, { id: 3, b: 'r3' }, { id: null, b: 'r4' }];
    const cols = { left: ['id', 'a'], right: ['id', 'b'] };
    expect(joinRows(left, right, ['id'], 'inner', cols)).toEqual([{ id: 1, a: 'l1', b: 'r1' }]);
    expect(joinRows(left, right, ['id'], 'full', cols)).toEqual([
      { id: 1, a: 'l1', b: 'r1' },
      { id: 2, a: 'l2', b: null },
      { id: null, a: 'l3', b: null },
      { id: 3, a: null, b: 'r3' },
      { id: null, a: null, b: 'r4' },
    ]);
    expect(joinRows(left, right, ['id'], 'left_anti', cols)).toEqual([{ id: 2, a: 'l2' }, { id: null, a: 'l3' }]);
    expect(joinRows(left, right, ['id'], 'left_semi', cols)).toEqual([{ id: 1, a: 'l1' }]);
  });

  test("the planner oracle follows Spark's JoinSelection", () => {
    const base = { how: 'inner' as const, leftBytes: 5e9, rightBytes: 8e9, autoBroadcastJoinThreshold: 10485760, preferSortMergeJoin: true };
    expect(sparkJoinSelection({ ...base, rightBytes: 10485760 })).toEqual({ strategy: 'BroadcastHashJoin', buildSide: 'right' });
    expect(sparkJoinSelection({ ...base, how: 'full', leftBytes: 1 })).toEqual({ strategy: 'SortMergeJoin' });
    expect(sparkJoinSelection({ ...base, leftHint: 'shuffle_hash', rightHint: 'merge' })).toEqual({ strategy: 'SortMergeJoin' });
  });
});

describe('the AQE oracle (hand-computed cases)', () => {
  const MiB = 1024 * 1024;
  const settings = {
    advisoryPartitionSizeInBytes: 128 * MiB,
    minPartitionSize: MiB,
    parallelismFirst: false,
    defaultParallelism: 8,
    skewedPartitionFactor: 5,
    skewedPartitionThresholdInBytes: 10,
  };

  test('two shuffles summed per partition, packed up to the target: 5 partitions become 4', () => {
    const sizes = [110, 30, 170, 15, 35].map((n) => n * MiB);
    expect(coalesceTarget(360 * MiB, settings)).toBe(128 * MiB);
    expect(coalesceRanges(sizes, settings)).toEqual([[0, 1], [1, 2], [2, 3], [3, 5]]);
  });

  test('parallelismFirst aims for defaultParallelism partitions, never below the minimum partition size', () => {
    const first = { ...settings, parallelismFirst: true };
    expect(coalesceTarget(80 * MiB, first)).toBe(10 * MiB);
    expect(coalesceTarget(800, first)).toBe(MiB);
    expect(coalesceTarget(0, { ...first, minPartitionSize: 0 })).toBe(16);
  });

  test('ranges with no data launch no task, but all-empty input still gives one', () => {
    const small = { ...settings, advisoryPartitionSizeInBytes: 10, minPartitionSize: 1 };
    expect(coalesceRanges([6, 0, 0, 6, 0], small)).toEqual([[0, 3], [3, 5]]);
    expect(coalesceRanges([0, 7, 7], small)).toEqual([[0, 2], [2, 3]]);
    expect(coalesceRanges([0, 0, 0], small)).toEqual([[0, 3]]);
  });

  test('skewed: bigger than the threshold and than factor x the median (whole bytes, at least 1)', () => {
    expect(medianSize([1, 2])).toBe(1);
    expect(medianSize([0, 0, 0])).toBe(1);
    expect(skewedIndices([1, 1, 1, 100], settings)).toEqual([3]);
    expect(skewedIndices([20, 20, 20, 100], settings)).toEqual([]); // 100 is not > 5 x 20
    expect(skewedIndices([20, 20, 20, 101], settings)).toEqual([3]);
  });
});

describe('watching broadcasts', () => {
  test('records what was broadcast; emptying the driver originals leaves the executors\' copies whole', () => {
    const spark = new SparkSession({ executors: 2 });
    const sc = spark.sparkContext;
    const watch = watchBroadcasts(sc);
    const table = new Map([[1, [{ k: 1, v: 'one' }]]]);
    const handle = sc.broadcast(table);
    expect(watch.values).toEqual([table]);
    expect(objectsWithin(watch.values)).toEqual([{ k: 1, v: 'one' }]);
    watch.emptyDriverOriginals();
    expect(table.size, 'the driver\'s own Map is emptied').toBe(0);
    const inTasks = sc.parallelize([1, 1], 2).map((k) => handle.value.get(k)?.[0]?.v ?? 'missing').collect();
    const fromClosure = sc.parallelize([1, 1], 2).map((k) => table.get(k)?.[0]?.v ?? 'missing').collect();
    expect(inTasks).toEqual(['one', 'one']);
    expect(fromClosure).toEqual(['missing', 'missing']);
  });

  test('learner code can neither hide a broadcast from the watch nor replace sc.broadcast', () => {
    const sc = new SparkSession({ executors: 2 }).sparkContext;
    const watch = watchBroadcasts(sc);
    const hidden = [{ k: 1 }];
    // Calling the class's own method instead of the instance's: still seen.
    SparkContext.prototype.broadcast.call(sc, hidden);
    expect(watch.values).toEqual([hidden]);
    expect(() => {
      sc.broadcast = <T,>(value: T) => ({ id: -1, value, sizeInBytes: 0 }) as unknown as Broadcast<T>;
    }).toThrow(TypeError);
    sc.broadcast(2);
    expect(watch.values).toEqual([hidden, 2]);
  });

  test('objectsWithin finds rows inside Maps, Sets, arrays and objects, and nothing in plain values', () => {
    const row = { a: 1 };
    expect(objectsWithin(new Set([[row]]))).toEqual([row]);
    expect(objectsWithin({ nested: row })).toEqual([{ nested: row }, row]);
    expect(objectsWithin('text')).toEqual([]);
    expect(objectsWithin(new Map([[row, 2]]))).toEqual([row]);
  });
});

describe('generators shared across loads of the checks', () => {
  test('the same arguments give the same generator; other values, -0 for 0, or a function argument do not', () => {
    expect(gen.integer(0, 9)).toBe(gen.integer(0, 9));
    expect(gen.integer(0, 9)).not.toBe(gen.integer(0, 8));
    expect(gen.oneOf([0, NaN])).toBe(gen.oneOf([0, NaN]));
    expect(gen.oneOf([0])).not.toBe(gen.oneOf([-0]));
    expect(gen.oneOf(['1'])).not.toBe(gen.oneOf([1]));
    const record = () => gen.record({ a: gen.integer(1, 3), b: gen.layout(4) });
    expect(record()).toBe(record());
    expect(gen.record({ a: gen.integer(1, 3), b: gen.layout(4) })).not.toBe(gen.record({ b: gen.layout(4), a: gen.integer(1, 3) }));
    const keep = (n: number) => n > 0;
    expect(gen.filter(gen.integer(0, 9), keep)).not.toBe(gen.filter(gen.integer(0, 9), keep));
  });

  test('property inputs are frozen: no run can change what a later run is given', () => {
    let seen: unknown;
    property(gen.record({ rows: gen.rows('k', { v: gen.integer(0, 3) }, 1, 3) }), (input) => {
      seen = input;
    }, { runs: 1 });
    const input = seen as { rows: Array<Record<string, unknown>> };
    expect(Object.isFrozen(input) && Object.isFrozen(input.rows) && Object.isFrozen(input.rows[0])).toBe(true);
  });
});

describe('fixtures', () => {
  test('computed once per realm, frozen, and leave no trace in the run they happen in', () => {
    const run = beginRun({ keepTraces: 10 });
    try {
      let computed = 0;
      const plan = () =>
        fixture('library-test/plan', () => {
          computed++;
          const spark = new SparkSession();
          spark.createDataFrame([{ k: 1 }, { k: 2 }]).collect();
          return { text: spark.lastJob()?.plan ?? '', sizes: [1, 2] };
        });
      const first = plan();
      expect(plan()).toBe(first);
      expect(computed).toBe(1);
      expect(Object.isFrozen(first.sizes)).toBe(true);
      expect(run.traces.list(), 'the fixture\'s job is not one of this run\'s').toEqual([]);
      new SparkSession().createDataFrame([{ k: 1 }]).collect();
      expect(run.traces.list()).toHaveLength(1);
    } finally {
      endRun(run);
    }
  });
});

describe('another world', () => {
  test('the clock and random numbers answer as the world says inside, and are put back after', () => {
    const realNow = Date.now;
    const seen = inWorld({ random: 0.25, now: Date.UTC(2030, 1, 2, 3, 4, 5, 6) }, () => ({
      now: Date.now(),
      made: new Date().toISOString(),
      parsed: new Date(0).getTime(),
      random: Math.random(),
    }));
    expect(seen).toEqual({ now: Date.UTC(2030, 1, 2, 3, 4, 5, 6), made: '2030-02-02T03:04:05.006Z', parsed: 0, random: 0.25 });
    expect(Date.now).toBe(realNow);
    expect(Math.abs(new Date().getTime() - realNow())).toBeLessThan(5000);
  });
});
