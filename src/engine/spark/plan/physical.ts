/**
 * Physical planning: turns a logical plan into the RDDs that run it (the executed plan) and into the
 * explain() tree. Narrow operators become map-partition steps pipelined inside a stage; exchanges become
 * shuffles; joins get a strategy from the planner.
 */
import type { RuntimeConfig } from '../config.ts';
import { PREFER_SORT_MERGE_JOIN } from '../config.ts';
import type { AQEShuffleReadRDD } from '../adaptive/aqe-shuffle-read.ts';
import { planCount } from '../aggregate.ts';
import { exchange } from '../exchange.ts';
import { JoinExecRDD, type AdaptiveJoinInfo } from '../joins/join-exec.ts';
import { joinOutput } from '../joins/join-row.ts';
import { MapPartitionsRDD, ParallelCollectionRDD, roundRobin, ShuffledRDD, type RDD } from '../rdd.ts';
import { describeValue, type Row, type Value } from '../row.ts';
import type { Cluster } from '../cluster.ts';
import type { JobRun } from '../job.ts';
import { rowSizer } from '../sizes.ts';
import { describeFunction, node, renderTree, type ExplainNode } from './explain.ts';
import { hintOf, type LogicalPlan } from './logical.ts';
import { selectJoin, type JoinDecision } from './join-selection.ts';

export interface PhysicalPlan {
  readonly rdd: RDD<Row>;
  /** The plan tree; with a finished job, as it finally ran (query stages, AQE's choices). */
  tree(job?: JobRun): ExplainNode;
  readonly joins: JoinExecRDD[];
}

interface Planned {
  rdd: RDD<Row>;
  tree: (ctx: TreeContext) => ExplainNode;
}

interface TreeContext {
  job?: JobRun;
  /** Query stage numbering in a final adaptive plan. */
  stages: number;
}

const list = (cols: readonly string[]): string => cols.join(', ');

export function planQuery(cluster: Cluster, conf: RuntimeConfig, plan: LogicalPlan): PhysicalPlan {
  const joins: JoinExecRDD[] = [];
  const shufflePartitions = conf.shufflePartitions();

  /** Wraps an exchange in a query stage when rendering a finished adaptive plan. */
  const stage = (ctx: TreeContext, exchangeNode: ExplainNode, kind: 'Shuffle' | 'Broadcast'): ExplainNode =>
    ctx.job ? node(`${kind}QueryStage ${ctx.stages++}`, exchangeNode) : exchangeNode;

  /** An AQEShuffleRead above a query stage, when AQE changed how the finished job read that shuffle. */
  const aqeRead = (ctx: TreeContext, read: AQEShuffleReadRDD<Row>, stageNode: ExplainNode): ExplainNode =>
    readNode(ctx.job && read.describeIn(ctx.job), stageNode);

  const visit = (p: LogicalPlan): Planned => {
    const sizer = rowSizer(p.output);
    switch (p.kind) {
      case 'scan': {
        const rdd = new ParallelCollectionRDD<Row>(cluster, p.partitions, `scan ${p.name}`, sizer, p.partitionBytes);
        return { rdd, tree: () => node(p.text) };
      }
      case 'hint':
        return visit(p.child);
      case 'filter': {
        const child = visit(p.child);
        const pred = p.predicate;
        const rdd = new MapPartitionsRDD<Row, Row>(
          child.rdd,
          'filter',
          (part) => {
            const out: Row[] = [];
            for (let i = 0; i < part.length; i++) if (pred(part[i])) out.push(part[i]);
            return out;
          },
          sizer,
        );
        return { rdd, tree: (ctx) => node(`Filter ${describeFunction(pred)}`, child.tree(ctx)) };
      }
      case 'project': {
        const child = visit(p.child);
        const out = p.output;
        const src = p.sources;
        const rdd = new MapPartitionsRDD<Row, Row>(
          child.rdd,
          'select',
          (part) => {
            const res = new Array<Row>(part.length);
            for (let i = 0; i < part.length; i++) {
              const r = part[i];
              const o: Row = {};
              for (let c = 0; c < out.length; c++) o[out[c]] = r[src[c]];
              res[i] = o;
            }
            return res;
          },
          sizer,
        );
        const cols = out.map((c, i) => (c === src[i] ? c : `${src[i]} AS ${c}`));
        return { rdd, tree: (ctx) => node(`Project [${list(cols)}]`, child.tree(ctx)) };
      }
      case 'withColumn': {
        const child = visit(p.child);
        const { name, f } = p;
        const rdd = new MapPartitionsRDD<Row, Row>(
          child.rdd,
          'withColumn',
          (part) => {
            const res = new Array<Row>(part.length);
            for (let i = 0; i < part.length; i++) {
              const v: Value = f(part[i]);
              res[i] = { ...part[i], [name]: v === undefined ? null : v };
            }
            return res;
          },
          sizer,
        );
        const cols = p.output.map((c) => (c === name ? `${describeFunction(f)} AS ${c}` : c));
        return { rdd, tree: (ctx) => node(`Project [${list(cols)}]`, child.tree(ctx)) };
      }
      case 'flatMap': {
        const child = visit(p.child);
        const f = p.f;
        const shape = conformTo(p.output);
        const rdd = new MapPartitionsRDD<Row, Row>(
          child.rdd,
          'flatMap',
          (part) => {
            const res: Row[] = [];
            for (let i = 0; i < part.length; i++) for (const r of f(part[i])) res.push(shape(r));
            return res;
          },
          sizer,
        );
        return { rdd, tree: (ctx) => node(`Generate flatMap(${describeFunction(f)})`, child.tree(ctx)) };
      }
      case 'mapPartitions': {
        const child = visit(p.child);
        const f = p.f;
        const shape = conformTo(p.output);
        const rdd = new MapPartitionsRDD<Row, Row>(
          child.rdd,
          'mapPartitions',
          (part, index) => {
            const res: Row[] = [];
            for (const r of f(part, index)) res.push(shape(r));
            return res;
          },
          sizer,
        );
        return { rdd, tree: (ctx) => node(`MapPartitions ${describeFunction(f)}`, child.tree(ctx)) };
      }
      case 'repartition': {
        const child = visit(p.child);
        const n = p.numPartitions;
        const cols = p.columns;
        let rdd: ShuffledRDD<Row>;
        let text: string;
        // REPARTITION_BY_NUM: the user chose n, so AQE never coalesces this exchange.
        if (cols.length) {
          rdd = exchange(child.rdd, cols, n);
          text = `Exchange hashpartitioning(${list(cols)}, ${n}), REPARTITION_BY_NUM`;
        } else {
          rdd = new ShuffledRDD<Row>(child.rdd, n, roundRobin<Row>(cluster.seed, n), 'Exchange');
          text = `Exchange RoundRobinPartitioning(${n}), REPARTITION_BY_NUM`;
        }
        return { rdd, tree: (ctx) => stage(ctx, node(text, child.tree(ctx)), 'Shuffle') };
      }
      case 'aggregate': {
        const child = visit(p.child);
        const agg = planCount(cluster, p.keys, child.rdd, p.output, shufflePartitions);
        const k = list(p.keys);
        const exchangeText = p.keys.length
          ? `Exchange hashpartitioning(${k}, ${agg.numPartitions}), ENSURE_REQUIREMENTS`
          : 'Exchange SinglePartition, ENSURE_REQUIREMENTS';
        return {
          rdd: agg.rdd,
          tree: (ctx) =>
            node(
              `HashAggregate(keys=[${k}], functions=[count(1)])`,
              aqeRead(
                ctx,
                agg.read,
                stage(ctx, node(exchangeText, node(`HashAggregate(keys=[${k}], functions=[partial_count(1)])`, child.tree(ctx))), 'Shuffle'),
              ),
            ),
        };
      }
      case 'join': {
        const left = visit(p.left);
        const right = visit(p.right);
        const selection = {
          joinType: p.joinType,
          leftSize: p.left.sizeInBytes,
          rightSize: p.right.sizeInBytes,
          leftHint: hintOf(p.left),
          rightHint: hintOf(p.right),
          broadcastThreshold: conf.broadcastThreshold(),
          preferSortMergeJoin: conf.getBoolean(PREFER_SORT_MERGE_JOIN),
          shufflePartitions,
        };
        const planned = selectJoin(selection);
        const spec = {
          keys: p.keys,
          joinType: p.joinType,
          output: joinOutput(p.keys, p.left.output, p.right.output),
          outputColumns: p.output,
        };
        const rdd = new JoinExecRDD(spec, left.rdd, right.rdd, planned, selection, conf, sizer);
        joins.push(rdd);
        return {
          rdd,
          tree: (ctx) => {
            const decision = (ctx.job && rdd.decisionIn(ctx.job)) || planned;
            const aqe = ctx.job ? rdd.adaptiveIn(ctx.job) : { skew: false };
            return joinTree(decision, planned, aqe, p.keys, p.joinType, left.tree(ctx), right.tree(ctx), shufflePartitions, ctx, stage);
          },
        };
      }
    }
  };

  const root = visit(plan);
  return { rdd: root.rdd, tree: (job) => root.tree({ job, stages: 0 }), joins };
}

/**
 * Rows returned by a learner's function, made to fit the declared columns (Spark's typed Datasets
 * always fit their schema): missing cells become null, keys that are not columns are dropped.
 */
function conformTo(columns: readonly string[]): (row: Row) => Row {
  return (row) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new Error(`A function returned ${describeValue(row)} where a row object like { id: 1 } was expected.`);
    }
    const out: Row = {};
    for (const c of columns) {
      const v = row[c];
      out[c] = v === undefined ? null : v;
    }
    return out;
  };
}

/** 'AQEShuffleRead <how>' over a query stage; no node when AQE left the read as planned (undefined). */
function readNode(description: string | undefined, child: ExplainNode): ExplainNode {
  if (description === undefined) return child;
  return node(description ? `AQEShuffleRead ${description}` : 'AQEShuffleRead', child);
}

function joinTree(
  decision: JoinDecision,
  planned: JoinDecision,
  aqe: AdaptiveJoinInfo,
  keys: readonly string[],
  joinType: string,
  left: ExplainNode,
  right: ExplainNode,
  n: number,
  ctx: TreeContext,
  stage: (ctx: TreeContext, e: ExplainNode, kind: 'Shuffle' | 'Broadcast') => ExplainNode,
): ExplainNode {
  const k = list(keys);
  const head = `[${k}], [${k}], ${joinType}`;
  const exchange = (child: ExplainNode): ExplainNode => stage(ctx, node(`Exchange hashpartitioning(${k}, ${n}), ENSURE_REQUIREMENTS`, child), 'Shuffle');
  // A shuffle join's side: the exchange's query stage, read through AQEShuffleRead when AQE coalesced or split it.
  const read = (child: ExplainNode, description: string | undefined): ExplainNode => readNode(description, exchange(child));
  const broadcastExchange = (child: ExplainNode): ExplainNode =>
    stage(ctx, node(`BroadcastExchange HashedRelationBroadcastMode(List(${k}),false)`, child), 'Broadcast');
  const side = (s: 'left' | 'right' | undefined): string => (s === 'left' ? 'BuildLeft' : 'BuildRight');
  // Spark names a join that runs split skewed partitions e.g. SortMergeJoin(skew=true).
  const name = (strategy: string): string => (aqe.skew ? `${strategy}(skew=true)` : strategy);

  if (decision.strategy === 'BroadcastHashJoin') {
    // Converted at runtime: both sides were already shuffled; the build side's shuffle output is broadcast.
    const shuffled = planned.strategy !== 'BroadcastHashJoin';
    const l = shuffled ? exchange(left) : left;
    const r = shuffled ? exchange(right) : right;
    const children = decision.buildSide === 'left' ? [broadcastExchange(l), r] : [l, broadcastExchange(r)];
    return node(`BroadcastHashJoin ${head}, ${side(decision.buildSide)}, false`, ...children);
  }
  if (decision.strategy === 'ShuffledHashJoin') {
    return node(`${name('ShuffledHashJoin')} ${head}, ${side(decision.buildSide)}`, read(left, aqe.left), read(right, aqe.right));
  }
  const sort = (child: ExplainNode): ExplainNode => node(`Sort [${keys.map((c) => `${c} ASC NULLS FIRST`).join(', ')}], false, 0`, child);
  return node(`${name('SortMergeJoin')} ${head}`, sort(read(left, aqe.left)), sort(read(right, aqe.right)));
}

/** The explain() text: under AQE a plan with an exchange is wrapped in AdaptiveSparkPlan. */
export function explainText(plan: PhysicalPlan, adaptive: boolean, job?: JobRun): string {
  // Only an adaptive plan shows query stages and runtime choices; a static plan runs as planned.
  const tree = plan.tree(adaptive ? job : undefined);
  const lines = renderTree(tree);
  const hasExchange = lines.some((l) => l.includes('Exchange '));
  if (!adaptive || !hasExchange) return ['== Physical Plan ==', ...lines].join('\n');
  if (!job) return ['== Physical Plan ==', ...renderTree(node('AdaptiveSparkPlan isFinalPlan=false', tree))].join('\n');
  const initial = plan.tree();
  return [
    '== Physical Plan ==',
    'AdaptiveSparkPlan isFinalPlan=true',
    '+- == Final Plan ==',
    ...lines.map((l) => `   ${l}`),
    '+- == Initial Plan ==',
    ...renderTree(initial).map((l) => `   ${l}`),
  ].join('\n');
}
