/**
 * Every kind of trace the simulated systems emit, as one tagged union (`kind`, plus a `version` per
 * kind). The runner carries them in RunResult.traces; the page picks a renderer by kind. Adding a
 * system's trace kind means adding it here and giving it a renderer.
 */
import type { SparkJobTrace } from './spark/job-trace.ts';

export type Trace = SparkJobTrace;
export type TraceKind = Trace['kind'];

export { SPARK_JOB_TRACE_KIND, SPARK_JOB_TRACE_VERSION } from './spark/job-trace.ts';
