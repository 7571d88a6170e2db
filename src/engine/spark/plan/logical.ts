/**
 * The logical plan: what a DataFrame means, as a tree of operators, each knowing its output columns and
 * its plan-time size estimate (Spark's plan statistics, sizeInBytes). Sizes are computed once, when the
 * node is made, so planning never touches rows.
 *
 * Size rules (Spark without cost-based optimization): a scan is the sum of its rows' UnsafeRow sizes;
 * filters keep their child's size (no selectivity guess); projections scale by the share of columns
 * kept; a join is the product of its sides (semi/anti: the left side), an aggregate or exchange keeps
 * its child's size.
 */
import { currentRun } from '../../kernel/run-context.ts';
import type { Row, Value } from '../row.ts';
import type { CanonicalJoinType } from '../joins/join-type.ts';
import type { JoinHint } from './hints.ts';

interface Base {
  readonly id: number;
  readonly output: readonly string[];
  readonly sizeInBytes: number;
}

export interface Scan extends Base {
  readonly kind: 'scan';
  /** How explain() names it: 'Scan orders[id,amount]', 'LocalTableScan [id, amount]', 'Range (...)'. */
  readonly text: string;
  readonly name: string;
  readonly partitions: readonly (readonly Row[])[];
  readonly partitionBytes: readonly number[];
}
export interface Filter extends Base {
  readonly kind: 'filter';
  readonly child: LogicalPlan;
  readonly predicate: (row: Row) => boolean;
}
export interface Project extends Base {
  readonly kind: 'project';
  readonly child: LogicalPlan;
  /** Output column -> input column (a rename maps a new name to an old one). */
  readonly sources: readonly string[];
}
export interface WithColumn extends Base {
  readonly kind: 'withColumn';
  readonly child: LogicalPlan;
  readonly name: string;
  readonly f: (row: Row) => Value;
}
export interface FlatMap extends Base {
  readonly kind: 'flatMap';
  readonly child: LogicalPlan;
  readonly f: (row: Row) => Row[];
}
export interface MapPartitions extends Base {
  readonly kind: 'mapPartitions';
  readonly child: LogicalPlan;
  readonly f: (rows: readonly Row[], partitionIndex: number) => Iterable<Row>;
}
export interface Repartition extends Base {
  readonly kind: 'repartition';
  readonly child: LogicalPlan;
  readonly numPartitions: number;
  /** Hash partitioning columns; empty = round robin. */
  readonly columns: readonly string[];
}
export interface Aggregate extends Base {
  readonly kind: 'aggregate';
  readonly child: LogicalPlan;
  readonly keys: readonly string[];
}
export interface Join extends Base {
  readonly kind: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly keys: readonly string[];
  readonly joinType: CanonicalJoinType;
}
export interface Hint extends Base {
  readonly kind: 'hint';
  readonly child: LogicalPlan;
  readonly hint: JoinHint;
}

export type LogicalPlan = Scan | Filter | Project | WithColumn | FlatMap | MapPartitions | Repartition | Aggregate | Join | Hint;

/** Ids only label nodes inside one plan; they come from the run's context, so runs never share a counter. */
export function planId(): number {
  return currentRun().nextId('spark-plan');
}

/** Scales a size by the share of columns kept (Spark scales by estimated row width). */
export function scaleSize(size: number, fromColumns: number, toColumns: number): number {
  if (fromColumns === 0) return size;
  return Math.round((size * toColumns) / fromColumns);
}

/** Spark's default join statistics: the product of the sides (capped), or the left side for semi/anti. */
export function joinSize(left: number, right: number, t: CanonicalJoinType): number {
  if (t === 'LeftSemi' || t === 'LeftAnti') return left;
  return Math.min(left * right, Number.MAX_SAFE_INTEGER);
}

/**
 * The join hint that reaches a join from one side: Spark pulls hints up through single-child operators
 * (filter, select, aggregate...) but not through another join. The outermost hint wins.
 */
export function hintOf(plan: LogicalPlan): JoinHint | undefined {
  let p: LogicalPlan = plan;
  for (;;) {
    if (p.kind === 'hint') return p.hint;
    if (p.kind === 'scan' || p.kind === 'join') return undefined;
    p = p.child;
  }
}
