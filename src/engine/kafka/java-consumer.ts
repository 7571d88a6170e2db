/**
 * The Java client's consumer, for comparison with KafkaJS: the learner writes the poll loop,
 * `const records = await consumer.poll(100)`, and configures it with the Java config names
 * ('group.id', 'enable.auto.commit', 'auto.commit.interval.ms', 'max.poll.records',
 * 'auto.offset.reset', 'session.timeout.ms'). What it models (KafkaConsumer and ConsumerCoordinator):
 *   - poll() advances the position past every record it returns, processed or not;
 *   - auto-commit happens inside poll(): when auto.commit.interval.ms has passed since the last one,
 *     poll() first commits the current positions, i.e. everything the previous polls returned. A
 *     record handed off to other code and not yet processed can be committed: a crash loses it;
 *   - commitSync() commits the positions (or the offsets given); close() commits with auto-commit on;
 *   - heartbeats come from a background thread, so a slow loop does not miss its session; a crashed
 *     process stops heartbeating and its partitions move after session.timeout.ms (45000).
 * Simplified: max.poll.interval.ms is not enforced; a rebalance is noticed at the next poll, which
 * commits the positions first when auto-commit is on (onJoinPrepare), then rejoins.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Process } from '../kernel/simulation.ts';
import { act, pause, type ClientContext } from './client-context.ts';
import type { ConsumerPresence } from './cluster.ts';
import { JAVA_SESSION_TIMEOUT_MS } from './group-coordinator.ts';
import type { TopicPartition } from './round-robin-assignor.ts';
import { rejoinState } from './rejoin-barrier.ts';
import { startOffset } from './start-offsets.ts';
import type { Headers, Payload } from './partition-log.ts';

export interface JavaConsumerConfig {
  'group.id': string;
  /** Default true. */
  'enable.auto.commit'?: boolean;
  /** Default 5000. */
  'auto.commit.interval.ms'?: number;
  /** Default 500. */
  'max.poll.records'?: number;
  /** Default 'latest'. */
  'auto.offset.reset'?: 'earliest' | 'latest';
  /** Default 45000. */
  'session.timeout.ms'?: number;
}

/** A ConsumerRecord: offsets are numbers (Java longs), unlike KafkaJS's strings. */
export interface ConsumerRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Payload;
  value: Payload;
  headers: Headers;
}


export class JavaConsumer {
  readonly #context: ClientContext;
  readonly #clientId: string;
  readonly #groupId: string;
  readonly #autoCommit: boolean;
  readonly #interval: number;
  readonly #maxPollRecords: number;
  readonly #reset: 'earliest' | 'latest';
  readonly #sessionTimeout: number;
  #topics: string[] = [];
  #memberId: string | undefined;
  #generation = 0;
  #assignment: readonly TopicPartition[] = [];
  /** Next offset to fetch per assigned partition. */
  readonly #positions = new Map<string, number>();
  #nextAutoCommit = 0;
  #idle = false;
  /** Empty polls in a row: the loop may act on the first (flush a tail), so only the second means idle. */
  #emptyPolls = 0;
  #closed = false;
  #process: Process | undefined;
  #incarnation = 0;
  readonly #presence: ConsumerPresence;

  /** @internal Made by kafka.javaConsumer(). */
  constructor(context: ClientContext, clientId: string, config: JavaConsumerConfig) {
    this.#context = context;
    this.#clientId = clientId;
    if (!config || typeof config['group.id'] !== 'string' || config['group.id'] === '') throw new Error("A consumer needs 'group.id', e.g. { 'group.id': 'sink' }.");
    this.#groupId = config['group.id'];
    this.#autoCommit = config['enable.auto.commit'] ?? true;
    this.#interval = positive('auto.commit.interval.ms', config['auto.commit.interval.ms'] ?? 5000);
    this.#maxPollRecords = positive('max.poll.records', config['max.poll.records'] ?? 500);
    this.#sessionTimeout = positive('session.timeout.ms', config['session.timeout.ms'] ?? JAVA_SESSION_TIMEOUT_MS);
    const reset = config['auto.offset.reset'] ?? 'latest';
    if (reset !== 'earliest' && reset !== 'latest') throw new Error(`auto.offset.reset must be 'earliest' or 'latest', got ${String(reset)}.`);
    this.#reset = reset;
    this.#presence = Object.freeze({
      process: () => (this.#process?.incarnation === this.#incarnation ? this.#process : undefined),
      idle: () => this.#idle,
      stopped: () => this.#closed,
      membership: () => (this.#memberId === undefined ? undefined : { groupId: this.#groupId, memberId: this.#memberId, generation: this.#generation }),
      positions: () => this.#assignment.map(({ topic, partition }) => ({ topic, partition, position: this.#positions.get(key(topic, partition)) })),
      inFlight: () => undefined,
      heartbeat: () => this.#backgroundHeartbeat(),
    });
    sealInstance(this, new.target, JavaConsumer);
  }

  subscribe(topics: string[]): void {
    if (!Array.isArray(topics) || topics.length === 0) throw new Error('subscribe takes a non-empty array of topic names.');
    for (const topic of topics) this.#context.core.broker.partitionCount(topic);
    this.#topics = [...topics];
  }

  /** Returns up to max.poll.records records; commits first when auto-commit is due. */
  async poll(timeoutMs: number): Promise<ConsumerRecord[]> {
    if (this.#closed) throw new Error('This consumer has already been closed.');
    if (this.#topics.length === 0) throw new Error('Consumer is not subscribed to any topics: call subscribe([...]) first.');
    if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) throw new Error(`poll(timeoutMs): a number of ms >= 0, got ${String(timeoutMs)}.`);
    const { core } = this.#context;
    const self = this.#context.process;
    this.#enter(self);
    if (this.#memberId === undefined) await this.#join(self);
    else if (this.#rebalancing()) {
      if (this.#autoCommit) await this.#commit(self, 'commitSync', 'before rejoining');
      await this.#sync(self);
    }
    if (this.#autoCommit && core.simulation.now >= this.#nextAutoCommit) {
      this.#nextAutoCommit = core.simulation.now + this.#interval;
      await this.#commit(self, 'commitOffsets', 'by auto-commit in poll()');
    }
    const records = this.#fetch();
    if (records.length === 0) {
      this.#emptyPolls += 1;
      if (this.#emptyPolls >= 2) {
        this.#idle = true;
        core.checkIdle();
      }
      await pause(core, self, timeoutMs);
      return [];
    }
    this.#emptyPolls = 0;
    this.#idle = false;
    const first = records[0]!;
    const last = records[records.length - 1]!;
    return act(core, self, 'poll', `poll(${records.length} records, p${first.partition} ${first.offset}-p${last.partition} ${last.offset})`, core.latency.fetch, () => {
      for (const r of records) this.#positions.set(key(r.topic, r.partition), r.offset + 1);
      return records;
    });
  }

  /** Commits the current positions (the next offsets to read), or the given ones: { 'events-0': 42 }. */
  async commitSync(offsets?: Record<string, number>): Promise<void> {
    await this.#commit(this.#context.process, 'commitSync', undefined, offsets);
  }

  /** The next offset poll() will return for a partition. */
  position(topic: string, partition: number): number | undefined {
    return this.#positions.get(key(topic, partition));
  }

  /** The group's committed offset for a partition. */
  committed(topic: string, partition: number): number | undefined {
    return this.#context.core.broker.offsets.committed(this.#groupId, topic, partition);
  }

  /** Leaves the group; with auto-commit on, commits the positions first (as KafkaConsumer.close does). */
  async close(): Promise<void> {
    if (this.#closed) return;
    const self = this.#context.process;
    if (this.#autoCommit && this.#memberId !== undefined) await this.#commit(self, 'commitSync', 'on close');
    this.#closed = true;
    const { core } = this.#context;
    if (this.#memberId !== undefined && core.coordinator.group(this.#groupId)?.members.some((m) => m.memberId === this.#memberId)) {
      core.rebalances.push(core.coordinator.leave(this.#groupId, this.#memberId, core.simulation.now));
    }
    this.#memberId = undefined;
    core.checkIdle();
  }

  #enter(self: Process | undefined): void {
    if (this.#process !== undefined && self === this.#process) return;
    this.#process = self;
    this.#incarnation = self?.incarnation ?? 0;
    this.#context.core.consumers.add(this.#presence);
  }

  /** The background heartbeat thread: alive while the process is. */
  #backgroundHeartbeat(): void {
    const { core } = this.#context;
    if (this.#memberId === undefined || this.#closed || !this.#presence.process()?.alive) return;
    if (core.coordinator.group(this.#groupId)?.members.some((m) => m.memberId === this.#memberId)) {
      core.coordinator.heartbeat(this.#groupId, this.#memberId, core.simulation.now);
    }
  }

  #rebalancing(): boolean {
    const { core } = this.#context;
    core.expire();
    const group = core.coordinator.group(this.#groupId);
    if (!group?.members.some((m) => m.memberId === this.#memberId)) {
      this.#memberId = undefined; // expired: join again as a new member
      return false;
    }
    return group.generationId !== this.#generation;
  }

  async #join(self: Process | undefined): Promise<void> {
    const { core } = this.#context;
    const memberId = `${this.#clientId}-${core.nextId('member')}`;
    await act(core, self, 'join', `join(${this.#groupId})`, core.latency.join, () => {
      core.expire();
      core.rebalances.push(core.coordinator.join(this.#groupId, { memberId, topics: this.#topics, sessionTimeoutMs: this.#sessionTimeout }, core.simulation.now));
      this.#memberId = memberId;
    });
    this.#nextAutoCommit = core.simulation.now + this.#interval;
    await this.#sync(self);
  }

  /** Waits until every member has rejoined this generation, then takes the assignment and its start offsets. */
  async #sync(self: Process | undefined): Promise<void> {
    const { core } = this.#context;
    for (;;) {
      this.#generation = core.coordinator.group(this.#groupId)!.generationId;
      const barrier = rejoinState(core, this.#groupId);
      if (barrier.settled) break;
      if (!self) throw new Error('The group is waiting for other members to rejoin; poll from inside a running app (cluster.start).');
      await pause(core, self, barrier.waitMs);
    }
    this.#assignment = core.coordinator.assignmentOf(this.#groupId, this.#memberId!);
    this.#positions.clear();
    for (const tp of this.#assignment) {
      this.#positions.set(key(tp.topic, tp.partition), startOffset(core.broker, this.#groupId, tp, this.#reset === 'earliest').offset);
    }
  }

  #fetch(): ConsumerRecord[] {
    const { broker } = this.#context.core;
    const out: ConsumerRecord[] = [];
    for (const { topic, partition } of this.#assignment) {
      const room = this.#maxPollRecords - out.length;
      if (room <= 0) break;
      for (const r of broker.fetch(topic, partition, this.#positions.get(key(topic, partition))!, room)) {
        out.push({ topic, partition, offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers });
      }
    }
    return out;
  }

  async #commit(self: Process | undefined, call: string, why: string | undefined, given?: Record<string, number>): Promise<void> {
    const { core } = this.#context;
    if (this.#memberId === undefined) return;
    const offsets = given ? parseOffsets(given) : [...this.#positions].map(([k, offset]) => ({ ...parseKey(k), offset }));
    const changed = offsets.filter((o) => core.broker.offsets.committed(this.#groupId, o.topic, o.partition) !== o.offset);
    if (changed.length === 0) return;
    const detail = `commitOffsets(${changed.map((o) => `p${o.partition} -> ${o.offset}`).join(', ')})${why ? ` ${why}` : ''}`;
    await act(core, self, call, detail, core.latency.commit, () => {
      core.expire();
      if (!core.coordinator.group(this.#groupId)?.members.some((m) => m.memberId === this.#memberId)) {
        this.#memberId = undefined;
        throw new Error('CommitFailedException: the group has already rebalanced and assigned the partitions to another member.');
      }
      core.broker.offsets.commit(this.#groupId, changed);
    });
  }
}

freezeClass(JavaConsumer);

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function parseKey(k: string): TopicPartition {
  const [topic, partition] = k.split('\u0000') as [string, string];
  return { topic, partition: Number(partition) };
}

/** { 'events-0': 42 } -> [{ topic: 'events', partition: 0, offset: 42 }] (Java's TopicPartition prints as topic-partition). */
function parseOffsets(given: Record<string, number>): { topic: string; partition: number; offset: number }[] {
  return Object.entries(given).map(([name, offset]) => {
    const match = /^(.+)-(\d+)$/.exec(name);
    if (!match) throw new Error(`commitSync: '${name}' is not a topic-partition like 'events-0'.`);
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`commitSync: the offset for ${name} must be a whole number >= 0, got ${String(offset)}.`);
    return { topic: match[1]!, partition: Number(match[2]), offset };
  });
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number, got ${String(value)}.`);
  return value;
}
