/**
 * Every renderer's rules, without the renderers: the page adds them once when an island starts
 * (adding a <style> later restyles the whole page in the middle of drawing a result), while the
 * drawing code itself loads with the first result that has a diagram.
 */
import type { TraceKind } from '../../engine/traces.ts';
import { KAFKA_CRASH_MAP_CSS } from './kafka-crash-map/style.ts';
import { KAFKA_PARTITIONS_CSS } from './kafka-partitions/style.ts';
import { KAFKA_REBALANCE_CSS } from './kafka-rebalance/style.ts';
import { SPARK_JOB_SVG_CSS } from './spark-job/style.ts';

export const RENDERER_CSS: Record<TraceKind, string> = {
  'spark-job': SPARK_JOB_SVG_CSS,
  'kafka-partitions': KAFKA_PARTITIONS_CSS,
  'kafka-crash-map': KAFKA_CRASH_MAP_CSS,
  'kafka-rebalance': KAFKA_REBALANCE_CSS,
};
