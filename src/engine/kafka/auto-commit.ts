/**
 * KafkaJS 2.2.4's auto-commit rule, OffsetManager.commitOffsetsIfNecessary
 * (src/consumer/offsetManager/index.js):
 *   timeoutReached   = autoCommitInterval != null && now >= lastCommit + autoCommitInterval
 *   thresholdReached = autoCommitThreshold != null && resolvedSinceCommit >= autoCommitThreshold
 *   commit when either holds.
 * With both null (KafkaJS's defaults) neither holds, so this rule never commits: what commits after
 * each batch is a different call, the runner's autoCommitOffsets (src/consumer/runner.js), which runs
 * commitOffsets() unconditionally when autoCommit is on, whatever the interval and threshold say.
 * The rule itself does not look at autoCommit: the runner checks it before eachMessage's call
 * (autoCommitOffsetsIfNecessary), while eachBatch's `commitOffsetsIfNecessary()` reaches the rule
 * directly, so it commits on interval/threshold even with autoCommit: false.
 * `resolvedSinceCommit` is countResolvedOffsets: the sum over partitions of resolved - committed,
 * a distance in offsets (it can be negative, and a jump counts its whole length).
 */
export interface AutoCommitSettings {
  /** ms since the last commit; null: no interval rule. */
  readonly autoCommitInterval: number | null;
  /** resolved offsets since the last commit; null: no threshold rule. */
  readonly autoCommitThreshold: number | null;
}

export interface AutoCommitState {
  /** Virtual ms of the last commit (or of the manager's creation, as KafkaJS's `lastCommit = Date.now()`). */
  readonly lastCommit: number;
  readonly now: number;
  readonly resolvedSinceCommit: number;
}

export function autoCommitDue(settings: AutoCommitSettings, state: AutoCommitState): boolean {
  const { autoCommitInterval, autoCommitThreshold } = settings;
  // `!= null` as in KafkaJS: undefined counts as unset too, and 0 means "every time".
  const timeoutReached = autoCommitInterval != null && state.now >= state.lastCommit + autoCommitInterval;
  const thresholdReached = autoCommitThreshold != null && state.resolvedSinceCommit >= autoCommitThreshold;
  return timeoutReached || thresholdReached;
}
