/** Topics and partition logs: offsets in append order, the high watermark, fetch, and errors that name what exists. */
import { describe, expect, test } from 'vitest';
import { Broker, CONSUMER_OFFSETS_TOPIC, PartitionLog } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';
import { Simulation } from '../../../../src/engine/kernel/simulation.ts';

const values = (records: { value: unknown }[]) => records.map((r) => r.value);

describe('topics', () => {
  test('a topic has the partitions it was created with, each an empty log', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 'orders', numPartitions: 3 });
    expect(broker.partitionCount('orders')).toBe(3);
    for (const p of [0, 1, 2]) expect(broker.highWatermark('orders', p)).toBe(0);
  });

  test('numPartitions defaults to 1 (Kafka num.partitions)', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 'single' });
    expect(broker.partitionCount('single')).toBe(1);
  });

  test('the broker starts with __consumer_offsets (50 partitions) and lists topics in creation order', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 'b' });
    broker.createTopic({ topic: 'a' });
    expect(broker.listTopics()).toEqual([CONSUMER_OFFSETS_TOPIC, 'b', 'a']);
    expect(broker.partitionCount(CONSUMER_OFFSETS_TOPIC)).toBe(50);
    expect(new Broker({ offsetsTopicPartitions: 3 }).partitionCount(CONSUMER_OFFSETS_TOPIC)).toBe(3);
  });

  test('creating a topic twice is refused, naming the topics that exist', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 'orders', numPartitions: 2 });
    expect(() => broker.createTopic({ topic: 'orders', numPartitions: 2 })).toThrow('Topic "orders" already exists. Topics: "__consumer_offsets", "orders".');
    expect(() => broker.createTopic({ topic: CONSUMER_OFFSETS_TOPIC })).toThrow(/already exists/);
    expect(broker.partitionCount('orders')).toBe(2);
  });

  test('illegal names and partition counts are refused', () => {
    const broker = new Broker();
    expect(() => broker.createTopic({ topic: '' })).toThrow(/not a legal topic name/);
    expect(() => broker.createTopic({ topic: 'a/b' })).toThrow(/not a legal topic name/);
    expect(() => broker.createTopic({ topic: 'x'.repeat(250) })).toThrow(/not a legal topic name/);
    expect(() => broker.createTopic({ topic: 'ok', numPartitions: 0 })).toThrow(/at least 1, got 0/);
    expect(broker.hasTopic('ok')).toBe(false);
  });

  test('an unknown topic or partition is refused, naming what exists', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 'orders', numPartitions: 3 });
    expect(() => broker.fetch('order', 0, 0)).toThrow('Unknown topic "order". Topics: "__consumer_offsets", "orders".');
    expect(() => broker.fetch('orders', 3, 0)).toThrow('Topic "orders" has partitions 0 to 2; there is no partition 3.');
    expect(() => broker.append('orders', -1, [{ value: 'x' }])).toThrow(/partitions 0 to 2; there is no partition -1/);
    expect(() => broker.highWatermark('orders', 1.5)).toThrow(/no partition 1.5/);
  });
});

describe('a partition log', () => {
  test('append returns the base offset; offsets follow append order; the high watermark is the next offset', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't', numPartitions: 2 });
    expect(broker.append('t', 0, [{ value: 'a' }, { value: 'b' }])).toBe(0);
    expect(broker.highWatermark('t', 0)).toBe(2);
    expect(broker.append('t', 0, [{ value: 'c' }])).toBe(2);
    expect(broker.highWatermark('t', 0)).toBe(3);
    expect(broker.highWatermark('t', 1)).toBe(0); // partitions have their own offsets
    expect(broker.append('t', 1, [{ value: 'x' }])).toBe(0);
    const records = broker.fetch('t', 0, 0);
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(values(records)).toEqual(['a', 'b', 'c']);
  });

  test('records keep key, value and headers; a missing key is null', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't' });
    const bytes = Uint8Array.of(1, 2, 3);
    broker.append('t', 0, [{ key: 'k', value: bytes, headers: { source: 'web' } }, { value: null }]);
    const [a, b] = broker.fetch('t', 0, 0);
    expect(a).toMatchObject({ offset: 0, key: 'k', value: bytes, headers: { source: 'web' } });
    expect(b).toMatchObject({ offset: 1, key: null, value: null, headers: {} });
  });

  test('fetch returns up to maxRecords from an offset, in order; at the high watermark it returns nothing', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't' });
    broker.append('t', 0, Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })));
    expect(values(broker.fetch('t', 0, 3, 4))).toEqual(['v3', 'v4', 'v5', 'v6']);
    expect(values(broker.fetch('t', 0, 8, 100))).toEqual(['v8', 'v9']);
    expect(broker.fetch('t', 0, 10)).toEqual([]);
    expect(broker.fetch('t', 0, 0, 0)).toEqual([]);
  });

  test('fetching beyond the high watermark or below 0 is out of range, with the range named', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't' });
    expect(() => broker.fetch('t', 0, 1)).toThrow('Offset 1 is out of range for t-0: it is empty, and a fetch may start at 0 (the high watermark) at most.');
    broker.append('t', 0, [{ value: 'a' }, { value: 'b' }]);
    expect(() => broker.fetch('t', 0, 3)).toThrow(/its records have offsets 0 to 1, and a fetch may start at 2/);
    expect(() => broker.fetch('t', 0, -1)).toThrow(RangeError);
  });

  test('stored records cannot be changed, through the input or the output', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't' });
    const input = { key: 'k', value: 'v', headers: { h: '1' } };
    broker.append('t', 0, [input]);
    input.value = 'changed';
    input.headers.h = 'changed';
    const [record] = broker.fetch('t', 0, 0);
    expect(record).toMatchObject({ value: 'v', headers: { h: '1' } });
    expect(() => {
      (record as { value: unknown }).value = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (record.headers as Record<string, string>).h = 'x';
    }).toThrow(TypeError);
    expect(broker.fetch('t', 0, 0)[0].value).toBe('v');
  });

  test('bytes are copied in: a producer reusing its buffer does not rewrite the log', () => {
    const broker = new Broker();
    broker.createTopic({ topic: 't' });
    const buffer = Uint8Array.of(1, 2, 3);
    broker.append('t', 0, [{ key: buffer, value: buffer, headers: { b: buffer } }]);
    buffer[0] = 99;
    const [record] = broker.fetch('t', 0, 0);
    expect([...(record.key as Uint8Array)]).toEqual([1, 2, 3]);
    expect([...(record.value as Uint8Array)]).toEqual([1, 2, 3]);
    expect([...(record.headers.b as Uint8Array)]).toEqual([1, 2, 3]);
  });

  test('property: after random appends, every partition reads back exactly what was appended to it, in order', () => {
    const random = new Random(99);
    for (let trial = 0; trial < 20; trial++) {
      const broker = new Broker();
      const n = 1 + random.int(6);
      broker.createTopic({ topic: 't', numPartitions: n });
      const expected: string[][] = Array.from({ length: n }, () => []);
      for (let i = 0; i < 50; i++) {
        const p = random.int(n);
        const batch = Array.from({ length: random.int(4) }, (_, j) => `${i}.${j}`);
        const base = broker.append('t', p, batch.map((value) => ({ value })));
        expect(base).toBe(expected[p].length);
        expected[p].push(...batch);
      }
      for (let p = 0; p < n; p++) {
        expect(broker.highWatermark('t', p)).toBe(expected[p].length);
        const from = random.int(expected[p].length + 1);
        const max = random.int(10);
        const got = broker.fetch('t', p, from, max);
        expect(values(got)).toEqual(expected[p].slice(from, from + max));
        expect(got.map((r) => r.offset)).toEqual(got.map((_, i) => from + i));
      }
    }
  });
});

describe('timestamps', () => {
  test("come from the clock passed in, e.g. a simulation's virtual time", async () => {
    const sim = new Simulation({ seed: 1 });
    const broker = new Broker({ clock: () => sim.now });
    broker.createTopic({ topic: 't' });
    sim.spawn('producer', async (self) => {
      broker.append('t', 0, [{ value: 'a' }, { value: 'b' }]);
      await sim.sleep(self, 250);
      broker.append('t', 0, [{ value: 'c' }]);
    });
    await sim.run();
    expect(broker.fetch('t', 0, 0).map((r) => r.timestamp)).toEqual([0, 0, 250]);
  });

  test('without a clock, a counter: 1 ms per append, the same on every run', () => {
    const run = () => {
      const broker = new Broker();
      broker.createTopic({ topic: 't', numPartitions: 2 });
      broker.append('t', 0, [{ value: 'a' }, { value: 'b' }]);
      broker.append('t', 1, [{ value: 'c' }]);
      broker.append('t', 0, [{ value: 'd' }]);
      return [...broker.fetch('t', 0, 0), ...broker.fetch('t', 1, 0)].map((r) => r.timestamp);
    };
    expect(run()).toEqual([0, 0, 2, 1]);
    expect(run()).toEqual(run());
  });
});

describe('sealed like the Spark engine', () => {
  test('prototypes and instances are frozen: a method cannot be replaced', () => {
    const broker = new Broker();
    expect(Object.isFrozen(Broker.prototype)).toBe(true);
    expect(Object.isFrozen(PartitionLog.prototype)).toBe(true);
    expect(Object.isFrozen(broker)).toBe(true);
    expect(() => {
      (Broker.prototype as unknown as { fetch: unknown }).fetch = () => [];
    }).toThrow(TypeError);
    expect(() => {
      (broker as unknown as { append: unknown }).append = () => 0;
    }).toThrow(TypeError);
  });
});
