/** The renderer of 'kafka-partitions' traces (src/engine/kafka/partitions-trace.ts), as registered in ../renderers.ts. */
import { KAFKA_PARTITIONS_TRACE_KIND, KAFKA_PARTITIONS_TRACE_VERSION, type KafkaPartitionsTrace } from '../../../engine/traces.ts';
import type { TraceRenderer } from '../renderer.ts';
import { partitionsTitle, renderPartitions } from './render.ts';
import { partitionsCaption, partitionsDescription } from './summarize.ts';
import { KAFKA_PARTITIONS_CSS } from './style.ts';

export const kafkaPartitionsRenderer: TraceRenderer<KafkaPartitionsTrace> = {
  kind: KAFKA_PARTITIONS_TRACE_KIND,
  version: KAFKA_PARTITIONS_TRACE_VERSION,
  title: partitionsTitle,
  draw: renderPartitions,
  caption: partitionsCaption,
  description: partitionsDescription,
  css: KAFKA_PARTITIONS_CSS,
};
