import { describe, test, expect } from 'vitest';
import { SparkSession, type DataFrame, type Row } from '@sai/spark';
import { deepEqual, property, show, type Gen } from '@sai/checks';
import { sparkJoinSelection } from '@sai/spark-checks';
import { chooseJoinStrategy } from './solution';

type Input = Parameters<typeof chooseJoinStrategy>[0];
type Choice = { strategy: 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin'; buildSide?: 'left' | 'right' };

const MB = 1024 * 1024;
const GB = 1024 * MB;
const TEN_MB = 10 * MB; // Spark's default spark.sql.autoBroadcastJoinThreshold

/** A join with Spark's defaults; each case overrides what it is about. */
function plan(overrides: Partial<Input>): Input {
  return {
    how: 'inner',
    leftBytes: 5 * GB,
    rightBytes: 8 * GB,
    autoBroadcastJoinThreshold: TEN_MB,
    preferSortMergeJoin: true,
    ...overrides,
  };
}

const BHJ = (buildSide: 'left' | 'right'): Choice => ({ strategy: 'BroadcastHashJoin', buildSide });
const SHJ = (buildSide: 'left' | 'right'): Choice => ({ strategy: 'ShuffledHashJoin', buildSide });
const SMJ: Choice = { strategy: 'SortMergeJoin' };

/** Runs every case; the message of a failing one says which rule it is about. */
function expectCases(cases: Array<[why: string, input: Input, expected: Choice]>): void {
  for (const [why, input, expected] of cases) {
    const { strategy, buildSide } = chooseJoinStrategy(input);
    expect({ strategy, buildSide }, `${why} (input: ${JSON.stringify(input)})`).toEqual({
      strategy: expected.strategy,
      buildSide: expected.buildSide,
    });
  }
}

describe('which side may be built', () => {
  test('inner joins can broadcast either side, and pick the smaller one', () => {
    expectCases([
      ['inner join, only the right side fits the threshold: broadcast it', plan({ rightBytes: MB }), BHJ('right')],
      ['inner join, only the left side fits the threshold: broadcast it', plan({ leftBytes: MB }), BHJ('left')],
      ['inner join, both sides fit: broadcast the smaller one (left here)', plan({ leftBytes: MB, rightBytes: 2 * MB }), BHJ('left')],
      ['inner join, both sides fit: broadcast the smaller one (right here)', plan({ leftBytes: 3 * MB, rightBytes: 2 * MB }), BHJ('right')],
    ]);
  });

  test('outer joins never build their preserved side', () => {
    expectCases([
      ['a left outer join keeps every left row, so only the RIGHT side can be broadcast', plan({ how: 'left', leftBytes: MB }), SMJ],
      ['a left outer join with a small right side broadcasts the right', plan({ how: 'left', rightBytes: MB }), BHJ('right')],
      ['a right outer join keeps every right row, so only the LEFT side can be broadcast', plan({ how: 'right', rightBytes: MB }), SMJ],
      ['a right outer join with a small left side broadcasts the left', plan({ how: 'right', leftBytes: MB }), BHJ('left')],
      ['a left outer join where both fit still builds the right, even if it is bigger', plan({ how: 'left', leftBytes: MB, rightBytes: 2 * MB }), BHJ('right')],
    ]);
  });

  test('left semi and left anti joins can only build the right side', () => {
    expectCases([
      ['left_semi streams the left side: a small left side cannot be broadcast', plan({ how: 'left_semi', leftBytes: MB }), SMJ],
      ['left_semi with a small right side broadcasts the right', plan({ how: 'left_semi', rightBytes: MB }), BHJ('right')],
      ['left_anti streams the left side: a small left side cannot be broadcast', plan({ how: 'left_anti', leftBytes: MB }), SMJ],
      ['left_anti with a small right side broadcasts the right', plan({ how: 'left_anti', rightBytes: MB }), BHJ('right')],
    ]);
  });

  test('a full outer join is never a broadcast hash join', () => {
    expectCases([
      ['full outer join with two tiny sides: still SortMergeJoin', plan({ how: 'full', leftBytes: 100, rightBytes: 200 }), SMJ],
      ['full outer join ignores a broadcast hint on the left', plan({ how: 'full', leftBytes: 100, leftHint: 'broadcast' }), SMJ],
      ['full outer join ignores a broadcast hint on the right', plan({ how: 'full', rightBytes: 100, rightHint: 'broadcast' }), SMJ],
    ]);
  });
});

describe('autoBroadcastJoinThreshold', () => {
  test('the threshold is inclusive: a side of exactly the threshold is broadcast', () => {
    expectCases([
      ['rightBytes === threshold: size <= threshold, so broadcast', plan({ rightBytes: TEN_MB }), BHJ('right')],
      ['rightBytes === threshold + 1: too big to broadcast', plan({ rightBytes: TEN_MB + 1 }), SMJ],
      ['a custom threshold of 1000 bytes and a 1000-byte left side: broadcast', plan({ autoBroadcastJoinThreshold: 1000, leftBytes: 1000 }), BHJ('left')],
    ]);
  });

  test('-1 disables size-based broadcasts, even for empty tables', () => {
    expectCases([
      ['threshold -1 and a 1 KB right side: no broadcast', plan({ autoBroadcastJoinThreshold: -1, rightBytes: 1024 }), SMJ],
      ['threshold -1 and two empty sides (0 bytes): 0 <= -1 is false, so no broadcast', plan({ autoBroadcastJoinThreshold: -1, leftBytes: 0, rightBytes: 0 }), SMJ],
    ]);
  });

  test('when both sides could be broadcast and are the same size, the right side is built', () => {
    expectCases([
      ['equal sizes: Spark builds the right side (right <= left)', plan({ leftBytes: 4 * MB, rightBytes: 4 * MB }), BHJ('right')],
    ]);
  });
});

describe('join hints', () => {
  test('a broadcast hint wins even above the threshold, or with broadcasts disabled', () => {
    expectCases([
      ['broadcast hint on a 5 GB left side of an inner join: hints ignore the size', plan({ leftHint: 'broadcast' }), BHJ('left')],
      ['broadcast hint with threshold -1: the hint still applies', plan({ autoBroadcastJoinThreshold: -1, rightHint: 'broadcast' }), BHJ('right')],
      ['broadcast hints on both sides: build the smaller one', plan({ leftHint: 'broadcast', rightHint: 'broadcast', leftBytes: 9 * GB, rightBytes: 2 * GB }), BHJ('right')],
      ['broadcast hints on both sides: build the smaller one, also when it is the left', plan({ leftHint: 'broadcast', rightHint: 'broadcast', leftBytes: 1000, rightBytes: 5 * GB }), BHJ('left')],
      ['broadcast hints on both sides of the same size: a tie builds the right', plan({ leftHint: 'broadcast', rightHint: 'broadcast', leftBytes: 3 * GB, rightBytes: 3 * GB }), BHJ('right')],
    ]);
  });

  test('a broadcast hint on a side that cannot be built is ignored, and planning continues', () => {
    expectCases([
      ['left join, broadcast hint on the LEFT (not buildable), small right: size-based broadcast of the right', plan({ how: 'left', leftHint: 'broadcast', rightBytes: MB }), BHJ('right')],
      ['left join, broadcast hint on the LEFT, large right: falls through to SortMergeJoin', plan({ how: 'left', leftHint: 'broadcast', leftBytes: MB }), SMJ],
      ['left_anti, broadcast hints on both sides: only the right may be built', plan({ how: 'left_anti', leftHint: 'broadcast', rightHint: 'broadcast', leftBytes: MB }), BHJ('right')],
    ]);
  });

  test('priority: broadcast > merge > shuffle_hash > size-based choices', () => {
    expectCases([
      ['merge on the left, broadcast on the right: the broadcast hint wins', plan({ leftHint: 'merge', rightHint: 'broadcast' }), BHJ('right')],
      ['a merge hint beats a size-based broadcast of a tiny right side', plan({ leftHint: 'merge', rightBytes: MB }), SMJ],
      ['shuffle_hash on the left, merge on the right: merge wins', plan({ leftHint: 'shuffle_hash', rightHint: 'merge' }), SMJ],
      ['a shuffle_hash hint beats a size-based broadcast of a tiny right side', plan({ leftHint: 'shuffle_hash', rightBytes: MB }), SHJ('left')],
      ['a shuffle_hash hint on a 5 GB left side: hints ignore sizes', plan({ leftHint: 'shuffle_hash' }), SHJ('left')],
      ['shuffle_hash hints on both sides: build the smaller one', plan({ leftHint: 'shuffle_hash', rightHint: 'shuffle_hash' }), SHJ('left')],
    ]);
  });

  test('shuffle_hash hints follow the shuffled hash join build rules', () => {
    expectCases([
      ['full outer join: a shuffled hash join may build either side (since Spark 3.1)', plan({ how: 'full', leftHint: 'shuffle_hash' }), SHJ('left')],
      ['left outer join: a shuffled hash join may build the left side too (since Spark 3.5)', plan({ how: 'left', leftHint: 'shuffle_hash' }), SHJ('left')],
      ['left_semi: shuffle_hash on the LEFT is ignored (only the right may be built)', plan({ how: 'left_semi', leftHint: 'shuffle_hash' }), SMJ],
      ['left_semi: shuffle_hash on the right is used', plan({ how: 'left_semi', rightHint: 'shuffle_hash' }), SHJ('right')],
    ]);
  });
});

describe('preferSortMergeJoin = false', () => {
  test('a much smaller side (at least 3x) is hash-built after a shuffle', () => {
    expectCases([
      ['100 MB vs 1 GB: the right is 10x smaller and 100 MB < 10 MB x 200 partitions', plan({ preferSortMergeJoin: false, leftBytes: GB, rightBytes: 100 * MB }), SHJ('right')],
      ['full outer, 100 MB left vs 1 GB right: build the left', plan({ preferSortMergeJoin: false, how: 'full', leftBytes: 100 * MB, rightBytes: GB }), SHJ('left')],
      ['exactly 3x smaller counts as much smaller (size x 3 <= other)', plan({ preferSortMergeJoin: false, leftBytes: 300 * MB, rightBytes: 100 * MB }), SHJ('right')],
      ['one byte short of 3x is not much smaller (100 MB x 3 > 300 MB - 1 byte)', plan({ preferSortMergeJoin: false, leftBytes: 100 * MB, rightBytes: 300 * MB - 1 }), SMJ],
      ['full outer, both sides empty: 0 x 3 <= 0 holds for both sides, and a tie builds the right', plan({ preferSortMergeJoin: false, how: 'full', leftBytes: 0, rightBytes: 0 }), SHJ('right')],
    ]);
  });

  test('otherwise it is still a sort-merge join', () => {
    expectCases([
      ['600 MB vs 1 GB: not 3x smaller, so SortMergeJoin', plan({ preferSortMergeJoin: false, leftBytes: GB, rightBytes: 600 * MB }), SMJ],
      ['3 GB vs 100 GB: 3 GB is not < 10 MB x 200 partitions, too big for per-partition hash maps', plan({ preferSortMergeJoin: false, leftBytes: 100 * GB, rightBytes: 3 * GB }), SMJ],
      ['left_semi, 100 MB left vs 1 GB right: the left may not be built', plan({ preferSortMergeJoin: false, how: 'left_semi', leftBytes: 100 * MB, rightBytes: GB }), SMJ],
      ['threshold -1: no side is < -1 x 200, so no shuffled hash join either', plan({ preferSortMergeJoin: false, autoBroadcastJoinThreshold: -1, leftBytes: GB, rightBytes: MB }), SMJ],
    ]);
  });

  test('a broadcast still comes first, and shufflePartitions changes the hash-map limit', () => {
    expectCases([
      ['a right side under the threshold is broadcast even with preferSortMergeJoin = false', plan({ preferSortMergeJoin: false, rightBytes: MB }), BHJ('right')],
      ['3 GB vs 100 GB with 2000 shuffle partitions: 3 GB < 10 MB x 2000, so hash-build it', plan({ preferSortMergeJoin: false, shufflePartitions: 2000, leftBytes: 100 * GB, rightBytes: 3 * GB }), SHJ('right')],
    ]);
  });
});

describe('every rule, on many generated joins', () => {
  const HOWS: Input['how'][] = ['inner', 'left', 'right', 'full', 'left_semi', 'left_anti'];
  const HINTS: Input['leftHint'][] = [undefined, undefined, undefined, 'broadcast', 'merge', 'shuffle_hash'];
  const THRESHOLDS = [TEN_MB, TEN_MB, 1000, 65536, 0, -1];
  const PARTITIONS: (number | undefined)[] = [undefined, undefined, 200, 1, 8, 2000];

  /**
   * Joins whose sizes sit on the edges of every rule: 0, the threshold and one byte either side, the
   * per-partition hash map limit (threshold x partitions) and one byte either side, exactly 3x the
   * other side and one byte either side, equal sides, and large tables.
   */
  const joins: Gen<Input> = {
    generate(random) {
      const threshold = random.pick(THRESHOLDS);
      const shufflePartitions = random.pick(PARTITIONS);
      const limit = threshold * (shufflePartitions ?? 200);
      const edges = [0, 1, threshold - 1, threshold, threshold + 1, limit - 1, limit, limit + 1, 100 * MB, 5 * GB].filter((n) => n >= 0);
      const a = random.pick(edges);
      // Equal sides often: ties decide the build side at several steps.
      const b = random.pick([a, a, a, 3 * a, 3 * a - 1, 3 * a + 1, Math.floor(a / 3), ...edges].filter((n) => n >= 0));
      const [leftBytes, rightBytes] = random.chance(0.5) ? [a, b] : [b, a];
      const input: Input = {
        how: random.pick(HOWS),
        leftBytes,
        rightBytes,
        autoBroadcastJoinThreshold: threshold,
        // Mostly false: that path has the most rules (the 3x rule, the hash map limit).
        preferSortMergeJoin: random.chance(0.3),
      };
      const leftHint = random.pick(HINTS);
      // The same hint on both sides now and then: then sizes and ties choose the build side.
      const rightHint = random.chance(0.2) ? leftHint : random.pick(HINTS);
      if (leftHint) input.leftHint = leftHint;
      if (rightHint) input.rightHint = rightHint;
      if (shufflePartitions !== undefined) input.shufflePartitions = shufflePartitions;
      return input;
    },
    *shrink(input) {
      // Simpler versions of a failing join: fewer hints, default settings.
      if (input.leftHint) yield { ...input, leftHint: undefined };
      if (input.rightHint) yield { ...input, rightHint: undefined };
      if (input.shufflePartitions !== undefined) {
        const { shufflePartitions: _omit, ...rest } = input;
        yield rest;
      }
      if (!input.preferSortMergeJoin) yield { ...input, preferSortMergeJoin: true };
      if (input.how !== 'inner') yield { ...input, how: 'inner' };
    },
  };

  test("the same choice as Spark's JoinSelection for every generated join", () => {
    property(
      joins,
      (input) => {
        const given = { ...input };
        const { strategy, buildSide } = chooseJoinStrategy(given);
        if (!deepEqual(given, input)) expect(given, 'chooseJoinStrategy must read its input, not change it').toEqual(input);
        const expected = sparkJoinSelection(input);
        // The message is only built for a wrong answer: hundreds of joins pass through here.
        if (strategy !== expected.strategy || buildSide !== expected.buildSide) {
          expect({ strategy, buildSide }, `the plan for ${show(input)}`).toEqual({ strategy: expected.strategy, buildSide: expected.buildSide });
        }
      },
      { runs: 250, describe: (input: Input) => show(input) },
    );
  });

  test('the input object is not changed', () => {
    property(
      joins,
      (input) => {
        const copy = { ...input };
        chooseJoinStrategy(input);
        expect(input, 'chooseJoinStrategy must read its input, not change it').toEqual(copy);
      },
      { runs: 50 },
    );
  });
});

describe('agrees with the engine', () => {
  /** The strategy and build side in the engine's physical plan. */
  function plannedByEngine(df: DataFrame): Choice {
    const text = df.queryExecution.explainString();
    const line = text.split('\n').find((l) => /(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin)/.test(l)) ?? '';
    const strategy = line.match(/(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin)/)?.[1] as Choice['strategy'];
    const build = line.match(/Build(Left|Right)/)?.[1];
    return { strategy, buildSide: build === 'Left' ? 'left' : build === 'Right' ? 'right' : undefined };
  }

  test('same choice as the engine for real DataFrames', () => {
    const orders: Row[] = Array.from({ length: 60 }, (_, i) => ({ id: i % 12, amount: i, note: `order ${i}` }));
    const customers: Row[] = Array.from({ length: 12 }, (_, i) => ({ id: i, name: `c${i}` }));
    type EngineCase = { threshold: number; preferSortMergeJoin: boolean; how: Input['how']; hintSide?: 'left' | 'right'; hint?: 'broadcast' | 'merge' | 'shuffle_hash' };
    const cases: EngineCase[] = [
      { threshold: TEN_MB, preferSortMergeJoin: true, how: 'inner' },
      { threshold: -1, preferSortMergeJoin: true, how: 'inner' },
      { threshold: TEN_MB, preferSortMergeJoin: true, how: 'right' },
      { threshold: TEN_MB, preferSortMergeJoin: true, how: 'full' },
      { threshold: -1, preferSortMergeJoin: true, how: 'left', hintSide: 'left', hint: 'broadcast' },
      { threshold: TEN_MB, preferSortMergeJoin: true, how: 'inner', hintSide: 'left', hint: 'merge' },
      { threshold: TEN_MB, preferSortMergeJoin: true, how: 'inner', hintSide: 'left', hint: 'shuffle_hash' },
      { threshold: 1000, preferSortMergeJoin: false, how: 'inner' },
      { threshold: 1000, preferSortMergeJoin: false, how: 'left_semi' },
      { threshold: 5, preferSortMergeJoin: false, how: 'inner' },
    ];
    for (const c of cases) {
      const spark = new SparkSession({
        conf: {
          'spark.sql.adaptive.enabled': false,
          'spark.sql.autoBroadcastJoinThreshold': c.threshold,
          'spark.sql.join.preferSortMergeJoin': c.preferSortMergeJoin,
        },
      });
      let left = spark.createDataFrame(orders, { name: 'orders' });
      let right = spark.createDataFrame(customers, { name: 'customers' });
      if (c.hint && c.hintSide === 'left') left = left.hint(c.hint);
      if (c.hint && c.hintSide === 'right') right = right.hint(c.hint);
      const input: Input = {
        how: c.how,
        leftBytes: left.estimatedSizeInBytes(),
        rightBytes: right.estimatedSizeInBytes(),
        leftHint: c.hintSide === 'left' ? c.hint : undefined,
        rightHint: c.hintSide === 'right' ? c.hint : undefined,
        autoBroadcastJoinThreshold: c.threshold,
        preferSortMergeJoin: c.preferSortMergeJoin,
      };
      const engine = plannedByEngine(left.join(right, 'id', c.how));
      const { strategy, buildSide } = chooseJoinStrategy(input);
      expect({ strategy, buildSide }, `the engine's plan for orders.join(customers, 'id', '${c.how}') with ${JSON.stringify(input)}`).toEqual(engine);
    }
  });
});
