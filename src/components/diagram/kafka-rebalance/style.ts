/** The rules of the kafka-rebalance picture: the shared Kafka rules (kafka-shared/style.ts), kept apart from the drawing code for the page to add up front. */
import { KAFKA_BASE_CSS } from '../kafka-shared/style.ts';

export const KAFKA_REBALANCE_CSS = KAFKA_BASE_CSS;
