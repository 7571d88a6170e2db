/**
 * KafkaJS 2.2.4's default partition assigner, RoundRobinAssigner (src/consumer/assigners/
 * roundRobinAssigner/index.js, the only assigner in `partitionAssigners = [roundRobin]`):
 *   - members are sorted by memberId with JavaScript's default sort (UTF-16 code units);
 *   - topic-partitions are listed topic by topic in the *leader's subscription order* (not sorted),
 *     each topic's partitions in metadata order (0, 1, 2, ... here);
 *   - the i-th topic-partition goes to sortedMembers[i % members]: members beyond the partition
 *     count get nothing and sit idle.
 * Every member gets the leader's topics: members' own subscriptions are not consulted (the group
 * then drops, per member, topics it did not subscribe to; see group-coordinator.ts).
 *
 * Kafka's Java client differs: its partition.assignment.strategy default is
 * List.of(RangeAssignor.class, CooperativeStickyAssignor.class) (ConsumerConfig), so a Java group
 * uses Range (each member a contiguous block of each topic's partitions) unless every member moves
 * to cooperative-sticky (which keeps partitions where they were). Do not expect a Java group to
 * assign like this.
 */
/** One partition of one topic. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface TopicPartitionCount {
  topic: string;
  numPartitions: number;
}

/** memberId -> its partitions, in the order assigned; every member present (idle ones with []), in sorted order. */
export type GroupAssignment = ReadonlyMap<string, readonly TopicPartition[]>;

/** KafkaJS's round-robin over the given topics (in the given order) and members. */
export function roundRobinAssign(memberIds: readonly string[], topics: readonly TopicPartitionCount[]): GroupAssignment {
  const sortedMembers = [...memberIds].sort();
  const assignment = new Map<string, TopicPartition[]>(sortedMembers.map((id) => [id, []]));
  if (sortedMembers.length === 0) return assignment;
  const topicPartitions = topics.flatMap(({ topic, numPartitions }) =>
    Array.from({ length: numPartitions }, (_, partition) => ({ topic, partition })),
  );
  topicPartitions.forEach((tp, i) => assignment.get(sortedMembers[i % sortedMembers.length])!.push(tp));
  return assignment;
}
