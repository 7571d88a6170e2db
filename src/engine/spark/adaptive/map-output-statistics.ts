/**
 * What AQE knows about a finished shuffle map stage, after Spark's MapOutputStatistics (bytes per reducer)
 * plus the per-map sizes of one reducer that the MapOutputTracker keeps (skew splitting reads those).
 */
import type { ShuffleOutput } from '../job.ts';

export interface MapOutputStatistics {
  /** Bytes written for each reducer, summed over every map task (Spark's bytesByPartitionId). */
  readonly bytesByPartitionId: readonly number[];
  /** Bytes each map task wrote for one reducer, in map order. */
  mapSizes(reducer: number): number[];
}

export function mapOutputStatistics(output: ShuffleOutput): MapOutputStatistics {
  return {
    bytesByPartitionId: output.bytesByPartition,
    mapSizes: (reducer) => {
      const sizes: number[] = [];
      for (let m = 0; m < output.numMaps; m++) sizes.push(output.bytes[m * output.numReduces + reducer]);
      return sizes;
    },
  };
}

/** Plain statistics from arrays, for tests and hand-computed cases: mapSizes[m][r] = bytes map m wrote for reducer r. */
export function statisticsOf(mapSizes: readonly (readonly number[])[]): MapOutputStatistics {
  const numReduces = mapSizes.length ? mapSizes[0].length : 0;
  const bytesByPartitionId = Array.from({ length: numReduces }, (_, r) => mapSizes.reduce((sum, m) => sum + m[r], 0));
  return { bytesByPartitionId, mapSizes: (reducer) => mapSizes.map((m) => m[reducer]) };
}
