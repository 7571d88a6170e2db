/**
 * The consumer's instrumentation events, with KafkaJS's names (`consumer.events.GROUP_JOIN` is
 * 'consumer.group_join') and shape ({ id, type, timestamp, payload }). Timestamps are virtual ms.
 * A listener that throws does not stop the consumer (KafkaJS logs and goes on); its error is kept
 * for the run's report instead.
 */
export const CONSUMER_EVENTS = Object.freeze({
  HEARTBEAT: 'consumer.heartbeat',
  COMMIT_OFFSETS: 'consumer.commit_offsets',
  GROUP_JOIN: 'consumer.group_join',
  FETCH: 'consumer.fetch',
  START_BATCH_PROCESS: 'consumer.start_batch_process',
  END_BATCH_PROCESS: 'consumer.end_batch_process',
  CONNECT: 'consumer.connect',
  DISCONNECT: 'consumer.disconnect',
  STOP: 'consumer.stop',
  CRASH: 'consumer.crash',
  REBALANCING: 'consumer.rebalancing',
});

export type ConsumerEventName = (typeof CONSUMER_EVENTS)[keyof typeof CONSUMER_EVENTS];

export interface InstrumentationEvent<T = Record<string, unknown>> {
  id: number;
  type: ConsumerEventName;
  timestamp: number;
  payload: T;
}

export type Listener = (event: InstrumentationEvent) => unknown;

const KNOWN = new Set<string>(Object.values(CONSUMER_EVENTS));

export class EventLog {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly listenerErrors: unknown[] = [];
  #id = 0;

  /** consumer.on: returns a function that removes the listener. */
  on(type: string, listener: Listener): () => void {
    if (!KNOWN.has(type)) {
      throw new TypeError(`Event name should be one of ${[...KNOWN].join(', ')}; got ${String(type)}. Use consumer.events.*.`);
    }
    if (typeof listener !== 'function') throw new TypeError('consumer.on(event, listener): the listener must be a function.');
    const set = this.#listeners.get(type) ?? new Set();
    set.add(listener);
    this.#listeners.set(type, set);
    return () => void set.delete(listener);
  }

  emit(type: ConsumerEventName, timestamp: number, payload: Record<string, unknown>): void {
    const listeners = this.#listeners.get(type);
    this.#id += 1;
    if (!listeners || listeners.size === 0) return;
    const event: InstrumentationEvent = Object.freeze({ id: this.#id, type, timestamp, payload: Object.freeze(payload) });
    for (const listener of listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.listenerErrors.push(error));
      } catch (error) {
        this.listenerErrors.push(error);
      }
    }
  }
}
