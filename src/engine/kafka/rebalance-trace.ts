/**
 * A 'kafka-rebalance' trace: one rebalance of a group (cluster.rebalances()) as a before/after
 * picture. Per partition of the group's topics: who owned it, who owns it now, where the new owner
 * starts (start-offsets.ts: the committed offset, else where auto.offset.reset points), and, when
 * the previous owner's position is known, what the new owner reads again ([start, position)) or
 * never reads.
 *
 * A picture of a moment, read from the present state. Only the committed offset survives a
 * rebalance (KafkaJS builds a new offset manager on every rejoin), so previous positions come
 * from the consumers that have not yet rejoined (or crashed before they could), or from the
 * caller. The start is the committed offset now, which is where the new owner starts only until it
 * begins reading and committing: once it has (or the group has rebalanced again), the start is
 * reported as unknown rather than guessed. So make the trace when the rebalance is noticed, e.g.
 * from the previous owner's REBALANCING listener (it has committed what it commits on its way out)
 * or the new owner's GROUP_JOIN listener.
 */
import { currentRun } from '../kernel/run-context.ts';
import { clusterCore, type ConsumerPresence, type KafkaCluster } from './cluster.ts';
import type { Rebalance } from './group-coordinator.ts';
import type { GroupAssignment, TopicPartition } from './round-robin-assignor.ts';
import { handover, startOffset } from './start-offsets.ts';
import { KAFKA_REBALANCE_TRACE_KIND, KAFKA_REBALANCE_TRACE_VERSION, type KafkaRebalanceTrace, type RebalancePartition } from './traces.ts';

export interface RebalanceTraceOptions {
  /** Where the previous owners would have read next, when known from elsewhere (they win over the consumers'). */
  previousPositions?: readonly (TopicPartition & { offset: number })[];
  /** The new owners' subscribe({ fromBeginning }): used only where the group has committed nothing. Default false, as KafkaJS's. */
  fromBeginning?: boolean;
}

export function rebalanceTrace(cluster: KafkaCluster, rebalance: Rebalance, options: RebalanceTraceOptions = {}): KafkaRebalanceTrace {
  const core = clusterCore(cluster);
  const fromBeginning = options.fromBeginning ?? false;
  const before = owners(rebalance.before);
  const after = owners(rebalance.after);
  const presences = groupPresences(cluster, rebalance.groupId);
  const known = new Map<string, number>();
  for (const { topic, partition, offset } of previousPositions(presences, rebalance)) known.set(tpKey(topic, partition), offset);
  for (const { topic, partition, offset } of options.previousPositions ?? []) known.set(tpKey(topic, partition), offset);
  const latest = core.coordinator.group(rebalance.groupId)?.generationId === rebalance.generationId;
  const begun = latest ? startedReading(presences, rebalance) : undefined;

  const topics = [...new Set([...before.values(), ...after.values()].map((o) => o.tp.topic))].sort();
  const partitions: RebalancePartition[] = [];
  for (const topic of topics) {
    for (let partition = 0; partition < cluster.partitionCount(topic); partition++) {
      const key = tpKey(topic, partition);
      const from = before.get(key)?.owner ?? null;
      const to = after.get(key)?.owner ?? null;
      const previous = known.get(key);
      const row = { topic, partition, from, to, previousPosition: previous ?? null };
      if (!begun || begun.has(key)) {
        partitions.push({ ...row, start: null, startSource: null, reread: null, skipped: null });
      } else if (previous === undefined) {
        const start = startOffset(core.broker, rebalance.groupId, { topic, partition }, fromBeginning);
        partitions.push({ ...row, start: start.offset, startSource: start.source, reread: null, skipped: null });
      } else {
        const [h] = handover(core.broker, rebalance.groupId, [{ topic, partition, offset: previous }], fromBeginning);
        partitions.push({
          ...row,
          start: h!.start.offset,
          startSource: h!.start.source,
          // handover's ranges end before `to`; a trace's spans end at their last offset.
          reread: h!.reread && { from: h!.reread.from, to: h!.reread.to - 1 },
          skipped: h!.skipped && { from: h!.skipped.from, to: h!.skipped.to - 1 },
        });
      }
    }
  }
  return {
    kind: KAFKA_REBALANCE_TRACE_KIND,
    version: KAFKA_REBALANCE_TRACE_VERSION,
    groupId: rebalance.groupId,
    cause: rebalance.cause,
    changed: [...rebalance.members],
    time: rebalance.time,
    generation: { from: rebalance.previousGeneration, to: rebalance.generationId },
    before: members(rebalance.before),
    after: members(rebalance.after),
    partitions,
  };
}

/** Records the rebalance in the current run, so the results draw it. */
export function recordRebalance(cluster: KafkaCluster, rebalance: Rebalance, options?: RebalanceTraceOptions): void {
  currentRun().traces.record(rebalanceTrace(cluster, rebalance, options));
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function owners(assignment: GroupAssignment): Map<string, { tp: TopicPartition; owner: string }> {
  const map = new Map<string, { tp: TopicPartition; owner: string }>();
  for (const [owner, tps] of assignment) for (const tp of tps) map.set(tpKey(tp.topic, tp.partition), { tp, owner });
  return map;
}

function members(assignment: GroupAssignment): KafkaRebalanceTrace['before'] {
  return [...assignment].map(([member, tps]) => ({ member, partitions: tps.map(({ topic, partition }) => ({ topic, partition })) }));
}

interface GroupPresence {
  memberId: string;
  /** The generation its positions belong to. */
  generation: number;
  presence: ConsumerPresence;
}

/** The group's consumers that are members, running or crashed (a crashed one keeps its last positions until it restarts). */
function groupPresences(cluster: KafkaCluster, groupId: string): GroupPresence[] {
  const out: GroupPresence[] = [];
  for (const presence of clusterCore(cluster).consumers) {
    const membership = presence.membership();
    if (!membership || membership.groupId !== groupId) continue;
    out.push({
      memberId: membership.memberId,
      generation: presence.offsetsGeneration?.() ?? membership.generation,
      presence,
    });
  }
  return out;
}

/** The positions of previous owners still holding a generation from before the rebalance, for the partitions they owned. */
function previousPositions(presences: readonly GroupPresence[], rebalance: Rebalance): (TopicPartition & { offset: number })[] {
  const out: (TopicPartition & { offset: number })[] = [];
  for (const { memberId, generation, presence } of presences) {
    if (generation > rebalance.previousGeneration) continue;
    const owned = new Set((rebalance.before.get(memberId) ?? []).map((tp) => tpKey(tp.topic, tp.partition)));
    for (const { topic, partition, position } of presence.positions()) {
      if (position !== undefined && owned.has(tpKey(topic, partition))) out.push({ topic, partition, offset: position });
    }
  }
  return out;
}

/** Partitions whose new owner already holds this generation's positions and has fetched: the committed offset no longer says where it started. */
function startedReading(presences: readonly GroupPresence[], rebalance: Rebalance): Set<string> {
  const begun = new Set<string>();
  for (const { memberId, generation, presence } of presences) {
    if (generation < rebalance.generationId) continue;
    const owned = new Set((rebalance.after.get(memberId) ?? []).map((tp) => tpKey(tp.topic, tp.partition)));
    for (const { topic, partition, position } of presence.positions()) {
      if (position !== undefined && owned.has(tpKey(topic, partition))) begun.add(tpKey(topic, partition));
    }
  }
  return begun;
}
