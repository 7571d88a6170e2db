import { describe, test, expect } from 'vitest';
import { Kafka, deliveriesFromStore, describeOffsets, type ConsumerConfig, type InstrumentationEvent, type KafkaCluster, type PartitionOffsets, type StoreClient } from '@sai/kafka';
import { asyncProperty, CheckFailure, memoByInput, show, type Gen } from '@sai/checks';
import {
  describeCrashOutcome,
  exploreCrashes,
  expectAtEveryCrash,
  runScenario,
  type CrashPointReport,
  type CrashReport,
  type CrashScenario,
  type ScenarioRun,
} from '@sai/kafka-checks';
import { startArchiver } from './solution';

const TOPIC = 'events';
const GROUP = 'click-archiver';
const FLUSH_EVERY = 4;

interface Click {
  key: string | null;
  value: string;
}

/** The clicks of each partition (always a multiple of 4), and the fetch size the checks give the consumer. */
interface ClickLog {
  partitions: Click[][];
  fetchBytes: number;
}

/** The first commit that covered clicks the store did not hold yet. */
interface EarlyCommit {
  time: number;
  commit: string;
  unwritten: PartitionOffsets[];
}

/** What one run of the app did, seen from outside: its commits, in order. */
interface Watch {
  cluster: KafkaCluster | undefined;
  /** Last committed offset per partition (as the app sent it). */
  committed: Map<number, string>;
  early: EarlyCommit | undefined;
}

// ---------------------------------------------------------------- running the app

/**
 * The app as the checks start it, with a config that sets the fetch size (so batches end in the
 * middle of a buffer). The consumer it makes gets a listener that compares every commit with what
 * the store holds.
 */
function appUnderTest(log: ClickLog, watch: Watch): CrashScenario['app'] {
  return (kafka, store: StoreClient) => {
    const client = {
      clientId: kafka.clientId,
      producer: () => kafka.producer(),
      consumer: (config: ConsumerConfig) => {
        const consumer = kafka.consumer(config);
        consumer.on(consumer.events.COMMIT_OFFSETS, (event) => onCommit(watch, event));
        return consumer;
      },
    };
    return startArchiver(client as unknown as Kafka, store, { groupId: GROUP, maxBytesPerPartition: log.fetchBytes });
  };
}

function onCommit(watch: Watch, event: InstrumentationEvent): void {
  const cluster = watch.cluster!;
  const topics = (event.payload as { topics: { topic: string; partitions: { partition: string | number; offset: string }[] }[] }).topics;
  let stored: Set<string>;
  try {
    stored = new Set(deliveriesFromStore(cluster, TOPIC).map((d) => `${d.partition}:${d.offset}`));
  } catch {
    return; // a store the reader cannot read is reported by the exactly-once check
  }
  const parts: string[] = [];
  const unwritten: PartitionOffsets[] = [];
  for (const { topic, partitions } of topics) {
    for (const { partition, offset } of partitions) {
      const p = Number(partition);
      parts.push(`p${p} -> ${offset}`);
      if (topic !== TOPIC) continue;
      watch.committed.set(p, String(offset));
      const upTo = Math.min(Number(offset), cluster.highWatermark(TOPIC, p));
      const missing: number[] = [];
      for (let o = 0; o < upTo; o++) if (!stored.has(`${p}:${o}`)) missing.push(o);
      if (missing.length > 0) unwritten.push({ topic, partition: p, offsets: missing });
    }
  }
  if (unwritten.length > 0 && !watch.early) watch.early = { time: cluster.now, commit: `commitOffsets(${parts.join(', ')})`, unwritten };
}

function scenarioOf(log: ClickLog, watch: Watch = newWatch()): CrashScenario {
  return {
    async setup(cluster) {
      watch.cluster = cluster;
      cluster.createTopic({ topic: TOPIC, numPartitions: log.partitions.length });
      const producer = new Kafka({ brokers: cluster.brokers }).producer();
      for (const [partition, clicks] of log.partitions.entries()) {
        if (clicks.length > 0) await producer.send({ topic: TOPIC, messages: clicks.map((c) => ({ key: c.key, value: c.value, partition })) });
      }
    },
    app: appUnderTest(log, watch),
  };
}

const newWatch = (): Watch => ({ cluster: undefined, committed: new Map(), early: undefined });

/** One crash-free run of a log: what reached the store, and every commit compared with the store. */
const cleanRun = memoByInput(async (log: ClickLog) => {
  const watch = newWatch();
  const run = await runScenario(scenarioOf(log, watch));
  return { run, watch, objects: watch.cluster!.store.objects() };
});

// ---------------------------------------------------------------- generated logs

const USERS = ['ada', 'bob', 'chen', 'zoë'];
const PAGES = ['/', '/home', '/cart', '/café', '/search?q=été'];

function click(random: { pick<T>(items: readonly T[]): T; chance(p: number): boolean }, n: number): Click {
  // Keys repeat (one user, many clicks), some clicks have no key, a few values are empty.
  const user = random.pick(USERS);
  const key = random.chance(0.2) ? null : user;
  const value = random.chance(0.1) ? '' : JSON.stringify({ user, page: random.pick(PAGES), n });
  return { key, value };
}

/** 1 to 3 partitions of 0, 4, 8 or 12 clicks; fetch sizes from one click per batch to all of them. */
const clickLogs: Gen<ClickLog> = {
  generate(random) {
    const count = 1 + random.int(3);
    let n = 0;
    const partitions = Array.from({ length: count }, () => Array.from({ length: FLUSH_EVERY * random.pick([0, 1, 1, 2, 2, 3]) }, () => click(random, n++)));
    return { partitions, fetchBytes: random.pick([1, 40, 70, 110, 1_048_576]) };
  },
  *shrink(log) {
    if (log.partitions.length > 1) yield { ...log, partitions: log.partitions.slice(0, -1) };
    if (log.partitions.length > 1) yield { ...log, partitions: log.partitions.slice(1) };
    for (const [i, clicks] of log.partitions.entries()) {
      if (clicks.length > 0) yield { ...log, partitions: log.partitions.map((c, j) => (j === i ? c.slice(0, -FLUSH_EVERY) : c)) };
    }
  },
};

const describeLog = (log: ClickLog) =>
  `${log.partitions.map((clicks, p) => `p${p}: ${clicks.length} clicks`).join(', ')}; maxBytesPerPartition ${log.fetchBytes}` +
  (log.partitions.some((c) => c.length > 0) ? ` (first click ${show(log.partitions.find((c) => c.length > 0)![0])})` : '');

// ---------------------------------------------------------------- the teaching log

/** p0 holds 8 clicks, p1 holds 4; keys of 3 and values of 30 characters, so a fetch brings 3 clicks per partition. */
const TEACHING: ClickLog = {
  partitions: [
    Array.from({ length: 8 }, (_, i) => ({ key: ['ada', 'bob', 'kim'][i % 3], value: JSON.stringify({ user: ['ada', 'bob', 'kim'][i % 3], page: `/p${i}` }).padEnd(30, ' ') })),
    Array.from({ length: 4 }, (_, i) => ({ key: 'zoë', value: JSON.stringify({ user: 'zoë', page: `/q${i}` }).padEnd(30, ' ') })),
  ],
  fetchBytes: 3 * 33,
};

let teachingReport: Promise<CrashReport> | undefined;
const explored = () => (teachingReport ??= exploreCrashes(scenarioOf(TEACHING)));

// ---------------------------------------------------------------- messages

function failCleanRun(run: ScenarioRun, log: ClickLog): void {
  if (run.sinkError) throw new CheckFailure(`The store could not be read as clicks: ${run.sinkError} Each object must be an array of { partition, offset, value }.`);
  const crashed = run.consumerCrashes[0];
  if (crashed) throw new CheckFailure(`The consumer crashed: ${crashed.error}.`);
  if (run.drain.reason !== 'idle' && run.drain.reason !== 'drained') {
    throw new CheckFailure(`The group never caught up with the log (${run.drain.reason} at ${run.drain.now} ms of simulated time).`);
  }
  const { diff } = run;
  if (diff.verdict !== 'exact' || diff.unexpected.length > 0) {
    const parts: string[] = [];
    if (diff.lost.length > 0) parts.push(`never stored: ${describeOffsets(diff.lost)}`);
    if (diff.duplicated.length > 0) parts.push(`stored twice: ${describeOffsets(diff.duplicated)}`);
    if (diff.unexpected.length > 0) parts.push(`offsets that are not in the log: ${describeOffsets(diff.unexpected)}`);
    throw new CheckFailure(
      `Without any crash, every click of the log should be stored exactly once, but ${parts.join('; ')}. ` +
        `(Each partition holds a multiple of ${FLUSH_EVERY} clicks, so every buffer fills up.)`,
      { expected: log.partitions.flat().length, actual: diff.delivered },
    );
  }
}

/** "p0:0-2 (committed by commitOffsets(p0 -> 3) before the crash)": lost offsets the app had committed. */
function committedBeforeCrash(point: CrashPointReport): { commits: Map<number, string>; last: Map<number, string> } {
  const [first] = point.points;
  const calls = point.run.calls;
  const at = calls.findIndex((c) => c.call === first.call && c.nth === first.nth);
  const upTo = first.when === 'after' ? at + 1 : at;
  const commits = new Map<number, string>();
  const last = new Map<number, string>();
  for (const call of calls.slice(0, Math.max(upTo, 0))) {
    if (call.call !== 'commitOffsets' || !call.detail) continue;
    for (const [, p, offset] of call.detail.matchAll(/p(\d+) -> ([^,)\s]+)/g)) {
      commits.set(Number(p), offset);
      last.set(Number(p), call.detail);
    }
  }
  return { commits, last };
}

const lossExplained = (point: CrashPointReport): string | undefined => {
  const { lost } = point.run.diff;
  if (lost.length === 0) return undefined;
  const { commits, last } = committedBeforeCrash(point);
  const early: PartitionOffsets[] = [];
  const later: PartitionOffsets[] = [];
  for (const p of lost) {
    const committed = Number(commits.get(p.partition) ?? 0);
    const before = p.offsets.filter((o) => o < committed);
    const after = p.offsets.filter((o) => o >= committed);
    if (before.length > 0) early.push({ ...p, offsets: before });
    if (after.length > 0) later.push({ ...p, offsets: after });
  }
  const sentences: string[] = [];
  if (early.length > 0) {
    const by = [...new Set(early.map((p) => last.get(p.partition)!))].join(' and ');
    sentences.push(
      `Clicks ${describeOffsets(early)} were committed (${by}) while they still waited in a buffer, not yet in the store; ` +
        `the restarted app resumed from the committed offsets, so it never read them again.`,
    );
  }
  if (later.length > 0) {
    sentences.push(
      early.length > 0
        ? `The restart also shifted the buffers: ${describeOffsets(later)} ended in a buffer that never filled up.`
        : `Clicks ${describeOffsets(later)} never reached the store after the restart.`,
    );
  }
  return sentences.join(' ');
};

/** After its last write, a partition of n clicks must have committed 'n': the next offset to read. */
function expectFinalCommit(p: number, n: number, committed: string | undefined): void {
  if (n === 0) {
    if (committed === undefined || Number(committed) === 0) return;
    throw new CheckFailure(`p${p} holds no clicks, so nothing should be committed for it, yet it got '${committed}'. Commit each partition with its own offsets.`);
  }
  const want = String(n);
  if (committed === want) return;
  let hint: string;
  if (committed === undefined) hint = 'Without a commit, any restart reads the whole partition again.';
  else if (Number(committed) === n - 1) hint = 'That is the offset of the last click, but a committed offset names the NEXT click to read: offset + 1.';
  else if (committed === `${n - 1}1`) hint = `Offsets are strings: '${n - 1}' + 1 is '${n - 1}1'. Turn the offset into a number before adding 1.`;
  else if (Number(committed) > n) hint = 'That is past the end of the partition: each partition has offsets of its own.';
  else hint = 'That is behind the last write, so a restart would write those clicks again.';
  const got = committed === undefined ? 'nothing was committed' : `it is '${committed}'`;
  throw new CheckFailure(`p${p} holds ${n} clicks (offsets 0-${n - 1}); after its last write its committed offset should be '${want}', but ${got}. ${hint}`, {
    expected: want,
    actual: committed,
  });
}

/** Written twice: at most the one object whose commit the crash interrupted (4 clicks of one partition). */
const oneObjectAtMost = (point: CrashPointReport): string | undefined => {
  const { duplicated } = point.run.diff;
  const count = duplicated.reduce((sum, p) => sum + p.offsets.length, 0);
  if (duplicated.length <= 1 && count <= FLUSH_EVERY) return undefined;
  return `${count} clicks were written twice${duplicated.length > 1 ? ', in several partitions' : ''}: the restart re-read clicks whose objects had been written long before the crash, so their offsets were never committed after the write.`;
};

// ---------------------------------------------------------------- checks

describe('without crashes', () => {
  test('every click reaches the store exactly once, for any log and fetch size', async () => {
    await asyncProperty(clickLogs, async (log) => failCleanRun((await cleanRun(log)).run, log), { runs: 24, describe: describeLog });
  });

  test('every object holds 4 clicks of one partition, in offset order, with their values', async () => {
    await asyncProperty(
      clickLogs,
      async (log) => {
        const { objects } = await cleanRun(log);
        for (const object of objects) {
          const body = object.body as { partition?: unknown; offset?: unknown; value?: unknown }[];
          const where = `Object "${object.key}" holds ${show(body)}`;
          if (!Array.isArray(body) || body.length !== FLUSH_EVERY) {
            throw new CheckFailure(`${where}: each object must hold exactly ${FLUSH_EVERY} clicks (a buffer is written when it is full, not per message or per batch).`);
          }
          const partition = Number(body[0].partition);
          const start = Number(body[0].offset);
          body.forEach((record, i) => {
            if (Number(record.partition) !== partition) throw new CheckFailure(`${where}: it mixes partitions. Keep one buffer per partition.`);
            if (Number(record.offset) !== start + i) throw new CheckFailure(`${where}: its offsets should be ${start}-${start + FLUSH_EVERY - 1}, in order.`);
            const original = log.partitions[partition]?.[start + i];
            if (!original || record.value !== original.value) {
              throw new CheckFailure(`${where}: click p${partition}:${start + i} should be stored with its value ${show(original?.value)}.`);
            }
          });
        }
      },
      { runs: 24, describe: describeLog },
    );
  });

  test('the committed offset of each partition ends one past its last click (the next offset to read)', async () => {
    await asyncProperty(
      clickLogs,
      async (log) => {
        const { watch } = await cleanRun(log);
        log.partitions.forEach((clicks, p) => expectFinalCommit(p, clicks.length, watch.committed.get(p)));
      },
      { runs: 24, describe: describeLog },
    );
  });

  test('a commit never covers a click that is still waiting in a buffer (checked at every commit)', async () => {
    await asyncProperty(
      clickLogs,
      async (log) => {
        const { early } = (await cleanRun(log)).watch;
        if (early) {
          throw new CheckFailure(
            `At ${early.time} ms, ${early.commit} committed clicks the store did not hold yet: ${describeOffsets(early.unwritten)}. ` +
              `A crash right then would lose them: a restart resumes from the committed offset. ` +
              `Commit a partition only once the write holding those clicks has finished (and remember that KafkaJS's default autoCommit commits every resolved offset after each batch, buffered or not).`,
          );
        }
      },
      { runs: 24, describe: describeLog },
    );
  });
});

describe('crashes (p0: 8 clicks, p1: 4, batches of 3 clicks; a crash at every point)', () => {
  test('no crash point loses a click', async () => {
    const report = await explored();
    expectAtEveryCrash(report, lossExplained, {
      title: 'Crash map: your click archiver',
      why: 'Commit a partition only up to the clicks that are in the store.',
      pairs: false,
    });
  });

  test('a crash writes again at most the one object whose commit it interrupted', async () => {
    const report = await explored();
    expectAtEveryCrash(report, oneObjectAtMost, {
      title: 'Crash map: your click archiver',
      why: 'Commit each partition right after each of its writes.',
      pairs: false,
    });
  });

  test('a crash right after a commit writes nothing twice', async () => {
    const report = await explored();
    const afterCommit = report.singles.filter((p) => p.points[0].when === 'after' && p.points[0].call === 'commitOffsets');
    expect(afterCommit.length, 'the app should commit offsets itself (commitOffsets) after its writes').toBeGreaterThan(0);
    for (const point of afterCommit) {
      if (point.run.diff.duplicated.length === 0) continue;
      throw new CheckFailure(
        `${describeCrashOutcome(point)}\nThe crash came right after a commit, yet the restart wrote ${describeOffsets(point.run.diff.duplicated)} again. ` +
          `The committed offset is the next offset to read: commit the last written offset + 1, as a number turned into a string.`,
      );
    }
  });
});
