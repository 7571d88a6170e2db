// Mistake: starts a partition without a committed offset at 0 even when fromBeginning is false; KafkaJS then starts at the high watermark.
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
  // KafkaJS's round-robin assignor sorts member ids as strings (UTF-16 code units, not join order,
  // not numbers, not locale) and deals the partitions out in order. It keeps nothing from before.
  const survivors = group.members.filter((member) => member !== group.dead).sort();
  const assignment: Record<string, number[]> = {};
  for (const member of survivors) assignment[member] = [];

  const moves: Move[] = [];
  const rereads: Reread[] = [];
  const partitions = [...group.partitions].sort((a, b) => a.partition - b.partition);
  partitions.forEach((state, i) => {
    const owner = survivors.length > 0 ? survivors[i % survivors.length] : null;
    if (owner !== null) assignment[owner].push(state.partition);
    if (owner !== state.owner) moves.push({ partition: state.partition, from: state.owner, to: owner });

    // A survivor learns of the rebalance from a heartbeat and, with autoCommit, commits what it
    // resolved before it rejoins. The dead member commits nothing. Every member then starts a new
    // generation from the committed offsets: resolved-but-uncommitted positions are forgotten.
    let committed = state.committed;
    if (group.autoCommit && state.owner !== group.dead && state.position !== null) committed = state.position;
    const start = committed ?? 0;

    if (owner !== null && state.position !== null && start < state.position) {
      rereads.push({ partition: state.partition, reader: owner, start, end: state.position });
    }
  });
  return { assignment, moves, rereads };
}
