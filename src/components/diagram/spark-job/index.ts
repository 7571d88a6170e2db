/** The renderer of 'spark-job' traces (src/engine/spark/job-trace.ts), as registered in ../renderers.ts. */
import { SPARK_JOB_TRACE_KIND, SPARK_JOB_TRACE_VERSION } from '../../../engine/spark/job-trace.ts';
import type { SparkJobTrace } from '../../../engine/spark/job-trace.ts';
import type { TraceRenderer } from '../renderer.ts';
import { renderSparkJobSvg, sparkJobTitle } from './render.ts';
import { SPARK_JOB_SVG_CSS } from './style.ts';
import { captionText, describeTrace, summarizeTrace } from './summarize.ts';

export const sparkJobRenderer: TraceRenderer<SparkJobTrace> = {
  kind: SPARK_JOB_TRACE_KIND,
  version: SPARK_JOB_TRACE_VERSION,
  title: sparkJobTitle,
  draw: (trace, options) => renderSparkJobSvg(trace, options),
  caption: (trace) => captionText(summarizeTrace(trace)),
  description: describeTrace,
  css: SPARK_JOB_SVG_CSS,
};
