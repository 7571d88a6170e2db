/**
 * What a consumer's handler receives, shaped like KafkaJS 2.2.4's: a message has its offset and
 * timestamp as strings; a batch has `highWatermark` (the partition's, a string) and the methods
 * `firstOffset()`, `lastOffset()`, `offsetLag()`, `offsetLagLow()` and `isEmpty()`.
 * Keys and values are what the producer sent (KafkaJS hands Buffers; the engine keeps strings).
 */
import type { Headers, LogRecord, Payload } from './partition-log.ts';

export interface KafkaMessage {
  key: Payload;
  value: Payload;
  /** Virtual ms of the append, as a string. */
  timestamp: string;
  attributes: number;
  /** This record's offset, as a string: `message.offset + 1` is '41' + 1 = '411'. */
  offset: string;
  headers: Headers;
}

export interface Batch {
  readonly topic: string;
  readonly partition: number;
  /** The partition's high watermark (next offset to be written), as a string. */
  readonly highWatermark: string;
  readonly messages: KafkaMessage[];
  isEmpty(): boolean;
  firstOffset(): string | null;
  /** The last message's offset; for an empty batch, highWatermark - 1. */
  lastOffset(): string;
  /** highWatermark - 1 - lastOffset. */
  offsetLag(): string;
  /** highWatermark - 1 - firstOffset. */
  offsetLagLow(): string;
}

export function toMessage(record: LogRecord): KafkaMessage {
  return {
    key: record.key,
    value: record.value,
    timestamp: String(record.timestamp),
    attributes: 0,
    offset: String(record.offset),
    headers: record.headers,
  };
}

export function makeBatch(topic: string, partition: number, highWatermark: number, records: readonly LogRecord[]): Batch {
  const messages = records.map(toMessage);
  const first = records.length > 0 ? records[0]!.offset : null;
  const last = records.length > 0 ? records[records.length - 1]!.offset : highWatermark - 1;
  return Object.freeze({
    topic,
    partition,
    highWatermark: String(highWatermark),
    messages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => (first === null ? null : String(first)),
    lastOffset: () => String(last),
    offsetLag: () => String(Math.max(0, highWatermark - 1 - last)),
    offsetLagLow: () => String(Math.max(0, highWatermark - 1 - (first ?? last))),
  });
}
