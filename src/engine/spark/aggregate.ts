/**
 * groupBy(keys).count() as Spark runs it: a partial count per key in each map task (partial_count), an
 * exchange by the keys (ENSURE_REQUIREMENTS: AQE may coalesce it), then the final count per key. Without
 * keys Spark's exchange is SinglePartition: every partial count goes to one task.
 */
import { AQEShuffleReadRDD } from './adaptive/aqe-shuffle-read.ts';
import { coalesceSettings, coalesceShufflePartitions, coalescingEnabled } from './adaptive/coalesce-partitions.ts';
import type { Cluster } from './cluster.ts';
import { exchange } from './exchange.ts';
import { keyExtractor } from './joins/join-row.ts';
import { MapPartitionsRDD, ShuffledRDD, type RDD } from './rdd.ts';
import type { Row } from './row.ts';
import { rowSizer } from './sizes.ts';

export interface CountPlan {
  /** The final HashAggregate's rows. */
  rdd: RDD<Row>;
  /** The shuffle read between the exchange and the final aggregate (coalesced under AQE). */
  read: AQEShuffleReadRDD<Row>;
  /** Partitions of the exchange: spark.sql.shuffle.partitions, or 1 without keys. */
  numPartitions: number;
}

export function planCount(cluster: Cluster, keys: readonly string[], child: RDD<Row>, output: readonly string[], shufflePartitions: number): CountPlan {
  const keyOf = keyExtractor(keys);
  const sizer = rowSizer(output);
  // Partial aggregation on the map side (one row per key per partition), like Spark's partial_count.
  const partial = new MapPartitionsRDD<Row, Row>(
    child,
    'HashAggregate (partial)',
    (part) => {
      const groups = new Map<unknown, Row>();
      for (const r of part) {
        const k = keys.length ? keyOf(r) : '';
        // Group nulls together: SQL GROUP BY treats null as one group.
        const gk = k === null ? groupKey(keys, r) : k;
        const g = groups.get(gk);
        if (g) (g.count as number)++;
        else {
          const row: Row = {};
          for (const c of keys) row[c] = r[c];
          row.count = 1;
          groups.set(gk, row);
        }
      }
      return [...groups.values()];
    },
    sizer,
  );
  const n = keys.length ? shufflePartitions : 1;
  const shuffled = keys.length ? exchange(partial, keys, n) : new ShuffledRDD<Row>(partial, 1, () => () => 0, 'Exchange');
  // CoalesceShufflePartitions on the aggregate's own exchange, once its map stage has run.
  const read = new AQEShuffleReadRDD<Row>(shuffled, (job, stats) => {
    const conf = cluster.conf;
    if (!coalescingEnabled(conf)) return undefined;
    const coalesced = coalesceShufflePartitions([stats], undefined, coalesceSettings(conf, cluster.executors * cluster.coresPerExecutor));
    if (!coalesced) return undefined;
    job.note(coalesced.note);
    return coalesced.specs[0];
  });
  const final = new MapPartitionsRDD<Row, Row>(
    read,
    'HashAggregate',
    (rows) => {
      const groups = new Map<unknown, Row>();
      for (const r of rows) {
        const gk = groupKey(keys, r);
        const g = groups.get(gk);
        if (g) (g.count as number) += r.count as number;
        else groups.set(gk, { ...r });
      }
      return [...groups.values()];
    },
    sizer,
  );
  return { rdd: final, read, numPartitions: n };
}

/** A key for a map of groups: type and value of each key column, null as its own group. */
function groupKey(keys: readonly string[], r: Row): string {
  let s = '';
  for (const k of keys) {
    const v = r[k];
    s += `${v === null || v === undefined ? 'null' : (typeof v)[0] + String(v)}\u0001`;
  }
  return s;
}
