/**
 * One partition's log: an append-only sequence of records, each with the next offset. Offsets
 * start at 0, never change and never get reused; the high watermark is the offset the next record
 * will get. (With one simulated broker every record is committed as soon as it is written, so the
 * high watermark is also the log end offset.) Nothing is ever deleted: the log start stays 0.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';

/** A key or value: a string, raw bytes, or null (a keyless message, a tombstone). */
export type Payload = string | Uint8Array | null;

export type Headers = Readonly<Record<string, string | Uint8Array>>;

/** What a producer hands the log. */
export interface RecordInput {
  key?: Payload;
  value: Payload;
  headers?: Headers;
}

/** A record as stored. Offsets and timestamps are numbers here; the client turns them into strings, as KafkaJS does. */
export interface LogRecord {
  readonly offset: number;
  readonly key: Payload;
  readonly value: Payload;
  readonly headers: Headers;
  /** Virtual ms (see Broker's clock). */
  readonly timestamp: number;
}

export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  readonly #records: LogRecord[] = [];

  constructor(topic: string, partition: number) {
    this.topic = topic;
    this.partition = partition;
    sealInstance(this, new.target, PartitionLog);
  }

  /** The offset the next record will get. */
  get highWatermark(): number {
    return this.#records.length;
  }

  /** Appends records in order, all stamped `timestamp`; returns the first one's offset (the base offset). */
  append(records: readonly RecordInput[], timestamp: number): number {
    const baseOffset = this.#records.length;
    for (const input of records) {
      // Copied and frozen: a producer reusing its message object must not rewrite history.
      this.#records.push(
        Object.freeze({
          offset: this.#records.length,
          key: copied(input.key ?? null),
          value: copied(input.value),
          headers: input.headers ? copiedHeaders(input.headers) : NO_HEADERS,
          timestamp,
        }),
      );
    }
    return baseOffset;
  }

  /**
   * Up to `maxRecords` records from `fromOffset` on, in offset order. Fetching at the high
   * watermark returns nothing (a consumer that caught up); beyond it, or below 0, is out of range,
   * as Kafka's OFFSET_OUT_OF_RANGE.
   */
  fetch(fromOffset: number, maxRecords: number = Number.POSITIVE_INFINITY): LogRecord[] {
    if (!Number.isInteger(fromOffset) || fromOffset < 0 || fromOffset > this.highWatermark) {
      const held = this.highWatermark === 0 ? 'it is empty' : `its records have offsets 0 to ${this.highWatermark - 1}`;
      throw new RangeError(
        `Offset ${String(fromOffset)} is out of range for ${this.topic}-${this.partition}: ${held}, and a fetch may start at ${this.highWatermark} (the high watermark) at most.`,
      );
    }
    if (!(maxRecords >= 0)) throw new RangeError(`maxRecords must be 0 or more, got ${String(maxRecords)}.`);
    return this.#records.slice(fromOffset, fromOffset + maxRecords);
  }
}

freezeClass(PartitionLog);

/** Bytes are copied in (a typed array cannot be frozen): a producer reusing its buffer must not rewrite the log. */
function copied<T extends Payload>(payload: T): T {
  return (payload instanceof Uint8Array ? payload.slice() : payload) as T;
}

const NO_HEADERS: Headers = Object.freeze({});

function copiedHeaders(headers: Headers): Headers {
  const entries = Object.entries(headers);
  return entries.length === 0 ? NO_HEADERS : Object.freeze(Object.fromEntries(entries.map(([k, v]) => [k, copied(v)])));
}
