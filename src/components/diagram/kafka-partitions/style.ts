/** The rules of the kafka-partitions picture: the shared Kafka rules (kafka-shared/style.ts), kept apart from the drawing code for the page to add up front. */
import { KAFKA_BASE_CSS } from '../kafka-shared/style.ts';

export const KAFKA_PARTITIONS_CSS = KAFKA_BASE_CSS;
