/**
 * What a fresh worker runs once for '@sai/spark' before it says it is ready: the engine's common
 * paths (a job, each join strategy, a plan, the RDD primitives the exercises build joins from), so
 * the learner's first Run finds them compiled.
 */
export const SPARK_WARM_UP = [
  "import { SparkSession } from '@sai/spark';",
  'const spark = new SparkSession();',
  "const left = spark.createDataFrame([{ k: 1, a: 'x' }, { k: 2, a: 'y' }]);",
  'const right = spark.createDataFrame([{ k: 1, b: true }]);',
  "left.join(right, 'k').queryExecution.explainString();",
  "left.join(right, 'k', 'left').collect();",
  "left.join(right.hint('merge'), 'k').count();",
  "left.join(right.hint('shuffle_hash'), 'k', 'full').count();",
  'spark.range(8).count();',
  'const sc = spark.sparkContext;',
  'const pairs = sc.parallelize([{ k: 1 }, { k: 2 }], 2).keyBy((r) => r.k).partitionBy(2);',
  'const table = sc.broadcast(new Map([[1, 1]]));',
  'pairs.zipPartitions(pairs, (a, b) => a.concat(b)).mapPartitions((rows) => rows.filter(() => table.value.size > 0)).collect();',
].join('\n');
