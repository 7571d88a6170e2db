import { describe, expect, test } from 'vitest';
import { SparkSession, parseByteSize } from '@sai/spark';

describe('config', () => {
  test("Spark's defaults", () => {
    const { conf } = new SparkSession();
    expect(conf.get('spark.sql.shuffle.partitions')).toBe('200');
    expect(conf.get('spark.sql.autoBroadcastJoinThreshold')).toBe('10485760');
    expect(conf.get('spark.sql.adaptive.enabled')).toBe('true');
    expect(conf.get('spark.sql.join.preferSortMergeJoin')).toBe('true');
    expect(conf.get('spark.sql.adaptive.skewJoin.enabled')).toBe('true');
    expect(conf.get('spark.sql.adaptive.skewJoin.skewedPartitionFactor')).toBe('5');
    expect(conf.get('spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes')).toBe('268435456');
    expect(conf.get('spark.sql.adaptive.autoBroadcastJoinThreshold')).toBeUndefined();
    expect(conf.get('spark.sql.adaptive.coalescePartitions.enabled')).toBe('true');
    expect(conf.get('spark.sql.adaptive.coalescePartitions.parallelismFirst')).toBe('true');
    expect(conf.getNumber('spark.sql.adaptive.coalescePartitions.minPartitionSize')).toBe(1024 * 1024);
    expect(conf.getNumber('spark.sql.adaptive.advisoryPartitionSizeInBytes')).toBe(64 * 1024 * 1024);
    expect(conf.getAll()['spark.sql.shuffle.partitions']).toBe('200');
  });

  test('byte sizes use binary units like Spark', () => {
    expect(parseByteSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseByteSize('1g')).toBe(1024 ** 3);
    expect(parseByteSize('512k')).toBe(512 * 1024);
    expect(parseByteSize('100')).toBe(100);
    expect(parseByteSize(-1)).toBe(-1);
    expect(parseByteSize('abc')).toBeUndefined();
    expect(parseByteSize('10 parsecs')).toBeUndefined();
  });

  test('set, get, unset', () => {
    const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 8 } });
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('8');
    spark.conf.set('spark.sql.autoBroadcastJoinThreshold', '10MB');
    expect(spark.conf.broadcastThreshold()).toBe(10485760);
    spark.conf.set('spark.sql.autoBroadcastJoinThreshold', -1);
    expect(spark.conf.broadcastThreshold()).toBe(-1);
    spark.conf.unset('spark.sql.autoBroadcastJoinThreshold');
    expect(spark.conf.get('spark.sql.autoBroadcastJoinThreshold')).toBe('10485760');
    spark.conf.set('spark.sql.adaptive.enabled', 'FALSE');
    expect(spark.conf.adaptiveEnabled()).toBe(false);
  });

  test('the shuffle partition count is used by joins', () => {
    const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 3, 'spark.sql.autoBroadcastJoinThreshold': -1 } });
    const df = spark.createDataFrame([{ id: 1 }]);
    expect(df.join(df.withColumn('x', () => 1), 'id').rdd.getNumPartitions()).toBe(3);
  });

  test('bad values throw an error naming the key', () => {
    const { conf } = new SparkSession();
    expect(() => conf.set('spark.sql.autoBroadcastJoinThreshold', 'abc')).toThrow(/spark\.sql\.autoBroadcastJoinThreshold/);
    expect(() => conf.set('spark.sql.shuffle.partitions', 0)).toThrow(/spark\.sql\.shuffle\.partitions/);
    expect(() => conf.set('spark.sql.shuffle.partitions', '2.5')).toThrow(/spark\.sql\.shuffle\.partitions/);
    expect(() => conf.set('spark.sql.adaptive.enabled', 'yes')).toThrow(/spark\.sql\.adaptive\.enabled/);
    expect(() => new SparkSession({ conf: { 'spark.sql.autoBroadcastJoinThreshold': '1 furlong' } })).toThrow(/autoBroadcastJoinThreshold/);
    // target sizes must be positive: -1 means nothing here
    expect(() => conf.set('spark.sql.adaptive.advisoryPartitionSizeInBytes', -1)).toThrow(/advisoryPartitionSizeInBytes/);
    expect(() => conf.set('spark.sql.adaptive.coalescePartitions.minPartitionSize', 0)).toThrow(/minPartitionSize/);
    conf.set('spark.sql.adaptive.advisoryPartitionSizeInBytes', '128MB');
    expect(conf.getNumber('spark.sql.adaptive.advisoryPartitionSizeInBytes')).toBe(128 * 1024 * 1024);
    // a failed set leaves the old value in place
    expect(conf.get('spark.sql.shuffle.partitions')).toBe('200');
  });

  test('unknown keys are stored but ignored', () => {
    const { conf } = new SparkSession();
    conf.set('spark.my.setting', 'whatever');
    expect(conf.get('spark.my.setting')).toBe('whatever');
  });

  test('bad session options are explained', () => {
    expect(() => new SparkSession({ executors: 0 })).toThrow(/executors/);
    expect(() => new SparkSession({ coresPerExecutor: 1.5 })).toThrow(/coresPerExecutor/);
  });

  test('rng is seeded: same seed, same numbers', () => {
    const a = new SparkSession({ seed: 5 }).rng();
    const b = new SparkSession({ seed: 5 }).rng();
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(new SparkSession({ seed: 6 }).rng()()).not.toBe(xs[0]);
  });
});
