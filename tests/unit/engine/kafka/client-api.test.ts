/**
 * The rest of the consumer's surface, against KafkaJS 2.2.4: seek (only after run; applied at the
 * next fetch; with autoCommit it commits the sought offset), pause/resume, stop and disconnect
 * (leaving the group), the instrumentation events and their payloads, and listeners that throw.
 */
import { describe, expect, test } from 'vitest';
import { Kafka, type InstrumentationEvent } from '../../../../src/engine/kafka/index.ts';
import { committed, committedOffsets, eventsOf, makeCluster, produce, range, recordEvents, sleep, TOPIC } from './client-fixtures.ts';

describe('seek', () => {
  test('before run() it is refused', async () => {
    const cluster = makeCluster();
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    await consumer.subscribe({ topics: [TOPIC] });
    expect(() => consumer.seek({ topic: TOPIC, partition: 0, offset: '3' })).toThrow(/run/);
  });

  test('right after run() (the documented way) it sets where the group starts, committing the sought offset with autoCommit', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    const events = recordEvents(consumer);
    const seen: number[] = [];
    const committedThen: (number | undefined)[] = [];
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(Number(message.offset));
        committedThen.push(committed(cluster, 'g'));
      },
    });
    consumer.seek({ topic: TOPIC, partition: 0, offset: '6' });
    await cluster.drain();
    expect(seen).toEqual([6, 7, 8, 9]);
    expect(committedThen[0]).toBe(6);
    // The seek's commit goes straight to the coordinator: KafkaJS emits no COMMIT_OFFSETS for it.
    expect(committedOffsets(events)).toEqual([10]);
  });

  test('from a handler: the rest of the batch is dropped, the resolved offsets committed, then the sought one, and reading goes on from it', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    const committedThen: (number | undefined)[] = [];
    const events: InstrumentationEvent[] = [];
    let sought = false;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(Number(message.offset));
          committedThen.push(committed(cluster, 'g'));
          if (message.offset === '7' && !sought) {
            sought = true;
            consumer.seek({ topic: TOPIC, partition: 0, offset: 2 });
          }
        },
      });
    });
    await cluster.drain();
    expect(seen).toEqual([...range(0, 8), ...range(2, 10)]);
    // The batch's end commits 8 (0..7 resolved); then the seek commits 2: the group's offset goes back.
    expect(committedOffsets(events)).toEqual([8, 10]);
    expect(committedThen[8]).toBe(2);
  });

  test('with autoCommit: false it only moves the position: nothing is committed', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    const events: InstrumentationEvent[] = [];
    let sought = false;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          seen.push(Number(message.offset));
          if (message.offset === '4' && !sought) {
            sought = true;
            consumer.seek({ topic: TOPIC, partition: 0, offset: '8' });
          }
        },
      });
    });
    await cluster.drain();
    expect(seen).toEqual([0, 1, 2, 3, 4, 8, 9]);
    expect(committedOffsets(events)).toEqual([]);
    expect(cluster.committed('g')).toEqual([]);
  });
});

describe('seek to a negative offset', () => {
  test('is refused, except for -1 and -2 (KafkaJS accepts its LATEST and EARLIEST sentinels)', async () => {
    const cluster = makeCluster();
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    await consumer.subscribe({ topics: [TOPIC] });
    await consumer.run({ eachMessage: async () => {} });
    expect(() => consumer.seek({ topic: TOPIC, partition: 0, offset: '-3' })).toThrow('Offset must not be a negative number');
    expect(() => consumer.seek({ topic: TOPIC, partition: 0, offset: '-1' })).not.toThrow();
  });

  test.each([true, false])('-1 (autoCommit: %s) makes the partition start over; with fromBeginning that is the log start', async (autoCommit) => {
    // With autoCommit KafkaJS commits the sentinel, read back as no valid commit (fromBeginning decides);
    // without, it resolves -2, and a negative position is read as 0.
    const cluster = makeCluster();
    await produce(cluster, 5);
    const seen: number[] = [];
    let sought = false;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        autoCommit,
        eachMessage: async ({ message }) => {
          seen.push(Number(message.offset));
          if (message.offset === '3' && !sought) {
            sought = true;
            consumer.seek({ topic: TOPIC, partition: 0, offset: '-1' });
          }
        },
      });
    });
    expect((await cluster.drain()).reason).toBe('idle');
    expect(seen).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 4]);
    expect(cluster.consumerCrashes()).toEqual([]);
  });
});

describe('pause and resume', () => {
  test('a paused partition is not fetched (the current batch stops after the message); resuming fetches it again from where it was', async () => {
    const cluster = makeCluster(2);
    await produce(cluster, 5, 0);
    await produce(cluster, 5, 1);
    const seen: string[] = [];
    const pausedWhile: unknown[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push(`p${partition}:${message.offset}`);
          if (partition === 0 && message.offset === '1') consumer.pause([{ topic: TOPIC, partitions: [0] }]);
          if (partition === 1 && message.offset === '4') {
            pausedWhile.push(consumer.paused());
            consumer.resume([{ topic: TOPIC, partitions: [0] }]);
          }
        },
      });
    });
    await cluster.drain();
    expect(seen).toEqual(['p0:0', 'p0:1', 'p1:0', 'p1:1', 'p1:2', 'p1:3', 'p1:4', 'p0:2', 'p0:3', 'p0:4']);
    expect(pausedWhile).toEqual([[{ topic: TOPIC, partitions: [0] }]]);
    expect(committed(cluster, 'g', 0)).toBe(5);
  });

  test("the payload's pause() pauses this partition and returns its resume", async () => {
    const cluster = makeCluster(2);
    await produce(cluster, 3, 0);
    await produce(cluster, 3, 1);
    const seen: string[] = [];
    let resumeP0: (() => void) | undefined;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message, pause }) => {
          seen.push(`p${partition}:${message.offset}`);
          if (partition === 0 && message.offset === '0') resumeP0 = pause();
          if (partition === 1 && message.offset === '2') resumeP0!();
        },
      });
    });
    await cluster.drain();
    expect(seen).toEqual(['p0:0', 'p1:0', 'p1:1', 'p1:2', 'p0:1', 'p0:2']);
  });
});

describe('stop and disconnect', () => {
  test('a member that disconnects mid-batch commits what it resolved and leaves; the other takes its partition from that commit', async () => {
    const cluster = makeCluster(2);
    const assignments: Record<string, unknown[]> = { a: [], b: [] };
    const seen: string[] = [];
    cluster.start('producer', async (kafka: Kafka) => {
      await sleep(cluster, 'producer', 6000); // once a and b have settled on one partition each
      for (const partition of [0, 1]) await kafka.producer().send({ topic: TOPIC, messages: range(0, 5).map((i) => ({ value: `m${i}`, partition })) });
    });
    for (const name of ['a', 'b'] as const) {
      cluster.start(name, async (kafka: Kafka) => {
        const consumer = kafka.consumer({ groupId: 'g' });
        consumer.on(consumer.events.GROUP_JOIN, (e) => void assignments[name]!.push(e.payload.memberAssignment));
        await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ partition, message }) => {
            seen.push(`${name}:p${partition}:${message.offset}`);
            if (name === 'a' && message.offset === '1') void consumer.disconnect();
          },
        });
      });
    }
    expect((await cluster.drain()).reason).toBe('idle');
    // Members a-1 and b-2, sorted: round-robin gives a partition 0 and b partition 1.
    expect(assignments.a).toEqual([{ [TOPIC]: [0, 1] }, { [TOPIC]: [0] }]);
    expect(assignments.b).toEqual([{ [TOPIC]: [1] }, { [TOPIC]: [0, 1] }]);
    expect(seen.filter((s) => s.startsWith('a:'))).toEqual(['a:p0:0', 'a:p0:1']);
    expect(seen.filter((s) => s.startsWith('b:p0'))).toEqual(['b:p0:2', 'b:p0:3', 'b:p0:4']);
    expect(seen.filter((s) => s.startsWith('b:p1'))).toEqual(range(0, 5).map((i) => `b:p1:${i}`));
    const leave = cluster.rebalances().find((r) => r.cause === 'leave')!;
    const b = [...leave.after.keys()];
    expect(b).toHaveLength(1);
    expect(leave.moves).toEqual([{ topic: TOPIC, partition: 0, from: leave.members[0], to: b[0] }]);
    expect(committed(cluster, 'g', 0)).toBe(5);
  });

  test('stop() ends consumption after the current message; disconnect() leaves the group (a rebalance) and emits STOP then DISCONNECT', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    const events = recordEvents(consumer);
    const seen: number[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(Number(message.offset));
        if (message.offset === '3') void consumer.disconnect();
      },
    });
    const drain = await cluster.drain();
    expect(drain.reason).toBe('idle');
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(cluster.rebalances().map((r) => r.cause)).toEqual(['join', 'leave']);
    expect(cluster.rebalances()[1]!.after.size).toBe(0);
    const names = events.map((e) => e.type);
    expect(names.indexOf('consumer.stop')).toBeLessThan(names.indexOf('consumer.disconnect'));
    expect(names[0]).toBe('consumer.connect');
    // The batch ended normally, so what was resolved (0..3) was committed.
    expect(committed(cluster, 'g')).toBe(4);
  });
});

describe('instrumentation events', () => {
  test("GROUP_JOIN, HEARTBEAT and COMMIT_OFFSETS carry KafkaJS's payloads", async () => {
    const cluster = makeCluster(3);
    for (const p of [0, 1, 2]) await produce(cluster, 2, p);
    const events: InstrumentationEvent[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g', heartbeatInterval: 1000 });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({ eachMessage: async () => sleep(cluster, 'app', 400) });
    });
    await cluster.drain();
    const [join] = eventsOf(events, 'consumer.group_join');
    const memberId = join!.payload.memberId as string;
    expect(join!.payload).toMatchObject({ groupId: 'g', leaderId: memberId, isLeader: true, memberAssignment: { [TOPIC]: [0, 1, 2] }, groupProtocol: 'RoundRobinAssigner' });
    const beats = eventsOf(events, 'consumer.heartbeat');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    for (const beat of beats) expect(beat.payload).toEqual({ groupId: 'g', memberId, groupGenerationId: 1 });
    // A heartbeat goes out only once heartbeatInterval has passed since the last one.
    for (let i = 1; i < beats.length; i++) expect(beats[i]!.timestamp - beats[i - 1]!.timestamp).toBeGreaterThanOrEqual(1000);
    const [commit] = eventsOf(events, 'consumer.commit_offsets');
    expect(commit!.payload).toEqual({ groupId: 'g', memberId, groupGenerationId: 1, topics: [{ topic: TOPIC, partitions: [{ partition: '0', offset: '2' }] }] });
    // Every event has KafkaJS's envelope: id, type, timestamp, payload.
    for (const event of events) expect(Object.keys(event).sort()).toEqual(['id', 'payload', 'timestamp', 'type']);
  });

  test('a listener that throws (or rejects) does not stop the consumer', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
      consumer.on(consumer.events.COMMIT_OFFSETS, () => {
        throw new Error('listener bug');
      });
      consumer.on(consumer.events.GROUP_JOIN, async () => {
        throw new Error('async listener bug');
      });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(Number(message.offset)) });
    });
    const drain = await cluster.drain();
    expect(drain.reason).toBe('idle');
    expect(seen).toEqual(range(0, 10));
    expect(committed(cluster, 'g')).toBe(10);
    expect(cluster.consumerCrashes()).toEqual([]);
  });

  test('on() refuses an unknown event name', () => {
    const cluster = makeCluster();
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    expect(() => consumer.on('consumer.rebalanced', () => {})).toThrow(/consumer\.events/);
  });
});

describe('run and subscribe', () => {
  test('run() before subscribe() and subscribe() while running are refused', async () => {
    const cluster = makeCluster();
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    await expect(consumer.run({ eachMessage: async () => {} })).rejects.toThrow(/subscribe/);
    await consumer.subscribe({ topics: [TOPIC] });
    await consumer.run({ eachMessage: async () => {} });
    await expect(consumer.subscribe({ topics: [TOPIC] })).rejects.toThrow('Cannot subscribe to topic while consumer is running');
  });

  test('subscribe with a RegExp takes the matching topics', async () => {
    const cluster = makeCluster();
    cluster.createTopic({ topic: 'events-eu' });
    cluster.createTopic({ topic: 'orders' });
    await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'events-eu', messages: [{ value: 'x' }] });
    await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'orders', messages: [{ value: 'y' }] });
    const topics: string[] = [];
    const consumer = new Kafka({ brokers: cluster.brokers }).consumer({ groupId: 'g' });
    await consumer.subscribe({ topics: [/^events/], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ topic }) => void topics.push(topic) });
    await cluster.drain();
    expect(topics).toEqual(['events-eu']);
  });
});
