/**
 * Shuffle partition specs, after Spark's ShufflePartitionSpec: what one task of a stage reads from a shuffle
 * once AQE has looked at the map output sizes. Plain data; the AQEShuffleRead reads them.
 */

/** Spark's CoalescedPartitionSpec: reducers [startReducerIndex, endReducerIndex) of a shuffle, from every map task. */
export interface CoalescedPartitionSpec {
  readonly kind: 'coalesced';
  readonly startReducerIndex: number;
  readonly endReducerIndex: number;
  /** Bytes this spec reads from its shuffle. */
  readonly dataSize: number;
}

/**
 * Spark's PartialReducerPartitionSpec: one reducer's data written by map tasks [startMapIndex, endMapIndex)
 * only. A skewed partition is read by several tasks, each taking a run of map outputs.
 */
export interface PartialReducerPartitionSpec {
  readonly kind: 'partialReducer';
  readonly reducerIndex: number;
  readonly startMapIndex: number;
  readonly endMapIndex: number;
  readonly dataSize: number;
}

export type ShufflePartitionSpec = CoalescedPartitionSpec | PartialReducerPartitionSpec;

export function coalescedSpec(startReducerIndex: number, endReducerIndex: number, dataSize: number): CoalescedPartitionSpec {
  return { kind: 'coalesced', startReducerIndex, endReducerIndex, dataSize };
}

export function partialReducerSpec(reducerIndex: number, startMapIndex: number, endMapIndex: number, dataSize: number): PartialReducerPartitionSpec {
  return { kind: 'partialReducer', reducerIndex, startMapIndex, endMapIndex, dataSize };
}

/** The first reducer a spec reads. */
export function reducerIndexOf(spec: ShufflePartitionSpec): number {
  return spec.kind === 'coalesced' ? spec.startReducerIndex : spec.reducerIndex;
}

/** Spark's isCoalescedSpec: the spec combines several reducers into one task. */
export function isCoalesced(spec: ShufflePartitionSpec): boolean {
  return spec.kind === 'coalesced' && spec.endReducerIndex - spec.startReducerIndex > 1;
}

/** How explain() describes an AQEShuffleRead with these specs ('' when nothing was combined or split). */
export function describeSpecs(specs: readonly ShufflePartitionSpec[]): string {
  const coalesced = specs.some(isCoalesced);
  const skewed = specs.some((s) => s.kind === 'partialReducer');
  return coalesced && skewed ? 'coalesced and skewed' : coalesced ? 'coalesced' : skewed ? 'skewed' : '';
}
