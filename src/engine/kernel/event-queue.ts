/**
 * The simulation's event queue: events ordered by virtual time, and events due at the same time in
 * the order they were scheduled (a sequence number breaks ties), so a run is the same every time.
 */
export interface QueuedEvent<E> {
  time: number;
  seq: number;
  event: E;
}

/** A binary min-heap on (time, seq). */
export class EventQueue<E> {
  readonly #heap: QueuedEvent<E>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** Adds an event due at `time`; returns its sequence number. */
  push(time: number, event: E): number {
    const entry = { time, seq: this.#seq++, event };
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
    return entry.seq;
  }

  /** The next event due, without removing it. */
  peek(): QueuedEvent<E> | undefined {
    return this.#heap[0];
  }

  /** Removes and returns the next event due. */
  pop(): QueuedEvent<E> | undefined {
    const heap = this.#heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

function before<E>(a: QueuedEvent<E>, b: QueuedEvent<E>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
