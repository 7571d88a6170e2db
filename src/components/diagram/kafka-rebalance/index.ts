/** The renderer of 'kafka-rebalance' traces (src/engine/kafka/rebalance-trace.ts), as registered in ../renderers.ts. */
import { KAFKA_REBALANCE_TRACE_KIND, KAFKA_REBALANCE_TRACE_VERSION, type KafkaRebalanceTrace } from '../../../engine/traces.ts';
import type { TraceRenderer } from '../renderer.ts';
import { rebalanceTitle, renderRebalance } from './render.ts';
import { rebalanceCaption, rebalanceDescription } from './summarize.ts';
import { KAFKA_REBALANCE_CSS } from './style.ts';

export const kafkaRebalanceRenderer: TraceRenderer<KafkaRebalanceTrace> = {
  kind: KAFKA_REBALANCE_TRACE_KIND,
  version: KAFKA_REBALANCE_TRACE_VERSION,
  title: rebalanceTitle,
  draw: renderRebalance,
  caption: rebalanceCaption,
  description: rebalanceDescription,
  css: KAFKA_REBALANCE_CSS,
};
