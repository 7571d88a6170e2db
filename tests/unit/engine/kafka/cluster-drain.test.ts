/**
 * How a run ends: cluster.drain() stops 'idle' once every consumer has caught up (and no other app
 * is still at work), runs into its budget when a consumer can never catch up, ends 'drained' when
 * nothing is left to happen, names the processes that waited on something outside the simulation,
 * and plays out the same way for the same seed.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CLUSTER_BUDGET, Kafka, type InstrumentationEvent } from '../../../../src/engine/kafka/index.ts';
import { makeCluster, produce, range, recordEvents, sleep, TOPIC } from './client-fixtures.ts';

/** An app reading `events` from the beginning with the given handler. */
function reader(handler: (offset: number) => Promise<void> | void, events?: InstrumentationEvent[]) {
  return async (kafka: Kafka) => {
    const consumer = kafka.consumer({ groupId: 'g' });
    if (events) recordEvents(consumer, events);
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => handler(Number(message.offset)) });
  };
}

describe('drain', () => {
  test("ends 'idle' as soon as the consumers have caught up: join (10 ms), one fetch (2 ms), one commit (2 ms)", async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    cluster.start('app', reader((offset) => void seen.push(offset)));
    const drain = await cluster.drain();
    expect(drain).toMatchObject({ reason: 'idle', now: 14, stalled: [] });
    expect(seen).toEqual(range(0, 10));
  });

  test('waits for an app that is still producing, even while the consumer has nothing to read', async () => {
    const cluster = makeCluster();
    const seen: number[] = [];
    cluster.start('producer', async (kafka: Kafka) => {
      for (let i = 0; i < 5; i++) {
        await sleep(cluster, 'producer', 1000);
        await kafka.producer().send({ topic: TOPIC, messages: [{ value: `m${i}` }] });
      }
    });
    cluster.start('app', reader((offset) => void seen.push(offset)));
    const drain = await cluster.drain();
    expect(drain.reason).toBe('idle');
    expect(seen).toEqual(range(0, 5));
    expect(drain.now).toBeGreaterThanOrEqual(5 * 1000);
  });

  test('runs into its time budget when a consumer is stuck on a poison message (retries, crash, restart, again)', async () => {
    const cluster = makeCluster(1, { budget: { maxTime: 120_000 } });
    await produce(cluster, 3);
    cluster.start(
      'app',
      reader((offset) => {
        if (offset === 1) throw new Error('poison');
      }),
    );
    const drain = await cluster.drain();
    expect(drain.reason).toBe('time-budget');
    expect(drain.now).toBeLessThanOrEqual(120_000);
    const crashes = cluster.consumerCrashes();
    expect(crashes.length).toBeGreaterThanOrEqual(2);
    for (const crash of crashes) expect(crash).toMatchObject({ restart: true });
  });

  test('or into its step budget, whichever comes first', async () => {
    const cluster = makeCluster(1, { budget: { maxSteps: 40 } });
    await produce(cluster, 3);
    cluster.start(
      'app',
      reader(() => {
        throw new Error('poison');
      }),
    );
    expect(await cluster.drain()).toMatchObject({ reason: 'step-budget', steps: 40 });
  });

  test('by default a run may last one virtual hour', () => {
    expect(DEFAULT_CLUSTER_BUDGET.maxTime).toBe(3_600_000);
  });

  test("ends 'drained' when nothing can happen: no app at all, or apps that only produce", async () => {
    const empty = makeCluster();
    expect(await empty.drain()).toMatchObject({ reason: 'drained', now: 0, steps: 0 });
    const producing = makeCluster();
    startProducer(producing);
    const drain = await producing.drain();
    expect(drain.reason).toBe('drained');
    expect(producing.highWatermark(TOPIC, 0)).toBe(3);
  });

  test('names a process whose handler awaits a real timer (outside the simulation) as stalled', async () => {
    const cluster = makeCluster();
    await produce(cluster, 2);
    cluster.start('app', reader(() => new Promise<void>((resolve) => setTimeout(resolve, 200))));
    const drain = await cluster.drain();
    expect(drain.stalled).toEqual(['app']);
  });

  test('the same seed gives the same run, event for event (retry jitter and keyless placement included)', async () => {
    const play = async (seed: number) => {
      const cluster = makeCluster(3, { seed });
      await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: TOPIC, messages: range(0, 9).map((i) => ({ value: `m${i}` })) });
      const events: InstrumentationEvent[] = [];
      let failures = 0;
      cluster.start(
        'app',
        reader(() => {
          if (failures++ < 3) throw new Error('flaky');
        }, events),
      );
      const drain = await cluster.drain();
      return { drain, events: events.map((e) => [e.type, e.timestamp, JSON.stringify(e.payload)]), committed: cluster.committed('g') };
    };
    const first = await play(5);
    expect(first.drain.reason).toBe('idle');
    expect(await play(5)).toEqual(first);
  });
});

/** A producer app that sends three records and ends. */
function startProducer(cluster: ReturnType<typeof makeCluster>): void {
  cluster.start('producer', async (kafka: Kafka) => {
    await kafka.producer().send({ topic: TOPIC, messages: range(0, 3).map((i) => ({ value: `m${i}`, partition: 0 })) });
  });
}
