/**
 * Every kind of trace the simulated systems emit, as one tagged union (`kind`, plus a `version` per
 * kind). The runner carries them in RunResult.traces; the page picks a renderer by kind. Adding a
 * system's trace kind means adding it here and giving it a renderer.
 */
import type { KafkaCrashMapTrace, KafkaPartitionsTrace, KafkaRebalanceTrace } from './kafka/traces.ts';
import type { SparkJobTrace } from './spark/job-trace.ts';

export type Trace = SparkJobTrace | KafkaPartitionsTrace | KafkaCrashMapTrace | KafkaRebalanceTrace;
export type TraceKind = Trace['kind'];

export { SPARK_JOB_TRACE_KIND, SPARK_JOB_TRACE_VERSION } from './spark/job-trace.ts';
export {
  KAFKA_CRASH_MAP_TRACE_KIND,
  KAFKA_CRASH_MAP_TRACE_VERSION,
  KAFKA_PARTITIONS_TRACE_KIND,
  KAFKA_PARTITIONS_TRACE_VERSION,
  KAFKA_REBALANCE_TRACE_KIND,
  KAFKA_REBALANCE_TRACE_VERSION,
  type KafkaCrashMapTrace,
  type KafkaPartitionsTrace,
  type KafkaRebalanceTrace,
} from './kafka/traces.ts';
