/** The rules of the kafka-crash-map picture: the shared Kafka rules (kafka-shared/style.ts), kept apart from the drawing code for the page to add up front. */
import { KAFKA_BASE_CSS } from '../kafka-shared/style.ts';

export const KAFKA_CRASH_MAP_CSS = KAFKA_BASE_CSS;
