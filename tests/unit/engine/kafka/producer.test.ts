/** The producer core: placement by the default partitioner, and KafkaJS-shaped RecordMetadata with base offsets. */
import { describe, expect, test } from 'vitest';
import { Broker, DefaultPartitioner, Producer } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';
import { generatedKeys, oraclePartition } from './oracle.ts';

function setup(numPartitions = 3, seed = 1) {
  const broker = new Broker();
  broker.createTopic({ topic: 'orders', numPartitions });
  return { broker, producer: new Producer(broker, { partitioner: new DefaultPartitioner(seed) }) };
}

describe('send', () => {
  test("answers like KafkaJS's RecordMetadata: one entry per partition, base offsets as strings", () => {
    const { producer } = setup(3);
    const first = producer.send({ topic: 'orders', messages: [{ value: 'a', partition: 1 }, { value: 'b', partition: 1 }] });
    expect(first).toEqual([{ topicName: 'orders', partition: 1, errorCode: 0, baseOffset: '0', logAppendTime: '-1', logStartOffset: '0' }]);
    const second = producer.send({ topic: 'orders', messages: [{ value: 'c', partition: 1 }] });
    expect(second[0].baseOffset).toBe('2');
    expect(typeof second[0].baseOffset).toBe('string');
  });

  test('messages to several partitions: one entry each, by partition, each with its own base offset', () => {
    const { broker, producer } = setup(3);
    broker.append('orders', 2, [{ value: 'earlier' }]);
    const metadata = producer.send({
      topic: 'orders',
      messages: [
        { value: 'x', partition: 2 },
        { value: 'y', partition: 0 },
        { value: 'z', partition: 2 },
      ],
    });
    expect(metadata.map(({ partition, baseOffset }) => [partition, baseOffset])).toEqual([
      [0, '0'],
      [2, '1'],
    ]);
    expect(broker.fetch('orders', 2, 0).map((r) => r.value)).toEqual(['earlier', 'x', 'z']);
    expect(broker.fetch('orders', 1, 0)).toEqual([]);
  });

  test('keyed messages land where Kafka puts them (oracle), in send order, with key and headers kept', () => {
    const random = new Random(8);
    for (const n of [1, 2, 5, 12]) {
      const { broker, producer } = setup(n);
      const keys = generatedKeys(60, () => random.next());
      const messages = keys.map((key, i) => ({ key, value: `v${i}`, headers: { i: String(i) } }));
      producer.send({ topic: 'orders', messages });
      for (let p = 0; p < n; p++) {
        const expected = messages.filter((m) => oraclePartition(m.key, n) === p);
        const got = broker.fetch('orders', p, 0);
        expect(got.map((r) => r.value)).toEqual(expected.map((m) => m.value));
        expect(got.map((r) => r.headers)).toEqual(expected.map((m) => m.headers));
      }
    }
  });

  test('an explicit partition wins over the key', () => {
    const { broker, producer } = setup(4);
    const keyed = oraclePartition('customer-1', 4);
    const explicit = (keyed + 1) % 4;
    producer.send({ topic: 'orders', messages: [{ key: 'customer-1', value: 'v', partition: explicit }] });
    expect(broker.highWatermark('orders', explicit)).toBe(1);
    expect(broker.highWatermark('orders', keyed)).toBe(0);
  });

  test('keyless messages round-robin; the same seed places them the same way', () => {
    const placements = (seed: number) => {
      const { broker, producer } = setup(4, seed);
      for (let i = 0; i < 10; i++) producer.send({ topic: 'orders', messages: [{ value: `m${i}` }] });
      return [0, 1, 2, 3].map((p) => broker.fetch('orders', p, 0).map((r) => r.value));
    };
    const a = placements(21);
    expect(placements(21)).toEqual(a);
    expect(a.map((values) => values.length).sort()).toEqual([2, 2, 3, 3]);
  });

  test('an unknown topic, a partition that does not exist or no messages: refused, nothing written', () => {
    const { broker, producer } = setup(2);
    expect(() => producer.send({ topic: 'order', messages: [{ value: 'v' }] })).toThrow('Unknown topic "order". Topics: "__consumer_offsets", "orders".');
    expect(() => producer.send({ topic: 'orders', messages: [{ value: 'ok', partition: 0 }, { value: 'v', partition: 2 }] })).toThrow(
      'Topic "orders" has partitions 0 to 1; there is no partition 2.',
    );
    expect(broker.highWatermark('orders', 0)).toBe(0);
    expect(() => producer.send({ topic: 'orders', messages: [] })).toThrow(/non-empty array of messages/);
  });
});
