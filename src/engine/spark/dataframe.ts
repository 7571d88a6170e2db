/**
 * DataFrame: rows with named columns over a logical plan. Transformations return new DataFrames (nothing
 * runs); actions plan the query (join strategies included), run it as one job and record a JobReport.
 * Spark takes Column expressions (col('x') > 1); this DataFrame takes plain functions of a row instead.
 */
import { parseHint, type HintName } from './plan/hints.ts';
import { parseJoinType, type JoinType } from './joins/join-type.ts';
import { joinSize, planId, scaleSize, type LogicalPlan } from './plan/logical.ts';
import { explainText, planQuery, type PhysicalPlan } from './plan/physical.ts';
import { QueryExecution, type ExplainMode } from './plan/query-execution.ts';
import { checkPartitionCount, concat, type RDD } from './rdd.ts';
import { describeValue, type Row, type Value } from './row.ts';
import { requireCluster, type Cluster } from './cluster.ts';
import type { JobReport } from './job.ts';
import { runJob } from './scheduler.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';

export type { JoinType };

const SHOW_TRUNCATE = 20;

export class DataFrame {
  /** The cluster that runs (and records) this DataFrame's jobs: private, like everything that does accounting. */
  readonly #cluster: Cluster;
  /** The logical plan (with plan-time statistics), private so no one can swap it for a made-up one. */
  readonly #plan: LogicalPlan;

  /** @internal DataFrames come from SparkSession.createDataFrame / range and from other DataFrames. */
  constructor(cluster: Cluster, plan: LogicalPlan) {
    this.#cluster = requireCluster(
      cluster,
      'A DataFrame cannot be made directly: DataFrames come from spark.createDataFrame(...), spark.range(...), and transformations of other DataFrames.',
    );
    this.#plan = plan;
    sealInstance(this, new.target, DataFrame);
  }

  get columns(): string[] {
    return [...this.#plan.output];
  }

  /** The rows as an RDD (runs the DataFrame's physical plan when an action is called on it). */
  get rdd(): RDD<Row> {
    return this.#physical().rdd;
  }

  #with(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.#cluster, plan);
  }

  #physical(): PhysicalPlan {
    return planQuery(this.#cluster, this.#cluster.conf, this.#plan);
  }

  #require(method: string, column: unknown, side = ''): string {
    if (typeof column !== 'string') throw new Error(`${method}: column names must be strings, got ${describeValue(column)}`);
    if (!this.#plan.output.includes(column)) {
      throw new Error(
        `${method}: column '${column}' does not exist${side}. Available columns: ${this.#plan.output.join(', ') || '(none)'}.`,
      );
    }
    return column;
  }

  // ---- narrow transformations ----

  filter(predicate: (row: Row) => boolean): DataFrame {
    if (typeof predicate !== 'function') {
      throw new Error('filter expects a function (row) => boolean (Spark takes a Column expression; this engine takes a function).');
    }
    return this.#with({ kind: 'filter', id: planId(), child: this.#plan, predicate, output: this.#plan.output, sizeInBytes: this.#plan.sizeInBytes });
  }

  where(predicate: (row: Row) => boolean): DataFrame {
    return this.filter(predicate);
  }

  select(...columns: string[]): DataFrame {
    const cols = columns.flatMap((c) => (c === '*' ? [...this.#plan.output] : [this.#require('select', c)]));
    if (new Set(cols).size !== cols.length) throw new Error(`select: a column is listed twice (${cols.join(', ')}).`);
    return this.#project(cols, cols);
  }

  #project(output: string[], sources: string[]): DataFrame {
    const size = scaleSize(this.#plan.sizeInBytes, this.#plan.output.length, output.length);
    return this.#with({ kind: 'project', id: planId(), child: this.#plan, output, sources, sizeInBytes: size });
  }

  withColumn(name: string, f: (row: Row) => Value): DataFrame {
    if (typeof name !== 'string' || name === '') throw new Error('withColumn: the new column needs a name');
    if (typeof f !== 'function') {
      throw new Error('withColumn expects a function (row) => value (Spark takes a Column expression; this engine takes a function).');
    }
    const exists = this.#plan.output.includes(name);
    const output = exists ? this.#plan.output : [...this.#plan.output, name];
    const size = scaleSize(this.#plan.sizeInBytes, this.#plan.output.length, output.length);
    return this.#with({ kind: 'withColumn', id: planId(), child: this.#plan, name, f, output, sizeInBytes: size });
  }

  withColumnRenamed(existing: string, renamed: string): DataFrame {
    if (!this.#plan.output.includes(existing)) return this; // Spark: renaming a missing column is a no-op
    if (existing === renamed) return this;
    if (this.#plan.output.includes(renamed)) {
      throw new Error(`withColumnRenamed: there is already a column named '${renamed}'. Pick a name not in: ${this.#plan.output.join(', ')}.`);
    }
    const output = this.#plan.output.map((c) => (c === existing ? renamed : c));
    return this.#with({
      kind: 'project',
      id: planId(),
      child: this.#plan,
      output,
      sources: [...this.#plan.output],
      sizeInBytes: this.#plan.sizeInBytes,
    });
  }

  drop(...columns: string[]): DataFrame {
    const gone = new Set(columns); // Spark ignores names that are not columns
    const keep = this.#plan.output.filter((c) => !gone.has(c));
    return keep.length === this.#plan.output.length ? this : this.#project(keep, keep);
  }

  /**
   * Each row becomes zero or more rows. `columns` names the output rows' columns (Spark learns
   * them from the Dataset's type; a function can't tell us), by default this DataFrame's own;
   * a returned row keeps just those columns, a missing one is null.
   */
  flatMap(f: (row: Row) => Row[], columns: readonly string[] = this.#plan.output): DataFrame {
    if (typeof f !== 'function') throw new Error('flatMap expects a function (row) => Row[]');
    const output = this.#outputColumns('flatMap', columns);
    const size = scaleSize(this.#plan.sizeInBytes, this.#plan.output.length, output.length);
    return this.#with({ kind: 'flatMap', id: planId(), child: this.#plan, f, output, sizeInBytes: size });
  }

  /**
   * Each partition becomes the rows `f` returns for it, like Spark's Dataset.mapPartitions. State a
   * computation keeps (a counter, a buffer) belongs inside `f`: in Spark every task works on its own
   * copy of a function's variables, so state shared between partitions does not exist there.
   * `columns` names the output columns, by default this DataFrame's own.
   */
  mapPartitions(f: (rows: readonly Row[], partitionIndex: number) => Iterable<Row>, columns: readonly string[] = this.#plan.output): DataFrame {
    if (typeof f !== 'function') throw new Error('mapPartitions expects a function (rows, partitionIndex) => rows');
    const output = this.#outputColumns('mapPartitions', columns);
    const size = scaleSize(this.#plan.sizeInBytes, this.#plan.output.length, output.length);
    return this.#with({ kind: 'mapPartitions', id: planId(), child: this.#plan, f, output, sizeInBytes: size });
  }

  #outputColumns(method: string, columns: readonly string[]): string[] {
    if (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string' || c === '')) {
      throw new Error(`${method}: the second argument lists the output column names, e.g. [...df.columns, "salt"]`);
    }
    if (new Set(columns).size !== columns.length) throw new Error(`${method}: a column is listed twice (${columns.join(', ')}).`);
    return [...columns];
  }

  // ---- wide transformations ----

  /** Exchange: hashpartitioning by the columns, or round robin without columns. */
  repartition(numPartitions: number, ...columns: string[]): DataFrame {
    checkPartitionCount('repartition', numPartitions);
    const cols = columns.map((c) => this.#require('repartition', c));
    return this.#with({ kind: 'repartition', id: planId(), child: this.#plan, numPartitions, columns: cols, output: this.#plan.output, sizeInBytes: this.#plan.sizeInBytes });
  }

  groupBy(...columns: string[]): { count(): DataFrame } {
    const keys = columns.map((c) => this.#require('groupBy', c));
    if (keys.includes('count')) throw new Error("groupBy: a key column named 'count' would clash with the count column; rename it first.");
    return {
      count: () =>
        this.#with({ kind: 'aggregate', id: planId(), child: this.#plan, keys, output: [...keys, 'count'], sizeInBytes: this.#plan.sizeInBytes }),
    };
  }

  /** Equi-join on column name(s), keeping each key column once (Spark's join(other, on, how)). */
  join(other: DataFrame, on: string | string[], how: JoinType = 'inner'): DataFrame {
    if (!(other instanceof DataFrame && #plan in other)) throw new Error('join: the first argument must be a DataFrame');
    if (other.#cluster !== this.#cluster) throw new Error('join: both DataFrames must come from the same SparkSession');
    const joinType = parseJoinType(how);
    const keys = typeof on === 'string' ? [on] : Array.isArray(on) ? [...on] : [];
    if (keys.length === 0) throw new Error("join: give the join column name(s), e.g. left.join(right, 'id') or left.join(right, ['a', 'b'])");
    for (const k of keys) {
      this.#require('join', k, ' on the left side');
      other.#require('join', k, ' on the right side');
    }
    const keySet = new Set(keys);
    const rightOnly = other.#plan.output.filter((c) => !keySet.has(c));
    if (joinType !== 'LeftSemi' && joinType !== 'LeftAnti') {
      const clash = this.#plan.output.filter((c) => !keySet.has(c) && rightOnly.includes(c));
      if (clash.length) {
        throw new Error(
          `join: both sides have a column named ${clash.map((c) => `'${c}'`).join(', ')} that is not a join key. ` +
            `Rename one side first, e.g. right.withColumnRenamed('${clash[0]}', '${clash[0]}_right'), or add it to the join keys.`,
        );
      }
    }
    const output =
      joinType === 'LeftSemi' || joinType === 'LeftAnti'
        ? this.#plan.output
        : [...keys, ...this.#plan.output.filter((c) => !keySet.has(c)), ...rightOnly];
    return this.#with({
      kind: 'join',
      id: planId(),
      left: this.#plan,
      right: other.#plan,
      keys,
      joinType,
      output,
      sizeInBytes: joinSize(this.#plan.sizeInBytes, other.#plan.sizeInBytes, joinType),
    });
  }

  hint(name: HintName): DataFrame {
    return this.#with({ kind: 'hint', id: planId(), child: this.#plan, hint: parseHint(name), output: this.#plan.output, sizeInBytes: this.#plan.sizeInBytes });
  }

  /** Prints the physical plan before execution (under AQE: isFinalPlan=false) and returns it. */
  explain(mode: ExplainMode = 'simple'): string {
    const text = this.queryExecution.explainString(mode);
    console.log(text);
    return text;
  }

  /** The plan without printing it, like Spark's df.queryExecution. */
  get queryExecution(): QueryExecution {
    return new QueryExecution(() => explainText(this.#physical(), this.#cluster.conf.adaptiveEnabled()));
  }

  /** Plan-time size estimate in bytes, like Spark's plan statistics (sizeInBytes). */
  estimatedSizeInBytes(): number {
    return this.#plan.sizeInBytes;
  }

  // ---- actions ----

  #run(description: string): { partitions: (readonly Row[])[]; report: JobReport } {
    const physical = this.#physical();
    const adaptive = this.#cluster.conf.adaptiveEnabled();
    return runJob(this.#cluster, physical.rdd, description, (job) => explainText(physical, adaptive, job));
  }

  collect(): Row[] {
    return concat(this.#run('collect').partitions);
  }

  count(): number {
    let n = 0;
    for (const p of this.#run('count').partitions) n += p.length;
    return n;
  }

  take(n: number): Row[] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`take: n must be a whole number >= 0, got ${String(n)}`);
    return concat(this.#run('take').partitions).slice(0, n);
  }

  /** The first n rows as an ascii table, like Spark's show() (strings cut at 20 characters). Also printed. */
  show(n = 20): string {
    const rows = concat(this.#run('show').partitions);
    const text = formatTable(this.#plan.output, rows.slice(0, n), rows.length > n ? n : undefined);
    console.log(text);
    return text;
  }
}

freezeClass(DataFrame);

/** Same as df.hint('broadcast'): ask the planner to broadcast this side of a join. */
export function broadcast(df: DataFrame): DataFrame {
  return df.hint('broadcast');
}

function cell(v: unknown): string {
  const s = v === null || v === undefined ? 'null' : String(v);
  return s.length > SHOW_TRUNCATE ? `${s.slice(0, SHOW_TRUNCATE - 3)}...` : s;
}

export function formatTable(columns: readonly string[], rows: readonly Row[], shownOf?: number): string {
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(3, cell(c).length, ...cells.map((r) => r[i].length)));
  const line = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
  const fmt = (vals: string[]): string => `|${vals.map((v, i) => v.padStart(widths[i])).join('|')}|`;
  const out = [line, fmt(columns.map(cell)), line, ...cells.map(fmt), line];
  if (shownOf !== undefined) out.push(`only showing top ${shownOf} row${shownOf === 1 ? '' : 's'}`);
  return out.join('\n');
}
