/**
 * A 'kafka-partitions' trace: a snapshot of a cluster for a picture of its partition strips. Per
 * partition of every user topic, the high watermark; per consumer group that reads it, the three
 * numbers people mix up (the owner's resolved position, the group's committed offset, the high
 * watermark) and the batch in flight; and the objects the sink wrote, by offset range.
 *
 * Taken when called: after cluster.drain() it shows where everything ended; called from inside a
 * handler it shows the moment (a batch in flight, a position ahead of the commit). A group appears
 * once any member joined it; its position and batch come from the consumer that owns the partition
 * now, if that consumer is running (a crashed owner's position died with it).
 */
import { currentRun } from '../kernel/run-context.ts';
import { clusterCore, type ConsumerPresence, type KafkaCluster } from './cluster.ts';
import { sinkObjects } from './sink-objects.ts';
import { KAFKA_PARTITIONS_TRACE_KIND, KAFKA_PARTITIONS_TRACE_VERSION, type GroupMarkers, type KafkaPartitionsTrace, type PartitionStrip } from './traces.ts';

export interface PartitionsTraceOptions {
  /** The topic of sink records that name none (as deliveriesFromStore); default: the first user topic. */
  defaultTopic?: string;
}

export function partitionsTrace(cluster: KafkaCluster, title: string, options: PartitionsTraceOptions = {}): KafkaPartitionsTrace {
  const core = clusterCore(cluster);
  const topics = cluster.topics();
  const groups = groupsOf(cluster);
  const partitions: PartitionStrip[] = [];
  for (const topic of topics) {
    for (let partition = 0; partition < cluster.partitionCount(topic); partition++) {
      const markers = groups.filter((g) => g.topics.has(topic)).map((g) => groupMarkers(g, topic, partition));
      partitions.push({ topic, partition, highWatermark: cluster.highWatermark(topic, partition), groups: markers });
    }
  }
  const { objects, unreadable } = sinkObjects(core.store.objects(), options.defaultTopic ?? topics[0] ?? '');
  return {
    kind: KAFKA_PARTITIONS_TRACE_KIND,
    version: KAFKA_PARTITIONS_TRACE_VERSION,
    title,
    time: cluster.now,
    partitions,
    objects,
    unreadable,
  };
}

/** Records the snapshot in the current run, so the results draw it. */
export function recordPartitions(cluster: KafkaCluster, title: string, options?: PartitionsTraceOptions): void {
  currentRun().traces.record(partitionsTrace(cluster, title, options));
}

interface GroupView {
  groupId: string;
  /** Topics the group reads or has read: assigned in some generation, or committed. */
  topics: Set<string>;
  committed: Map<string, number>;
  /** Partition -> owner in the current generation. */
  owners: Map<string, string>;
  /** The running consumers of the group, by member id. */
  live: Map<string, ConsumerPresence>;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** Every group that ever had a member (each join is a rebalance), by group id. */
function groupsOf(cluster: KafkaCluster): GroupView[] {
  const core = clusterCore(cluster);
  const views = new Map<string, GroupView>();
  const view = (groupId: string): GroupView => {
    let v = views.get(groupId);
    if (!v) views.set(groupId, (v = { groupId, topics: new Set(), committed: new Map(), owners: new Map(), live: new Map() }));
    return v;
  };
  for (const rebalance of core.rebalances) {
    const v = view(rebalance.groupId);
    for (const assignment of [rebalance.before, rebalance.after]) {
      for (const tps of assignment.values()) for (const { topic } of tps) v.topics.add(topic);
    }
  }
  for (const presence of core.consumers) {
    const membership = presence.membership();
    const process = presence.process();
    if (!membership || presence.stopped() || !process?.alive) continue;
    view(membership.groupId).live.set(membership.memberId, presence);
  }
  for (const v of views.values()) {
    for (const { topic, partition, offset } of cluster.committed(v.groupId)) {
      v.topics.add(topic);
      v.committed.set(tpKey(topic, partition), offset);
    }
    for (const [member, tps] of core.coordinator.group(v.groupId)?.assignment ?? []) {
      for (const { topic, partition } of tps) v.owners.set(tpKey(topic, partition), member);
    }
  }
  return [...views.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

function groupMarkers(group: GroupView, topic: string, partition: number): GroupMarkers {
  const key = tpKey(topic, partition);
  const owner = group.owners.get(key) ?? null;
  const presence = owner === null ? undefined : group.live.get(owner);
  const position = presence?.positions().find((p) => p.topic === topic && p.partition === partition)?.position;
  const batch = presence?.inFlight();
  return {
    groupId: group.groupId,
    owner,
    ownerLive: presence !== undefined,
    position: position ?? null,
    committed: group.committed.get(key) ?? null,
    inFlight: batch && batch.topic === topic && batch.partition === partition ? { from: batch.from, to: batch.to } : null,
  };
}
