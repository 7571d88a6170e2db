/**
 * Spark runs a stage's tasks in no set order; the engine can run them last partition first. Results,
 * partitions and metrics must not depend on it, only code that relies on the order may notice.
 */
import { describe, expect, test } from 'vitest';
import { SparkSession, type Row } from '@sai/spark';

function run(taskOrder: 'partition' | 'reversed', body: (spark: SparkSession) => unknown) {
  const spark = new SparkSession({ executors: 3, taskOrder, conf: { 'spark.sql.shuffle.partitions': 6, 'spark.sql.adaptive.enabled': true } });
  const out = body(spark);
  return { out, metrics: spark.jobs.map((job) => ({ ...job.metrics })), tasks: spark.jobs.map((job) => job.stages.map((s) => s.partitionRecords)) };
}

const left: Row[] = Array.from({ length: 90 }, (_, i) => ({ k: i < 60 ? 'hot' : `k${i % 9}`, v: i }));
const right: Row[] = Array.from({ length: 12 }, (_, i) => ({ k: i === 0 ? 'hot' : `k${i}`, w: `w${i}` }));

describe('task order', () => {
  const programs: Record<string, (spark: SparkSession) => unknown> = {
    'sort-merge join': (spark) => spark.createDataFrame(left, { numPartitions: 4 }).join(spark.createDataFrame(right, { numPartitions: 3 }), 'k').rdd.collectPartitions(),
    'broadcast join': (spark) => spark.createDataFrame(left, { numPartitions: 4 }).join(spark.createDataFrame(right).hint('broadcast'), 'k').rdd.collectPartitions(),
    'shuffled hash join': (spark) => spark.createDataFrame(left, { numPartitions: 4 }).join(spark.createDataFrame(right).hint('shuffle_hash'), 'k').rdd.collectPartitions(),
    'groupBy count': (spark) => spark.createDataFrame(left, { numPartitions: 5 }).groupBy('k').count().rdd.collectPartitions(),
    'RDD partitionBy and zipPartitions': (spark) => {
      const sc = spark.sparkContext;
      const a = sc.parallelize(left, 4).keyBy((r) => r.k).partitionBy(5);
      const b = sc.parallelize(right, 2).keyBy((r) => r.k).partitionBy(5);
      return a.zipPartitions(b, (x, y) => [x.length, y.length]).collectPartitions();
    },
  };
  for (const [name, program] of Object.entries(programs)) {
    test(`${name}: the same partitions, rows in the same order, and the same metrics either way`, () => {
      const inOrder = run('partition', program);
      const reversed = run('reversed', program);
      expect(reversed.out).toEqual(inOrder.out);
      expect(reversed.metrics).toEqual(inOrder.metrics);
      expect(reversed.tasks).toEqual(inOrder.tasks);
    });
  }

  test('code that relies on partition 0 running first does notice', () => {
    const counted = (taskOrder: 'partition' | 'reversed') =>
      run(taskOrder, (spark) => {
        let counter = 0;
        return spark.sparkContext.parallelize([1, 2, 3, 4, 5, 6], 3).mapPartitions((rows, p) => {
          if (p === 0) counter = 0;
          return rows.map(() => counter++);
        }).collect();
      }).out;
    expect(counted('partition')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(counted('reversed')).not.toEqual([0, 1, 2, 3, 4, 5]);
  });
});
