import { describe, test } from 'vitest';
import {
  Kafka,
  KafkaCluster,
  deliveriesFromStore,
  type ConsumerConfig,
  type Delivery,
  type DrainResult,
  type InstrumentationEvent,
  type LogRecord,
  type StoreClient,
  type StoredObject,
} from '@sai/kafka';
import { asyncProperty, CheckFailure, memoByInput, show, type Gen } from '@sai/checks';
import { describeCrashOutcome, exploreCrashes, expectAtEveryCrash, type CrashPointReport, type CrashReport, type CrashScenario } from '@sai/kafka-checks';
import { startArchiver } from './solution';

const TOPIC = 'events';
const DLQ = 'events.dlq';
const GROUP = 'click-archiver';

interface Message {
  key: string | null;
  value: string | null;
}

/** What is on `events`, the fetch size the checks give the consumer, and how many store writes fail (from the first). */
interface EventLog {
  partitions: Message[][];
  fetchBytes: number;
  failingPuts: number;
}

// ---------------------------------------------------------------- the rule for poison (as stated)

/** A click is a JSON object with a non-empty string `user` and a string `page` starting with '/'. */
function isClick(value: string | null): boolean {
  if (typeof value !== 'string') return false;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return false;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const { user, page } = data as { user?: unknown; page?: unknown };
  return typeof user === 'string' && user !== '' && typeof page === 'string' && page.startsWith('/');
}

// ---------------------------------------------------------------- running the app

/** The app as the checks start it: a config with the check's fetch size, and a consumer that reports its commits. */
function appUnderTest(log: EventLog, committed: Map<number, string>): CrashScenario['app'] {
  return (kafka, store: StoreClient) => {
    const client = {
      clientId: kafka.clientId,
      producer: () => kafka.producer(),
      consumer: (config: ConsumerConfig) => {
        const consumer = kafka.consumer(config);
        consumer.on(consumer.events.COMMIT_OFFSETS, (event: InstrumentationEvent) => {
          const { topics } = event.payload as { topics: { topic: string; partitions: { partition: string | number; offset: string }[] }[] };
          for (const { topic, partitions } of topics) if (topic === TOPIC) for (const p of partitions) committed.set(Number(p.partition), String(p.offset));
        });
        return consumer;
      },
    };
    return startArchiver(client as unknown as Kafka, store, { groupId: GROUP, maxBytesPerPartition: log.fetchBytes });
  };
}

async function setup(cluster: KafkaCluster, log: EventLog): Promise<void> {
  cluster.createTopic({ topic: TOPIC, numPartitions: log.partitions.length });
  cluster.createTopic({ topic: DLQ, numPartitions: 1 });
  const producer = new Kafka({ brokers: cluster.brokers }).producer();
  for (const [partition, messages] of log.partitions.entries()) {
    if (messages.length > 0) await producer.send({ topic: TOPIC, messages: messages.map((m) => ({ key: m.key, value: m.value, partition })) });
  }
  if (log.failingPuts > 0) cluster.store.failPuts({ count: log.failingPuts, from: 1 });
}

/** A dead letter's origin, from its headers (undefined when they do not say). */
function origin(record: LogRecord): { partition: number; offset: number } | undefined {
  const h = record.headers;
  const partition = Number(textOf(h['original-partition']));
  const offset = Number(textOf(h['original-offset']));
  if (textOf(h['original-topic']) !== TOPIC || !textOf(h['original-partition']) || !textOf(h['original-offset']) || !Number.isInteger(partition) || !Number.isInteger(offset)) return undefined;
  return { partition, offset };
}

/** A header's text: strings as they are, bytes decoded; anything else is not a valid header value. */
const textOf = (value: unknown) => (typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : undefined);

/**
 * What counts as delivered: clicks in the store and poison in the dead-letter topic. A record in the
 * wrong place does not count, so a misrouted record shows as lost.
 */
function delivered(cluster: KafkaCluster): Delivery[] {
  const log = (p: number) => cluster.records(TOPIC, p);
  const good = (p: number, o: number) => isClick(log(p)[o]?.value as string | null);
  const out: Delivery[] = deliveriesFromStore(cluster, TOPIC).filter((d) => good(d.partition, d.offset));
  for (const record of cluster.records(DLQ, 0)) {
    const from = origin(record);
    if (from && from.partition < cluster.partitionCount(TOPIC) && from.offset < cluster.highWatermark(TOPIC, from.partition) && !good(from.partition, from.offset)) {
      out.push({ topic: TOPIC, ...from });
    }
  }
  return out;
}

interface CleanRun {
  drain: DrainResult;
  crash: { error: string; restart: boolean } | undefined;
  committed: Map<number, string>;
  objects: StoredObject[];
  deadLetters: readonly LogRecord[];
  cluster: KafkaCluster;
}

/** One crash-free run, two simulated minutes at most (a consumer stuck on poison ends there). */
const cleanRun = memoByInput(async (log: EventLog): Promise<CleanRun> => {
  const cluster = new KafkaCluster({ budget: { maxTime: 120_000 } });
  await setup(cluster, log);
  const committed = new Map<number, string>();
  cluster.start('app', appUnderTest(log, committed));
  const drain = await cluster.drain();
  return { drain, crash: cluster.consumerCrashes()[0], committed, objects: cluster.store.objects(), deadLetters: cluster.records(DLQ, 0), cluster };
});

// ---------------------------------------------------------------- generated logs

const GOOD = [
  '{"user":"ada","page":"/"}',
  '{"user":"bob","page":"/cart"}',
  '{"page":"/search?q=été","user":"zoë"}',
  '{"user":"李","page":"/home","ref":null}',
  ' {"user":"kim","page":"/a"} ',
];
/** Not JSON, JSON that is not an object, and objects that break the rule. */
const POISON: (string | null)[] = [
  'not json',
  '',
  'null',
  '[]',
  '"ada"',
  '42',
  '{"user":"","page":"/"}',
  '{"user":"ada"}',
  '{"user":"ada","page":"home"}',
  '{"user":7,"page":"/"}',
  '{"user":"ada","page":"/"',
  null,
];
const KEYS = ['ada', 'bob', null, 'zoë'];

function eventLogs(failing: boolean): Gen<EventLog> {
  return {
    generate(random) {
      const partitions = Array.from({ length: 1 + random.int(3) }, () =>
        Array.from({ length: random.int(11) }, () => ({ key: random.pick(KEYS), value: random.chance(0.35) ? random.pick(POISON) : random.pick(GOOD) })),
      );
      return { partitions, fetchBytes: random.pick([1, 60, 120, 1_048_576]), failingPuts: failing ? 1 + random.int(3) : 0 };
    },
    *shrink(log) {
      if (log.partitions.length > 1) yield { ...log, partitions: log.partitions.slice(0, -1) };
      if (log.partitions.length > 1) yield { ...log, partitions: log.partitions.slice(1) };
      for (const [i, messages] of log.partitions.entries()) {
        for (let j = 0; j < messages.length; j++) yield { ...log, partitions: log.partitions.map((m, k) => (k === i ? [...m.slice(0, j), ...m.slice(j + 1)] : m)) };
      }
      if (log.failingPuts > 1) yield { ...log, failingPuts: log.failingPuts - 1 };
    },
  };
}

const logs = eventLogs(false);
const logsWithFailingPuts = eventLogs(true);

const describeLog = (log: EventLog) =>
  log.partitions.map((messages, p) => `p${p}: [${messages.map((m) => show(m.value)).join(', ')}]`).join('; ') +
  `; maxBytesPerPartition ${log.fetchBytes}` +
  (log.failingPuts > 0 ? `; the first ${log.failingPuts} store write(s) fail with 503` : '');

const PROPERTY = { runs: 20, maxShrinks: 40, describe: describeLog };

// ---------------------------------------------------------------- messages

const where = (p: number, o: number, log: EventLog) => `p${p}:${o} (${show(log.partitions[p][o].value)})`;

/** The consumer must keep going past poison: no crash, caught up, every partition committed to its end. */
function expectProgress(run: CleanRun, log: EventLog): void {
  if (run.crash && !run.crash.restart) {
    throw new CheckFailure(
      `The consumer crashed: ${run.crash.error}. KafkaJS does not retry a SyntaxError, TypeError, RangeError or ReferenceError ` +
        `thrown by a handler: the consumer stops for good, and the rest of the partition is never read. Catch what parsing throws and send that message to ${DLQ}.`,
    );
  }
  if (run.crash) {
    throw new CheckFailure(
      `The handler kept failing: ${run.crash.error}. KafkaJS retried it, then restarted the consumer from the last commit, where the same message waits again. ` +
        `A message that can never be processed must go to ${DLQ}, so the partition keeps moving.`,
    );
  }
  if (run.drain.reason !== 'idle' && run.drain.reason !== 'drained') {
    throw new CheckFailure(
      `The group never caught up with the log (${run.drain.reason} after ${Math.round(run.drain.now / 1000)} s of simulated time). ` +
        `A handler that throws on a poison message gets the same message again: KafkaJS retries it, then restarts the consumer from the last commit, forever. ` +
        `Send the poison message to ${DLQ} instead, so the partition keeps moving.`,
    );
  }
  for (const [p, messages] of log.partitions.entries()) {
    const committed = run.committed.get(p);
    if (messages.length > 0 && committed !== String(messages.length)) {
      throw new CheckFailure(
        `p${p} holds ${messages.length} messages, so once they are handled its committed offset should be '${messages.length}', but ${committed === undefined ? 'nothing was committed' : `it is '${committed}'`}. ` +
          `The partition must move on past poison messages.`,
        { expected: String(messages.length), actual: committed },
      );
    }
  }
}

function storedOffsets(run: CleanRun): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of deliveriesFromStore(run.cluster, TOPIC)) counts.set(`${d.partition}:${d.offset}`, (counts.get(`${d.partition}:${d.offset}`) ?? 0) + 1);
  return counts;
}

function readStore(run: CleanRun): Map<string, number> {
  try {
    return storedOffsets(run);
  } catch (error) {
    throw new CheckFailure(`The store could not be read as clicks: ${(error as Error).message} Each object must be an array of { partition, offset, value }.`);
  }
}

/** Every message in its place: clicks in the store (once), poison in the dead-letter topic; nothing lost. */
function expectRouted(run: CleanRun, log: EventLog): void {
  const stored = readStore(run);
  const lettered = new Map<string, number>();
  for (const record of run.deadLetters) {
    const from = origin(record);
    if (from) lettered.set(`${from.partition}:${from.offset}`, (lettered.get(`${from.partition}:${from.offset}`) ?? 0) + 1);
  }
  for (const [p, messages] of log.partitions.entries()) {
    for (const [o, message] of messages.entries()) {
      const inStore = stored.get(`${p}:${o}`) ?? 0;
      const inDlq = lettered.get(`${p}:${o}`) ?? 0;
      if (isClick(message.value)) {
        if (inDlq > 0) throw new CheckFailure(`${where(p, o, log)} is a good click, but it was sent to ${DLQ}. Only messages that fail parseClick are poison.`);
        if (inStore === 0) throw new CheckFailure(`${where(p, o, log)} is a good click, but it never reached the store.`);
        if (inStore > 1) throw new CheckFailure(`${where(p, o, log)} was stored ${inStore} times in a run without crashes.`);
      } else {
        if (inStore > 0) throw new CheckFailure(`${where(p, o, log)} is poison, but it was written to the store. Only clicks go to the store.`);
        if (inDlq === 0) {
          const unlabelled = run.deadLetters.length > 0 && run.deadLetters.some((r) => !origin(r));
          throw new CheckFailure(
            `${where(p, o, log)} is poison, but ${DLQ} has no dead letter for it${unlabelled ? ' (some dead letters lack the original-topic, original-partition and original-offset headers)' : ''}. ` +
              `Skipping a poison message loses it: nobody can look at it or replay it later.`,
          );
        }
      }
    }
  }
}

/** A dead letter carries the original key and value, where it came from, and why. */
function expectLabelled(run: CleanRun, log: EventLog): void {
  for (const record of run.deadLetters) {
    const h = record.headers;
    const from = origin(record);
    if (!from) {
      throw new CheckFailure(
        `The dead letter at ${DLQ} offset ${record.offset} has headers ${show(h)}. Each one needs 'original-topic' ('${TOPIC}'), 'original-partition' and 'original-offset' ` +
          `(as strings, e.g. '0' and '17'): without them nobody can tell which message failed or replay it.`,
      );
    }
    const original = log.partitions[from.partition]?.[from.offset];
    if (!original) throw new CheckFailure(`The dead letter at ${DLQ} offset ${record.offset} says it came from p${from.partition}:${from.offset}, which is not in the log.`);
    if (record.value !== original.value || record.key !== original.key) {
      throw new CheckFailure(
        `The dead letter for ${where(from.partition, from.offset, log)} holds key ${show(record.key)} and value ${show(record.value)}; it should keep the original key ${show(original.key)} and value ${show(original.value)} unchanged.`,
      );
    }
    if (!textOf(h.error)) throw new CheckFailure(`The dead letter for ${where(from.partition, from.offset, log)} has no 'error' header saying why it is poison (for example the parse error's message).`);
  }
}

/** Each stored click holds the value of its message. */
function expectClicks(run: CleanRun, log: EventLog): void {
  for (const object of run.objects) {
    for (const record of object.body as { partition?: unknown; offset?: unknown; value?: unknown }[]) {
      const p = Number(record.partition);
      const o = Number(record.offset);
      const message = log.partitions[p]?.[o];
      if (!message || !isClick(message.value)) continue; // reported by the routing check
      if (record.value !== message.value) {
        throw new CheckFailure(`Object "${object.key}" holds ${show(record)} for ${where(p, o, log)}; it should be { partition: ${p}, offset: "${o}", value: ${show(message.value)} }.`);
      }
    }
  }
}

// ---------------------------------------------------------------- the teaching log

const pad = (value: string) => value.padEnd(30, ' ');
/** p0: six messages (two poison), p1: three (one empty); keys of 3 characters and values of 30 or 0, so batches of 3. */
const TEACHING: EventLog = {
  partitions: [
    [
      { key: 'ada', value: pad('{"user":"ada","page":"/"}') },
      { key: 'bob', value: pad('not json') },
      { key: 'bob', value: pad('{"user":"bob","page":"/cart"}') },
      { key: 'zoë', value: pad('{"user":"zoë","page":"/café"}') },
      { key: 'ada', value: pad('{"user":"ada"}') },
      { key: 'ada', value: pad('{"user":"ada","page":"/home"}') },
    ],
    [
      { key: 'kim', value: pad('{"user":"kim","page":"/"}') },
      { key: 'kim', value: pad('{"user":"kim","page":"/a"}') },
      { key: 'kim', value: '' },
    ],
  ],
  fetchBytes: 3 * 33,
  failingPuts: 0,
};

function teachingScenario(): CrashScenario {
  return { setup: (cluster) => setup(cluster, TEACHING), app: appUnderTest(TEACHING, new Map()), topics: [TOPIC], delivered };
}

let teachingReport: Promise<CrashReport> | undefined;
const explored = () => (teachingReport ??= exploreCrashes(teachingScenario()));

const lossExplained = (point: CrashPointReport): string | undefined => {
  const { lost } = point.run.diff;
  if (lost.length === 0) return undefined;
  const poison = lost.flatMap((p) => p.offsets.filter((o) => !isClick(TEACHING.partitions[p.partition][o].value)).map((o) => `p${p.partition}:${o}`));
  return (
    `Each message must end up in its place after a restart: a click in the store, poison in ${DLQ}${poison.length > 0 ? ` (lost poison: ${poison.join(', ')})` : ''}. ` +
    `A restart resumes from the committed offset, so send the dead letters and write the object before the batch's offset is committed.`
  );
};

/** Exploring crashes only makes sense once the crash-free run of the teaching log is right. */
async function expectTeachingRunClean(): Promise<void> {
  const run = await cleanRun(TEACHING);
  try {
    expectProgress(run, TEACHING);
    expectRouted(run, TEACHING);
  } catch (error) {
    throw new CheckFailure(`Even without a crash the app goes wrong on this log, so crashes were not tried yet: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------- checks

describe('without crashes', () => {
  test('the consumer keeps moving past poison: no crash, no endless retries, every partition committed to its end', async () => {
    await asyncProperty(logs, async (log) => expectProgress(await cleanRun(log), log), PROPERTY);
  });

  test('every good click reaches the store, every poison message reaches events.dlq, and nothing goes to the wrong place', async () => {
    await asyncProperty(
      logs,
      async (log) => {
        const run = await cleanRun(log);
        expectProgress(run, log);
        expectRouted(run, log);
      },
      PROPERTY,
    );
  });

  test('a dead letter keeps the original key and value and names its topic, partition, offset and error', async () => {
    await asyncProperty(logs, async (log) => expectLabelled(await cleanRun(log), log), PROPERTY);
  });

  test('each stored click holds its partition, offset and value, unchanged', async () => {
    await asyncProperty(logs, async (log) => expectClicks(await cleanRun(log), log), PROPERTY);
  });
});

describe('when the store fails', () => {
  test('a failed write (503) is retried, not dead-lettered: good clicks never go to events.dlq', async () => {
    await asyncProperty(
      logsWithFailingPuts,
      async (log) => {
        const run = await cleanRun(log);
        expectProgress(run, log);
        expectRouted(run, log);
      },
      { ...PROPERTY, runs: 10 },
    );
  });
});

describe('crashes (p0: 6 messages with 2 poison, p1: 3 with 1 poison, batches of 3; a crash at every point)', () => {
  test('no crash point loses a message: each one ends up in the store or in events.dlq', async () => {
    await expectTeachingRunClean();
    const report = await explored();
    expectAtEveryCrash(report, lossExplained, { title: 'Crash map: your click archiver with a dead-letter topic', why: '', pairs: false });
  });

  test('the dead letters are sent before the batch is committed (a crash right after a commit loses nothing)', async () => {
    await expectTeachingRunClean();
    const report = await explored();
    const afterCommit = report.singles.filter((p) => p.points[0].when === 'after' && p.points[0].call === 'commitOffsets');
    for (const point of afterCommit) {
      if (point.run.diff.lost.length === 0) continue;
      throw new CheckFailure(`${describeCrashOutcome(point)}\nThe crash came right after a commit: everything up to the committed offset must already be in the store or in ${DLQ}.`);
    }
  });
});
