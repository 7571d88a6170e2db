/** The renderer of 'kafka-crash-map' traces (src/engine/kafka/crash-map.ts), as registered in ../renderers.ts. */
import { KAFKA_CRASH_MAP_TRACE_KIND, KAFKA_CRASH_MAP_TRACE_VERSION, type KafkaCrashMapTrace } from '../../../engine/traces.ts';
import type { TraceRenderer } from '../renderer.ts';
import { crashMapTitle, renderCrashMap } from './render.ts';
import { crashMapCaption, crashMapDescription } from './summarize.ts';
import { KAFKA_CRASH_MAP_CSS } from './style.ts';

export const kafkaCrashMapRenderer: TraceRenderer<KafkaCrashMapTrace> = {
  kind: KAFKA_CRASH_MAP_TRACE_KIND,
  version: KAFKA_CRASH_MAP_TRACE_VERSION,
  title: crashMapTitle,
  draw: renderCrashMap,
  caption: crashMapCaption,
  description: crashMapDescription,
  css: KAFKA_CRASH_MAP_CSS,
};
