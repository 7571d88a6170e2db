import { beforeEach, describe, expect, test, vi } from 'vitest';
import { SparkSession, broadcast, estimateRowBytes, type JoinType } from '@sai/spark';

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // explain() prints its plan
  return () => vi.restoreAllMocks();
});

// {id: number, w: number}: 8 bytes null bitset + 2 x 8-byte slots = 24 bytes per row.
const ROW_BYTES = 24;

function setup(conf: Record<string, string | number | boolean> = {}) {
  const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 4, ...conf } });
  const big = spark.createDataFrame(
    Array.from({ length: 40 }, (_, i) => ({ id: i % 10, v: i })),
    { name: 'big', numPartitions: 4 },
  );
  const small = spark.createDataFrame(
    Array.from({ length: 3 }, (_, i) => ({ id: i, w: i * 10 })),
    { name: 'small', numPartitions: 2 },
  );
  return { spark, big, small };
}

describe('plan-time size estimates', () => {
  test('createDataFrame sums UnsafeRow-like row sizes', () => {
    const { small, big } = setup();
    expect(small.estimatedSizeInBytes()).toBe(3 * ROW_BYTES);
    expect(big.estimatedSizeInBytes()).toBe(40 * ROW_BYTES);
  });

  test('estimateRowBytes: bitset per 64 fields, 8 per field, strings rounded up to 8', () => {
    expect(estimateRowBytes({ a: 1 })).toBe(16);
    expect(estimateRowBytes({ a: 1, s: 'hello world' })).toBe(8 + 16 + 16); // 11 bytes -> 16
    expect(estimateRowBytes({ s: 'abcdefgh' })).toBe(8 + 8 + 8);
    expect(estimateRowBytes({ s: 'é' })).toBe(8 + 8 + 8); // 2 UTF-8 bytes -> 8
    expect(estimateRowBytes({ a: null, b: true })).toBe(8 + 16);
    const wide = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`c${i}`, i]));
    expect(estimateRowBytes(wide)).toBe(16 + 65 * 8);
  });

  test('filter keeps the estimate (no selectivity guess), select scales by columns kept', () => {
    const { big } = setup();
    expect(big.filter((r) => r.v === 0).estimatedSizeInBytes()).toBe(big.estimatedSizeInBytes());
    expect(big.select('id').estimatedSizeInBytes()).toBe(big.estimatedSizeInBytes() / 2);
  });
});

describe('broadcast threshold', () => {
  test('a side whose size equals the threshold is broadcast', () => {
    const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': 3 * ROW_BYTES });
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('BroadcastHashJoin');
  });

  test('one byte over the threshold is not broadcast', () => {
    const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': 3 * ROW_BYTES - 1, 'spark.sql.adaptive.enabled': false });
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });

  test('-1 disables broadcasting by size', () => {
    const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });

  test("'10MB' style values work and the default (10 MiB) broadcasts small tables", () => {
    const { spark, big, small } = setup();
    expect(spark.conf.get('spark.sql.autoBroadcastJoinThreshold')).toBe('10485760');
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('BroadcastHashJoin');
    spark.conf.set('spark.sql.autoBroadcastJoinThreshold', '1k');
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('BroadcastHashJoin'); // 72 bytes <= 1024
  });

  test('when both sides fit, the smaller one is built', () => {
    const { big, small } = setup();
    expect(big.join(small, 'id').explain()).toContain('BuildRight');
    expect(small.join(big, 'id').explain()).toContain('BuildLeft');
  });

  test('preferSortMergeJoin=false picks a shuffled hash join for a much smaller side', () => {
    // Spark hashes a side only if size < threshold x shuffle partitions (72 < 20 x 4) and 3 x size <= other side.
    const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': 20, 'spark.sql.join.preferSortMergeJoin': false, 'spark.sql.adaptive.enabled': false });
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('ShuffledHashJoin');
    expect(spark.lastJob()!.plan).toContain('ShuffledHashJoin [id], [id], Inner, BuildRight');
    spark.conf.set('spark.sql.autoBroadcastJoinThreshold', 10); // 72 >= 10 x 4: too big for per-partition maps
    big.join(small, 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });
});

describe('broadcast legality per join type', () => {
  const cases: { how: JoinType; left: boolean; right: boolean }[] = [
    { how: 'inner', left: true, right: true },
    { how: 'left', left: false, right: true },
    { how: 'right', left: true, right: false },
    { how: 'full', left: false, right: false },
    { how: 'left_semi', left: false, right: true },
    { how: 'left_anti', left: false, right: true },
  ];
  for (const c of cases) {
    test(`${c.how}: broadcast hint on the left ${c.left ? 'is used' : 'is ignored'}`, () => {
      const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
      broadcast(small).join(big, 'id', c.how).collect();
      const job = spark.lastJob()!;
      if (c.left) {
        expect(job.strategy).toBe('BroadcastHashJoin');
        expect(job.plan).toContain('BuildLeft');
      } else {
        expect(job.strategy).not.toBe('BroadcastHashJoin');
        expect(job.trace.notes.join('\n')).toMatch(/broadcast hint on the left side ignored/);
      }
    });
    test(`${c.how}: broadcast hint on the right ${c.right ? 'is used' : 'is ignored'}`, () => {
      const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
      big.join(broadcast(small), 'id', c.how).collect();
      const job = spark.lastJob()!;
      if (c.right) {
        expect(job.strategy).toBe('BroadcastHashJoin');
        expect(job.plan).toContain('BuildRight');
      } else {
        expect(job.strategy).toBe('SortMergeJoin');
        expect(job.trace.notes.join('\n')).toMatch(/broadcast hint on the right side ignored/);
      }
    });
  }

  test('full outer never broadcasts, even when both sides are tiny', () => {
    const { spark, big, small } = setup();
    big.join(small, 'id', 'full').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });

  test('a left join below the threshold on the left only cannot broadcast the left', () => {
    const { spark, big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': 3 * ROW_BYTES, 'spark.sql.adaptive.enabled': false });
    small.join(big, 'id', 'left').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });

  test('both sides hinted: the smaller legal side is built', () => {
    const { big, small } = setup();
    expect(broadcast(big).join(broadcast(small), 'id').explain()).toContain('BuildRight');
    expect(broadcast(small).join(broadcast(big), 'id').explain()).toContain('BuildLeft');
  });

  test('hint priority: broadcast beats merge, merge beats shuffle_hash, merge beats size', () => {
    const { big, small } = setup();
    expect(big.hint('merge').join(broadcast(small), 'id').explain()).toContain('BroadcastHashJoin');
    expect(big.hint('shuffle_hash').join(small.hint('merge'), 'id').explain()).toContain('SortMergeJoin');
    expect(big.join(small.hint('merge'), 'id').explain()).toContain('SortMergeJoin');
    expect(big.join(small.hint('shuffle_hash'), 'id').explain()).toContain('ShuffledHashJoin [id], [id], Inner, BuildRight');
  });

  test('hints pass through filters and selects on the hinted side', () => {
    const { big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
    const plan = big.join(broadcast(small).filter((r) => r.w !== 5).select('id', 'w'), 'id').explain();
    expect(plan).toContain('BroadcastHashJoin');
  });
});

describe('explain()', () => {
  test('sort-merge join plan with AQE wrapper, Spark node names', () => {
    const { big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
    const text = big.join(small, 'id').explain();
    expect(text).toBe(
      [
        '== Physical Plan ==',
        'AdaptiveSparkPlan isFinalPlan=false',
        '+- SortMergeJoin [id], [id], Inner',
        '   :- Sort [id ASC NULLS FIRST], false, 0',
        '   :  +- Exchange hashpartitioning(id, 4), ENSURE_REQUIREMENTS',
        '   :     +- Scan big[id,v]',
        '   +- Sort [id ASC NULLS FIRST], false, 0',
        '      +- Exchange hashpartitioning(id, 4), ENSURE_REQUIREMENTS',
        '         +- Scan small[id,w]',
      ].join('\n'),
    );
  });

  test('broadcast hash join plan without AQE has no AdaptiveSparkPlan line', () => {
    const { big, small } = setup({ 'spark.sql.adaptive.enabled': false });
    const text = big.join(small, 'id', 'left').explain();
    expect(text).not.toContain('AdaptiveSparkPlan');
    expect(text).toContain('BroadcastHashJoin [id], [id], LeftOuter, BuildRight, false');
    expect(text).toContain('+- BroadcastExchange HashedRelationBroadcastMode(List(id),false)');
    expect(text).not.toContain('Exchange hashpartitioning');
  });

  test('join type words follow Spark', () => {
    const { big, small } = setup({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
    const words: Record<string, string> = { inner: 'Inner', left: 'LeftOuter', right: 'RightOuter', full: 'FullOuter', semi: 'LeftSemi', anti: 'LeftAnti' };
    for (const [how, word] of Object.entries(words)) expect(big.join(small, 'id', how as JoinType).explain()).toContain(`SortMergeJoin [id], [id], ${word}`);
  });

  test('a plan without an exchange is not wrapped in AdaptiveSparkPlan', () => {
    const { big } = setup();
    const text = big.filter((r) => (r.v as number) > 3).select('id').explain();
    expect(text).not.toContain('AdaptiveSparkPlan');
    expect(text).toContain('Project [id]');
    expect(text).toContain('Filter');
  });

  test('repartition and groupBy show their exchanges', () => {
    const { big } = setup();
    expect(big.repartition(3).explain()).toContain('Exchange RoundRobinPartitioning(3), REPARTITION_BY_NUM');
    expect(big.repartition(3, 'id').explain()).toContain('Exchange hashpartitioning(id, 3), REPARTITION_BY_NUM');
    const agg = big.groupBy('id').count().explain();
    expect(agg).toContain('HashAggregate(keys=[id], functions=[count(1)])');
    expect(agg).toContain('HashAggregate(keys=[id], functions=[partial_count(1)])');
  });
});
