/**
 * A stage's column is its depth in the transfer graph: sources first, the stages they feed after.
 * Longest paths in topological order (Kahn's algorithm) over each pair of stages once, so the cost
 * is linear in the number of transfers. Stages on a cycle (only a malformed trace has one) keep
 * the depth their other predecessors gave them.
 */
import type { SparkJobTrace } from '../../../engine/spark/job-trace.ts';

/** Column of every stage of a normalized trace (ids unique), numbered from 0 without gaps. */
export function stageColumns(trace: SparkJobTrace): Map<number, number> {
  const depth = new Map<number, number>();
  const feeds = new Map<number, Set<number>>();
  const waitingFor = new Map<number, number>();
  for (const s of trace.stages) {
    depth.set(s.id, 0);
    feeds.set(s.id, new Set());
    waitingFor.set(s.id, 0);
  }
  for (const t of trace.transfers) {
    const out = feeds.get(t.fromStage);
    if (!out || !depth.has(t.toStage) || t.fromStage === t.toStage || out.has(t.toStage)) continue;
    out.add(t.toStage);
    waitingFor.set(t.toStage, waitingFor.get(t.toStage)! + 1);
  }
  const ready = trace.stages.filter((s) => waitingFor.get(s.id) === 0).map((s) => s.id);
  for (let i = 0; i < ready.length; i++) {
    const next = depth.get(ready[i])! + 1;
    for (const to of feeds.get(ready[i])!) {
      if (depth.get(to)! < next) depth.set(to, next);
      const left = waitingFor.get(to)! - 1;
      waitingFor.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  // Close gaps (a cycle can leave some), so columns are 0, 1, 2, ...
  const used = [...new Set(depth.values())].sort((a, b) => a - b);
  const rank = new Map(used.map((d, i) => [d, i]));
  return new Map([...depth].map(([id, d]) => [id, rank.get(d)!]));
}
