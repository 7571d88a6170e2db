/** One partition of the `events` topic at the moment a member's session expires. */
export interface PartitionState {
  partition: number;
  /** The member that owns it now. */
  owner: string;
  /** The group's committed offset (the next offset to read), or null if the group never committed one. */
  committed: number | null;
  /** The owner's resolved position (one past the last offset it resolved), or null if it resolved nothing since it got the partition. */
  position: number | null;
  /** The offset the partition's next record will get. */
  highWatermark: number;
}

export interface GroupSnapshot {
  /** Member ids, in the order they joined. */
  members: string[];
  /** Every partition of `events`: 0, 1, 2, ... */
  partitions: PartitionState[];
  /** consumer.run's autoCommit, the same for every member. */
  autoCommit: boolean;
  /** subscribe's fromBeginning, the same for every member. */
  fromBeginning: boolean;
  /** The member whose session expires. */
  dead: string;
}

export interface Move {
  partition: number;
  from: string;
  /** null when no member is left. */
  to: string | null;
}

/** Offsets [start, end) that `reader` reads although they were resolved before the rebalance. */
export interface Reread {
  partition: number;
  reader: string;
  start: number;
  end: number;
}

export interface RebalanceOutcome {
  /** Every surviving member and its partitions, ascending ([] for a member that gets none). */
  assignment: Record<string, number[]>;
  /** The partitions whose owner changes. */
  moves: Move[];
  rereads: Reread[];
}

export function predictRebalance(group: GroupSnapshot): RebalanceOutcome {
  const survivors = group.members.filter((member) => member !== group.dead);
  // 1. Deal the partitions out again, as KafkaJS's round-robin assignor does.
  // 2. List the partitions whose owner changes.
  // 3. Work out where each partition's owner starts after the rebalance, and what it reads again.
  return { assignment: Object.fromEntries(survivors.map((member) => [member, []])), moves: [], rereads: [] };
}
