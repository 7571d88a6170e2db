import { describe, test, expect } from 'vitest';
import { SparkSession, type DataFrame, type JobReport, type Row } from '@sai/spark';
import { expectDeterministic, expectSameRows, gen, inWorld, joinRows, memoByInput, property, show, type JoinSides } from '@sai/checks';
import { saltedJoin } from './solution';

/** No broadcast and no adaptive execution: the join is a plain shuffle join and skew stays visible. */
function session(shufflePartitions = 8, taskOrder: 'partition' | 'reversed' = 'partition'): SparkSession {
  return new SparkSession({
    taskOrder,
    executors: 4,
    coresPerExecutor: 2,
    conf: {
      'spark.sql.shuffle.partitions': shufflePartitions,
      'spark.sql.autoBroadcastJoinThreshold': -1,
      'spark.sql.adaptive.enabled': false,
    },
  });
}

/** Names a learner might pick for the salt column, and so names a real column may already have. */
const SALT_LIKE_NAMES = ['_salt', 'salt', '__salt', '__salt__', 'salt_', '_salt_', 'saltBucket', 'bucket'];

/** Facts and dims with look-alike keys; often a table already has a column named like a salt (each side its own). */
interface Case {
  sides: JoinSides<Row, Row>;
  saltBuckets: number;
  factPartitions: number;
  dimPartitions: number;
  shufflePartitions: number;
  factSaltLike: string | null;
  dimSaltLike: string | null;
  /** The key as the facts' last column rather than their first (the joined columns start with the key either way). */
  factKeyLast: boolean;
}

const cases = gen.record<Case>({
  // At least one row a side: a DataFrame made from no rows would have no columns, not even the key.
  sides: gen.joinSides<Row, Row>('k', { columns: { q: gen.integer(1, 5) }, min: 1, max: 16 }, { columns: { d: gen.oneOf(['x', 'y', '']) }, min: 1, max: 6 }),
  saltBuckets: gen.integer(1, 6),
  factPartitions: gen.integer(1, 4),
  dimPartitions: gen.integer(1, 3),
  shufflePartitions: gen.oneOf([1, 2, 3, 8]),
  factSaltLike: gen.oneOf([null, ...SALT_LIKE_NAMES]),
  dimSaltLike: gen.oneOf([null, ...SALT_LIKE_NAMES]),
  factKeyLast: gen.oneOf([false, true]),
});

/** The case's tables: every fact gets an id; a table may carry a column named like a salt (see Case). */
function tables(c: Case) {
  const facts: Row[] = c.sides.left.map((row, i) => {
    const { k, ...rest } = row;
    const fact: Row = c.factKeyLast ? { ...rest, f: i, k } : { k, ...rest, f: i };
    return c.factSaltLike ? { ...fact, [c.factSaltLike]: i % 3 } : fact;
  });
  const dims: Row[] = c.sides.right.map((row, i) => (c.dimSaltLike ? { ...row, [c.dimSaltLike]: `s${i}` } : { ...row }));
  return { facts, dims };
}

const run = memoByInput((c: Case) => {
  const spark = session(c.shufflePartitions);
  const { facts, dims } = tables(c);
  const factsDf = spark.createDataFrame(facts, { numPartitions: c.factPartitions });
  const dimsDf = spark.createDataFrame(dims, { numPartitions: c.dimPartitions });
  const before = spark.jobs.length;
  const salted = saltedJoin(factsDf, dimsDf, 'k', c.saltBuckets);
  const building = spark.jobs.slice(before);
  const rows = salted.collect();
  return { facts, dims, factsDf, dimsDf, salted, building, rows, job: spark.lastJob() as JobReport };
});

const describeCase = (c: Case) => {
  const { facts, dims } = tables(c);
  return `facts ${show(facts)} in ${c.factPartitions} partition(s), dims ${show(dims)}, saltBuckets ${c.saltBuckets}, spark.sql.shuffle.partitions ${c.shufflePartitions}`;
};
const hasKey = (row: Row) => row.k !== null;

describe('saltedJoin: the result is the plain join', () => {
  test('the same rows as facts.join(dims, key), for any input', () => {
    property(
      cases,
      (c) => {
        const { facts, dims, factsDf, dimsDf, rows } = run(c);
        expectSameRows(rows, joinRows(facts, dims, ['k'], 'inner', { left: factsDf.columns, right: dimsDf.columns }), 'the salted join');
      },
      { runs: 16, describe: describeCase },
    );
  });

  test('the same columns, in the same order: the salt column is gone, and real columns named like a salt stay', () => {
    property(
      cases,
      (c) => {
        const { factsDf, dimsDf, salted } = run(c);
        expect(salted.columns, 'the columns of facts.join(dims, key)').toEqual(factsDf.join(dimsDf, 'k').columns);
      },
      { runs: 16, describe: describeCase },
    );
  });

  test('saltBuckets = 1 is a plain join, and another key column works too', () => {
    const spark = session();
    const clicks: Row[] = Array.from({ length: 90 }, (_, i) => ({ click: i, user: i % 3 === 0 ? 7 : i % 11 }));
    const users: Row[] = Array.from({ length: 12 }, (_, i) => ({ user: i, plan: i % 2 === 0 ? 'free' : 'pro' }));
    for (const buckets of [1, 3]) {
      const rows = saltedJoin(spark.createDataFrame(clicks), spark.createDataFrame(users), 'user', buckets).collect();
      expectSameRows(rows, joinRows(clicks, users, ['user'], 'inner', { left: ['click', 'user'], right: ['user', 'plan'] }), `join on 'user' with saltBuckets = ${buckets}`);
    }
  });
});

describe('saltedJoin: how the data moved', () => {
  test('the shuffle carries each fact row once and each dimension row exactly saltBuckets times', () => {
    property(
      cases,
      (c) => {
        const { facts, dims, job, building } = run(c);
        expect(building.map((j) => j.description), 'jobs run while building the join (there should be none)').toEqual([]);
        const written = job.metrics.shuffleWriteRecords;
        const least = facts.filter(hasKey).length + dims.filter(hasKey).length * c.saltBuckets;
        const most = facts.length + dims.length * c.saltBuckets;
        expect(
          written >= least && written <= most,
          `shuffled ${written} records; expected the facts once and every dimension row ${c.saltBuckets} times (between ${least} and ${most}, ` +
            'depending on whether rows with a null key are dropped first): no broadcast, no extra repartition',
        ).toBe(true);
      },
      { runs: 16, describe: describeCase },
    );
  });

  test('the same input gives the same rows in the same partitions on every run (no Math.random, no counter shared between runs)', () => {
    property(cases, (c) => void expectDeterministic(() => run(c).salted.rdd.collectPartitions(), 'The partitions of your salted join'), {
      runs: 3,
      describe: describeCase,
    });
    const spark = session();
    const sales = spark.createDataFrame(
      Array.from({ length: 101 }, (_, i) => ({ sale: i, store: i % 5 === 0 ? 's1' : 's0' })),
      { numPartitions: 3 },
    );
    const salted = saltedJoin(sales, spark.createDataFrame([{ store: 's0' }, { store: 's1' }]), 'store', 4);
    expectDeterministic(() => salted.rdd.collectPartitions(), 'Collecting the same salted join twice');
  });
});

describe('saltedJoin: retried on another day', () => {
  test('two separate calls, with another clock, other random numbers and the tasks run in another order, give the same rows in the same partitions', () => {
    property(
      cases,
      (c) => {
        const { facts, dims } = tables(c);
        const once = (world: { random: number; now: number; taskOrder: 'partition' | 'reversed' }) =>
          inWorld(world, () => {
            const spark = session(c.shufflePartitions, world.taskOrder);
            const factsDf = spark.createDataFrame(facts, { numPartitions: c.factPartitions });
            const dimsDf = spark.createDataFrame(dims, { numPartitions: c.dimPartitions });
            return saltedJoin(factsDf, dimsDf, 'k', c.saltBuckets).rdd.collectPartitions();
          });
        // 1 day 7 h 7 min 7 s 7 ms later: counted in ms, s, min, h or days, the clock moves by a
        // non-multiple of every salt bucket count from 2 to 6.
        // (Spark runs a stage's tasks in no set order; here the second run starts with the last partition.)
        const first = once({ random: 0.21, now: Date.UTC(2026, 0, 5, 9, 30, 17, 123), taskOrder: 'partition' });
        const again = once({ random: 0.74, now: Date.UTC(2026, 0, 6, 16, 37, 24, 130), taskOrder: 'reversed' });
        expect(
          again,
          'a retried task (here: the same join run again later) must compute exactly the same salts: no Math.random(), no clock, ' +
            'no counter that expects partition 0 to run first',
        ).toEqual(first);
      },
      { runs: 4, describe: describeCase },
    );
  });
});

describe('saltedJoin: skew (120 of 150 sales in store s0)', () => {
  const sales: Row[] = Array.from({ length: 150 }, (_, i) => ({ sale: i, store: i < 120 ? 's0' : `s${1 + (i % 12)}`, qty: 1 + (i % 5) }));
  const stores: Row[] = Array.from({ length: 14 }, (_, i) => ({ store: `s${i}`, city: ['Lisbon', 'Porto', 'Faro'][i % 3] }));

  /** The stage that performed the join: the one that reads shuffled data. */
  function joinStage(spark: SparkSession, df: DataFrame) {
    df.collect();
    const stage = spark.lastJob()?.stages.find((s) => s.shuffleReadRecords > 0);
    if (!stage) throw new Error('expected the join to run as a shuffle join (no shuffle-reading stage found)');
    return stage;
  }

  test('the busiest join partition gets much smaller', () => {
    const spark = session();
    const plain = joinStage(spark, spark.createDataFrame(sales).join(spark.createDataFrame(stores), 'store'));
    const salted = joinStage(spark, saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 16));
    const plainMax = Math.max(...plain.partitionRecords);
    const saltedMax = Math.max(...salted.partitionRecords);
    expect(
      saltedMax,
      `without salting, one partition joins ${plainMax} rows: all 120 sales of store s0 meet there. With 16 salt buckets no partition ` +
        'should get more than half of that. A salt computed from the key itself splits nothing.',
    ).toBeLessThanOrEqual(0.5 * plainMax);
  });

  test('the hot key is split even when all its rows arrive in one partition', () => {
    const spark = session();
    const plain = joinStage(spark, spark.createDataFrame(sales, { numPartitions: 1 }).join(spark.createDataFrame(stores), 'store'));
    const salted = joinStage(spark, saltedJoin(spark.createDataFrame(sales, { numPartitions: 1 }), spark.createDataFrame(stores), 'store', 16));
    expect(
      Math.max(...salted.partitionRecords),
      'with all sales in one partition, a salt taken from the partition (its index) is the same for every row: deal the salts row by row',
    ).toBeLessThanOrEqual(0.5 * Math.max(...plain.partitionRecords));
  });

  test('with saltBuckets = 2 the hot key is split in two', () => {
    // Several shuffle partition counts: two (key, salt) pairs can hash to one partition now and then, not every time.
    const split = [61, 64, 67].map((n) => {
      const spark = session(n);
      const joined = saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 2);
      return joined.rdd.collectPartitions().filter((rows) => rows.some((row) => row.store === 's0')).length;
    });
    expect(Math.max(...split), "with 2 salt buckets, store s0's rows get salts 0 and 1 and come out of two partitions").toBeGreaterThanOrEqual(2);
  });

  test('the hot key is split even when its rows are all alike (a salt made from the row itself is one salt)', () => {
    const spark = session();
    const same: Row[] = Array.from({ length: 120 }, () => ({ store: 's0', qty: 1 }));
    const plain = joinStage(spark, spark.createDataFrame(same, { numPartitions: 2 }).join(spark.createDataFrame(stores), 'store'));
    const salted = joinStage(spark, saltedJoin(spark.createDataFrame(same, { numPartitions: 2 }), spark.createDataFrame(stores), 'store', 16));
    expect(
      Math.max(...salted.partitionRecords),
      '120 identical sales of store s0: deal the salts by position, so identical rows still get different salts',
    ).toBeLessThanOrEqual(0.5 * Math.max(...plain.partitionRecords));
  });

  test('the hot key comes out of several partitions', () => {
    const spark = session();
    const joined = saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 8);
    const partitionsWithHotKey = joined.rdd.collectPartitions().filter((rows) => rows.some((row) => row.store === 's0')).length;
    expect(partitionsWithHotKey, "store s0's rows should come out of more than one partition: different salts hash to different partitions").toBeGreaterThan(1);
  });
});
