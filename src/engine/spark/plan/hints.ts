/** Join hints: the names DataFrame.hint accepts and the strategy each asks for. */

export type HintName = 'broadcast' | 'broadcastjoin' | 'mapjoin' | 'merge' | 'shuffle_merge' | 'mergejoin' | 'shuffle_hash';

/** What a hint asks the planner for (Spark's JoinStrategyHint). */
export type JoinHint = 'BROADCAST' | 'SHUFFLE_MERGE' | 'SHUFFLE_HASH';

const HINTS: Record<string, JoinHint> = {
  broadcast: 'BROADCAST',
  broadcastjoin: 'BROADCAST',
  mapjoin: 'BROADCAST',
  merge: 'SHUFFLE_MERGE',
  shuffle_merge: 'SHUFFLE_MERGE',
  mergejoin: 'SHUFFLE_MERGE',
  shuffle_hash: 'SHUFFLE_HASH',
};

/** Reads a hint name case-insensitively, like Spark. */
export function parseHint(name: string): JoinHint {
  const hint = typeof name === 'string' ? HINTS[name.toLowerCase()] : undefined;
  if (!hint) {
    throw new Error(`Unknown hint ${JSON.stringify(name)}. Join hints are: ${Object.keys(HINTS).join(', ')}.`);
  }
  return hint;
}
