/**
 * The consumer's offset manager against KafkaJS 2.2.4's OffsetManager and runner: resolve is an
 * assignment, committed = next offset to read, the auto-commit rule (interval, threshold, both,
 * neither), consumer.commitOffsets, rebalance dropping resolved positions, the '41' + 1 mistake,
 * and generated sequences checked against a transcription of KafkaJS's own data structures.
 */
import { describe, expect, test } from 'vitest';
import { Broker, handover, OffsetManager, type OffsetManagerOptions } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';

const A0 = { topic: 'a', partition: 0 };
const A1 = { topic: 'a', partition: 1 };
const B0 = { topic: 'b', partition: 0 };

function setup(records = 50): Broker {
  const broker = new Broker();
  broker.createTopic({ topic: 'a', numPartitions: 2 });
  broker.createTopic({ topic: 'b', numPartitions: 1 });
  for (const tp of [A0, A1, B0]) broker.append(tp.topic, tp.partition, Array.from({ length: records }, (_, i) => ({ value: `v${i}` })));
  return broker;
}

function manager(broker: Broker, options: Partial<OffsetManagerOptions> = {}): OffsetManager {
  return new OffsetManager({ broker, groupId: 'g', memberId: 'm1', generationId: 1, assignment: [A0, A1, B0], fromBeginning: true, now: 0, ...options });
}

describe('resolveOffset and nextOffset', () => {
  test('resolve sets the position to offset + 1, as an assignment (an earlier offset moves it back)', () => {
    const m = manager(setup());
    m.resolveOffset({ ...A0, offset: '41' });
    expect(m.position('a', 0)).toBe(42);
    m.resolveOffset({ ...A0, offset: '9' });
    expect(m.position('a', 0)).toBe(10);
    expect(m.nextOffset('a', 0)).toBe(10);
  });

  test('nextOffset: resolved, else committed, else the start offset (log start or high watermark)', () => {
    const broker = setup();
    broker.offsets.commit('g', [{ ...A1, offset: 7 }]);
    const m = manager(broker, { fromBeginning: { a: true } });
    expect(m.committed('a', 0)).toBeUndefined(); // nothing read before the first fetch
    expect(m.nextOffset('a', 0)).toBe(0); // no commit, fromBeginning
    expect(m.nextOffset('a', 1)).toBe(7); // committed
    expect(m.nextOffset('b', 0)).toBe(50); // no commit, latest: the high watermark
    expect(broker.offsets.committed('g', 'a', 0)).toBeUndefined(); // the start offset is not committed
    m.resolveOffset({ ...A1, offset: 20 });
    expect(m.nextOffset('a', 1)).toBe(21);
  });

  test('the high watermark is read at the first fetch, not at the join', () => {
    const broker = setup();
    const m = manager(broker, { fromBeginning: false });
    broker.append('b', 0, [{ value: 'late' }]);
    expect(m.nextOffset('b', 0)).toBe(51);
  });

  test('unassigned partitions are refused, naming the assignment', () => {
    const m = manager(setup(), { assignment: [A0] });
    expect(() => m.resolveOffset({ ...B0, offset: '1' })).toThrow(/not assigned b-0 .* Assigned: a-0/);
  });
});

describe('commitOffsets', () => {
  test('without arguments: commits every resolved-but-uncommitted position; committed = next offset to read', () => {
    const broker = setup();
    const m = manager(broker);
    m.nextOffset('a', 0);
    m.resolveOffset({ ...A0, offset: '4' });
    m.resolveOffset({ ...B0, offset: '0' });
    expect(m.uncommittedOffsets()).toEqual({
      topics: [
        { topic: 'a', partitions: [{ partition: '0', offset: '5' }] },
        { topic: 'b', partitions: [{ partition: '0', offset: '1' }] },
      ],
    });
    const payload = m.commitOffsets(10);
    expect(payload?.topics.map((t) => t.topic)).toEqual(['a', 'b']);
    expect(broker.offsets.committed('g', 'a', 0)).toBe(5);
    expect(broker.offsets.committed('g', 'b', 0)).toBe(1);
    expect(m.committed('a', 0)).toBe(5);
    expect(m.uncommittedOffsets()).toEqual({ topics: [] });
    expect(m.commitOffsets(20)).toBeNull(); // nothing to send, but the clock restarts
    expect(m.lastCommit).toBe(20);
  });

  test('with a list: commits those (strings or numbers), leaves the positions, ignores auto-commit settings', () => {
    const broker = setup();
    const m = manager(broker, { autoCommit: false, autoCommitInterval: 1e9, autoCommitThreshold: 1e9 });
    m.resolveOffset({ ...A0, offset: '4' });
    const payload = m.commitOffsets(3, [{ ...A1, offset: '12' }, { ...B0, offset: 3 }]);
    expect(payload?.topics).toEqual([
      { topic: 'a', partitions: [{ partition: 1, offset: '12' }] },
      { topic: 'b', partitions: [{ partition: 0, offset: '3' }] },
    ]);
    expect([broker.offsets.committed('g', 'a', 1), broker.offsets.committed('g', 'b', 0), broker.offsets.committed('g', 'a', 0)]).toEqual([12, 3, undefined]);
    expect(m.position('a', 0)).toBe(5);
    expect(m.lastCommit).toBe(3);
    expect(() => m.commitOffsets(4, [{ ...A0, offset: '-1' }])).toThrow('Offset must not be a negative number');
    expect(() => m.commitOffsets(4, [{ ...A0, offset: 'abc' }])).toThrow('Invalid offset, expected a long received abc');
  });

  test('a list commit caches a Long, which never equals a resolved string: the next auto commit resends it', () => {
    const broker = setup();
    const m = manager(broker);
    m.resolveOffset({ ...A0, offset: '4' });
    m.commitOffsets(1, [{ ...A0, offset: '5' }]);
    expect(m.uncommittedOffsets().topics).toEqual([{ topic: 'a', partitions: [{ partition: '0', offset: '5' }] }]);
  });
});

describe('the auto-commit rule', () => {
  const resolveN = (m: OffsetManager, n: number) => {
    for (let i = 0; i < n; i++) m.resolveOffset({ ...A0, offset: String(i) });
  };

  test('interval: commits once now >= lastCommit + interval', () => {
    const broker = setup();
    const m = manager(broker, { autoCommitInterval: 100, now: 1000 });
    resolveN(m, 3);
    expect(m.commitOffsetsIfNecessary(1099)).toBeNull();
    expect(m.commitOffsetsIfNecessary(1100)).not.toBeNull();
    expect(broker.offsets.committed('g', 'a', 0)).toBe(3);
    m.resolveOffset({ ...A0, offset: '3' });
    expect(m.commitOffsetsIfNecessary(1199)).toBeNull(); // the interval restarts at the commit
    expect(m.commitOffsetsIfNecessary(1200)).not.toBeNull();
  });

  test('threshold: commits once resolved - committed reaches it', () => {
    const broker = setup();
    const m = manager(broker, { autoCommitThreshold: 3 });
    m.nextOffset('a', 0); // cache: start offset 0
    resolveN(m, 2);
    expect(m.countResolvedOffsets()).toBe(2);
    expect(m.commitOffsetsIfNecessary(1e9)).toBeNull(); // no interval set: time alone never commits
    resolveN(m, 3);
    expect(m.commitOffsetsIfNecessary(0)?.topics[0].partitions).toEqual([{ partition: '0', offset: '3' }]);
  });

  test('both: whichever comes first', () => {
    const m = manager(setup(), { autoCommitInterval: 100, autoCommitThreshold: 10 });
    m.nextOffset('a', 0);
    resolveN(m, 1);
    expect(m.commitOffsetsIfNecessary(50)).toBeNull();
    expect(m.commitOffsetsIfNecessary(100)).not.toBeNull(); // interval first
    m.resolveOffset({ ...A0, offset: 11 });
    expect(m.commitOffsetsIfNecessary(101)).not.toBeNull(); // threshold first (12 - 1 >= 10)
  });

  test('neither (the defaults): the rule never commits; with autoCommit the runner commits after each batch', () => {
    const broker = setup();
    const m = manager(broker);
    resolveN(m, 5);
    expect(m.commitOffsetsIfNecessary(1e12)).toBeNull();
    expect(m.autoCommitOffsetsIfNecessary(1e12)).toBeNull();
    expect(m.autoCommitOffsets(1e12)).not.toBeNull(); // end of batch
    expect(broker.offsets.committed('g', 'a', 0)).toBe(5);
  });

  test('autoCommit false: the runner never commits, but eachBatch commitOffsetsIfNecessary() applies the rule', () => {
    const broker = setup();
    const m = manager(broker, { autoCommit: false, autoCommitInterval: 0 });
    resolveN(m, 2);
    expect(m.autoCommitOffsets(5)).toBeNull();
    expect(m.autoCommitOffsetsIfNecessary(5)).toBeNull();
    expect(broker.offsets.committed('g', 'a', 0)).toBeUndefined();
    expect(m.commitOffsetsIfNecessary(5)).not.toBeNull();
  });
});

describe('rebalance', () => {
  test('the new manager drops resolved-but-uncommitted positions: the next owner resumes from the committed offset', () => {
    const broker = setup();
    const old = manager(broker, { autoCommit: false });
    old.resolveOffset({ ...A0, offset: '9' });
    old.commitOffsets(1);
    old.resolveOffset({ ...A0, offset: '19' }); // processed 10..19, never committed
    const next = old.rejoin({ generationId: 2, memberId: 'm2', assignment: [A0], now: 2 });
    expect(next.position('a', 0)).toBeUndefined();
    expect(next.nextOffset('a', 0)).toBe(10);
    expect(handover(broker, 'g', [{ ...A0, offset: old.position('a', 0)! }], true)[0].reread).toEqual({ from: 10, to: 20 });
    expect([next.generationId, next.memberId, next.autoCommit]).toEqual([2, 'm2', false]);
  });
});

describe("the '41' + 1 mistake and strings at the boundary", () => {
  test("commitOffsets({ offset: message.offset + 1 }) commits 411: offsets 42..410 are skipped", () => {
    const broker = setup(500);
    const m = manager(broker, { assignment: [A0] });
    const message = { offset: '41' };
    m.resolveOffset({ ...A0, offset: message.offset });
    m.commitOffsets(1, [{ ...A0, offset: message.offset + 1 }]);
    expect(broker.offsets.committed('g', 'a', 0)).toBe(411);
    const next = m.rejoin({ generationId: 2, assignment: [A0], now: 2 });
    expect(next.nextOffset('a', 0)).toBe(411);
    expect(handover(broker, 'g', [{ ...A0, offset: 42 }], true)[0].skipped).toEqual({ from: 42, to: 411 });
    // The correct call, with Number(message.offset) + 1, commits 42.
    m.commitOffsets(3, [{ ...A0, offset: Number(message.offset) + 1 }]);
    expect(broker.offsets.committed('g', 'a', 0)).toBe(42);
  });

  test("resolveOffset(message.offset + 1) resolves 412", () => {
    const m = manager(setup(500), { assignment: [A0] });
    m.resolveOffset({ ...A0, offset: '41' + 1 });
    expect(m.uncommittedOffsets().topics[0].partitions).toEqual([{ partition: '0', offset: '412' }]);
  });

  test('offsets are read as Long.fromValue reads them; strings come out', () => {
    const m = manager(setup(), { assignment: [A0] });
    for (const [input, next] of [['41', 42], [41, 42], [41n, 42], [' 41 ', 42], ['0x29', 42], ['NaN', 1], [Number.NaN, 1]] as const) {
      m.resolveOffset({ ...A0, offset: input });
      expect(m.position('a', 0)).toBe(next);
    }
    expect(() => m.resolveOffset({ ...A0, offset: '41.5' })).toThrow(SyntaxError);
    expect(() => m.resolveOffset({ ...A0, offset: 41.5 })).toThrow(RangeError);
    expect(() => m.resolveOffset({ ...A0, offset: '' })).toThrow('empty string');
    expect(typeof m.uncommittedOffsets().topics[0].partitions[0].offset).toBe('string');
  });
});

/**
 * The oracle: KafkaJS's OffsetManager data structures transcribed with plain JavaScript values
 * (objects keyed by topic and partition, offsets as strings, a commit through consumer.commitOffsets
 * cached as an object, comparisons with !==), independent of the engine's Slot/token bookkeeping.
 */
class Oracle {
  resolved: Record<string, Record<string, unknown>> = {};
  cache: Record<string, Record<string, unknown>> = {};
  lastCommit: number;
  readonly store: Map<string, number>;
  readonly hwm: Map<string, number>;
  readonly assignment: { topic: string; partition: number }[];
  readonly settings: { autoCommit: boolean; interval: number | null; threshold: number | null; fromBeginning: boolean };
  constructor(
    store: Map<string, number>,
    hwm: Map<string, number>,
    assignment: { topic: string; partition: number }[],
    settings: { autoCommit: boolean; interval: number | null; threshold: number | null; fromBeginning: boolean },
    now: number,
  ) {
    this.store = store;
    this.hwm = hwm;
    this.assignment = assignment;
    this.settings = settings;
    this.lastCommit = now;
    for (const { topic } of assignment) {
      this.resolved[topic] = {};
      this.cache[topic] = {};
    }
  }
  num = (v: unknown) => (typeof v === 'object' ? (v as { long: number }).long : Number(v));
  next(topic: string, p: number): number {
    for (const tp of this.assignment) {
      if (this.cache[tp.topic][tp.partition] === undefined) {
        const key = `${tp.topic}-${tp.partition}`;
        this.cache[tp.topic][tp.partition] = String(this.store.get(key) ?? (this.settings.fromBeginning ? 0 : this.hwm.get(key)!));
      }
    }
    if (!this.resolved[topic][p]) this.resolved[topic][p] = this.cache[topic][p];
    return this.num(this.resolved[topic][p]);
  }
  resolve(topic: string, p: number, offset: number) {
    this.resolved[topic][p] = String(offset + 1);
  }
  count(): number {
    let sum = 0;
    for (const topic of Object.keys(this.resolved)) {
      for (const p of Object.keys(this.resolved[topic])) {
        const c = this.cache[topic][p];
        const r = this.num(this.resolved[topic][p]);
        sum += c === undefined || this.num(c) < 0 ? r : r - this.num(c);
      }
    }
    return sum;
  }
  uncommitted() {
    return Object.keys(this.resolved)
      .map((topic) => ({
        topic,
        partitions: Object.keys(this.resolved[topic])
          .map((partition) => ({ partition, value: this.resolved[topic][partition] }))
          .filter(({ partition, value }) => value !== this.cache[topic][partition] && this.num(value) >= 0)
          .map(({ partition, value }) => ({ partition, offset: String(this.num(value)) })),
      }))
      .filter((t) => t.partitions.length > 0);
  }
  commit(now: number, list?: { topic: string; partition: number; offset: number }[]): boolean {
    const topics = list ? list.map((c) => ({ topic: c.topic, partitions: [{ partition: String(c.partition), value: { long: c.offset } as unknown }] })) : this.uncommitted().map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, value: this.resolved[t.topic][p.partition] })) }));
    this.lastCommit = now;
    if (topics.length === 0) return false;
    for (const { topic, partitions } of topics) {
      for (const { partition, value } of partitions) {
        this.store.set(`${topic}-${partition}`, this.num(value));
        (this.cache[topic] ??= {})[partition] = value;
      }
    }
    return true;
  }
  ifNecessary(now: number): boolean {
    const { interval, threshold } = this.settings;
    const due = (interval != null && now >= this.lastCommit + interval) || (threshold != null && this.count() >= threshold);
    return due ? this.commit(now) : false;
  }
}

describe('property: generated resolve/commit/rebalance sequences agree with the oracle', () => {
  test('positions, cache, uncommitted offsets, counts and the broker agree after every step', () => {
    const random = new Random(2025);
    const all = [A0, A1, B0];
    for (let run = 0; run < 200; run++) {
      const broker = setup(30);
      const store = new Map<string, number>();
      const hwm = new Map(all.map((tp) => [`${tp.topic}-${tp.partition}`, 30]));
      const settings = {
        autoCommit: random.chance(0.7),
        interval: random.pick([null, 0, 10, 50]),
        threshold: random.pick([null, 1, 5, 20]),
        fromBeginning: random.chance(0.5),
      };
      const pickAssignment = () => all.filter(() => random.chance(0.7));
      let now = 0;
      let assignment = pickAssignment();
      const options = { autoCommit: settings.autoCommit, autoCommitInterval: settings.interval, autoCommitThreshold: settings.threshold, fromBeginning: settings.fromBeginning };
      let m = manager(broker, { ...options, assignment, now });
      let o = new Oracle(store, hwm, assignment, settings, now);
      for (let step = 0; step < 40; step++) {
        now += random.int(20);
        const op = random.int(8);
        const tp = assignment.length > 0 ? random.pick(assignment) : undefined;
        if (op === 0 && tp) {
          const offset = random.int(40);
          m.resolveOffset({ ...tp, offset: random.chance(0.5) ? String(offset) : offset });
          o.resolve(tp.topic, tp.partition, offset);
        } else if (op === 1 && tp) {
          expect(m.nextOffset(tp.topic, tp.partition)).toBe(o.next(tp.topic, tp.partition));
        } else if (op === 2) {
          expect(m.commitOffsets(now) !== null).toBe(o.commit(now));
        } else if (op === 3) {
          const target = random.pick(all);
          const offset = random.int(40);
          expect(m.commitOffsets(now, [{ ...target, offset: String(offset) }]) !== null).toBe(o.commit(now, [{ ...target, offset }]));
        } else if (op === 4) {
          expect(m.commitOffsetsIfNecessary(now) !== null).toBe(o.ifNecessary(now));
        } else if (op === 5) {
          expect(m.autoCommitOffsetsIfNecessary(now) !== null).toBe(settings.autoCommit ? o.ifNecessary(now) : false);
        } else if (op === 6) {
          const target = random.pick(all);
          broker.append(target.topic, target.partition, [{ value: 'x' }]);
          const key = `${target.topic}-${target.partition}`;
          hwm.set(key, hwm.get(key)! + 1);
        } else {
          if (settings.autoCommit && random.chance(0.5)) expect(m.autoCommitOffsets(now) !== null).toBe(o.commit(now)); // commit on rebalance
          assignment = pickAssignment();
          m = m.rejoin({ generationId: step + 2, assignment, now });
          o = new Oracle(store, hwm, assignment, settings, now);
        }
        for (const { topic, partition } of all) {
          expect(broker.offsets.committed('g', topic, partition)).toBe(store.get(`${topic}-${partition}`));
        }
        for (const { topic, partition } of assignment) {
          expect(m.position(topic, partition)).toBe(o.resolved[topic][partition] === undefined ? undefined : o.num(o.resolved[topic][partition]));
          expect(m.committed(topic, partition)).toBe(o.cache[topic][partition] === undefined ? undefined : o.num(o.cache[topic][partition]));
        }
        expect(m.uncommittedOffsets().topics).toEqual(o.uncommitted());
        expect(m.countResolvedOffsets()).toBe(o.count());
        expect(m.lastCommit).toBe(o.lastCommit);
      }
    }
  });
});
