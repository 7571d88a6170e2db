/**
 * Join throughput: a 1,000,000 x 100,000 inner join on an integer key, once per engine
 * strategy (forced with hints) and against two plain JavaScript hash joins on the same rows:
 * a generic one (merges rows with object spread, as code that does not know the columns
 * must) and one written for these exact columns. All in one process, so ratios compare.
 */
import { SparkSession, type Row } from '../../src/engine/spark/index.ts';

const LEFT_ROWS = 1_000_000;
const RIGHT_ROWS = 100_000;
const REPEATS = 3;

function makeData(): { left: Row[]; right: Row[] } {
  const left: Row[] = new Array(LEFT_ROWS);
  for (let i = 0; i < LEFT_ROWS; i++) left[i] = { id: (i * 7919) % RIGHT_ROWS, v: i };
  const right: Row[] = new Array(RIGHT_ROWS);
  for (let i = 0; i < RIGHT_ROWS; i++) right[i] = { id: i, w: i * 2 };
  return { left, right };
}

/** What anyone would write by hand: build a Map on the small side, probe with the large one. */
function handWrittenJoin(left: Row[], right: Row[]): Row[] {
  const byKey = new Map<unknown, Row[]>();
  for (const row of right) {
    const bucket = byKey.get(row.id);
    if (bucket) bucket.push(row);
    else byKey.set(row.id, [row]);
  }
  const out: Row[] = [];
  for (const row of left) {
    const matches = byKey.get(row.id);
    if (matches) for (const match of matches) out.push({ ...row, ...match });
  }
  return out;
}

/** The same join written for these exact columns: the fastest plain JavaScript can do. */
function specializedJoin(left: Row[], right: Row[]): Row[] {
  const byKey = new Map<unknown, Row>();
  for (const row of right) byKey.set(row.id, row); // ids are unique on the right here
  const out: Row[] = [];
  for (const row of left) {
    const match = byKey.get(row.id);
    if (match) out.push({ id: row.id, v: row.v, w: match.w });
  }
  return out;
}

function best(run: () => number): { seconds: number; rows: number } {
  let seconds = Infinity;
  let rows = 0;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    rows = run();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return { seconds, rows };
}

export interface JoinBench {
  rowsPerSecond: Record<string, number>;
  handWrittenRowsPerSecond: number;
  bestStrategy: string;
  bestVsHandwritten: number;
  specializedRowsPerSecond: number;
  bestVsSpecialized: number;
}

export function benchJoins(): JoinBench {
  const { left, right } = makeData();
  const hand = best(() => handWrittenJoin(left, right).length);
  const specialized = best(() => specializedJoin(left, right).length);
  if (hand.rows !== LEFT_ROWS) throw new Error(`hand-written join produced ${hand.rows} rows, expected ${LEFT_ROWS}`);

  const spark = new SparkSession({ executors: 4, coresPerExecutor: 2, conf: { 'spark.sql.shuffle.partitions': 8 } });
  const big = spark.createDataFrame(left, { numPartitions: 8, name: 'facts' });
  const small = spark.createDataFrame(right, { numPartitions: 8, name: 'dims' });
  const strategies = { BroadcastHashJoin: 'broadcast', SortMergeJoin: 'merge', ShuffledHashJoin: 'shuffle_hash' } as const;
  const rowsPerSecond: Record<string, number> = {};
  for (const [name, hint] of Object.entries(strategies)) {
    const joined = big.join(small.hint(hint), 'id', 'inner');
    const result = best(() => joined.collect().length);
    if (result.rows !== LEFT_ROWS) throw new Error(`${name} produced ${result.rows} rows, expected ${LEFT_ROWS}`);
    if (spark.lastJob()?.strategy !== name) throw new Error(`hint ${hint} ran ${spark.lastJob()?.strategy}, not ${name}`);
    rowsPerSecond[name] = LEFT_ROWS / result.seconds;
  }
  const handWrittenRowsPerSecond = LEFT_ROWS / hand.seconds;
  const [bestStrategy, bestRate] = Object.entries(rowsPerSecond).sort((a, b) => b[1] - a[1])[0];
  const specializedRowsPerSecond = LEFT_ROWS / specialized.seconds;
  return {
    rowsPerSecond,
    handWrittenRowsPerSecond,
    bestStrategy,
    bestVsHandwritten: bestRate / handWrittenRowsPerSecond,
    specializedRowsPerSecond,
    bestVsSpecialized: bestRate / specializedRowsPerSecond,
  };
}
