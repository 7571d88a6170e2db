/**
 * `new Kafka({ clientId, brokers })`, the KafkaJS entry point: it connects to the simulated cluster
 * listening at one of `brokers` (cluster.brokers) and makes producers and consumers. Inside an app
 * started with cluster.start, the client and store an app gets are bound to its process: their
 * calls are that process's crash points, and the consumer it runs lives in the same process.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Process } from '../kernel/simulation.ts';
import { act, type ClientContext } from './client-context.ts';
import { clusterAt, clusterCore, setAppRunner, type AppMain, type ClusterCore } from './cluster.ts';
import { Consumer, consumerState, type ConsumerConfig } from './consumer.ts';
import { consume } from './consumer-runner.ts';
import { JavaConsumer, type JavaConsumerConfig } from './java-consumer.ts';
import { Producer as ProducerCore, type ProducerRecord, type RecordMetadata } from './producer.ts';
import { DefaultPartitioner } from './partitioner.ts';
import type { StoreOperation } from './object-store.ts';

export interface KafkaConfig {
  clientId?: string;
  brokers: readonly string[];
}

const contexts = new WeakMap<Kafka, ClientContext>();
/** Consumers an app's client made, to run in the app's process once main returns. */
const appConsumers = new WeakMap<Kafka, Consumer[]>();

export class Kafka {
  readonly clientId: string;

  constructor(config: KafkaConfig) {
    const brokers = config?.brokers;
    if (!Array.isArray(brokers) || brokers.length === 0) {
      throw new Error('new Kafka({ brokers }): brokers must be a non-empty array, e.g. brokers: cluster.brokers.');
    }
    const cluster = brokers.map((address) => clusterAt(String(address))).find((found) => found !== undefined);
    if (!cluster) {
      throw new Error(`No simulated cluster at ${brokers.map((b) => `'${String(b)}'`).join(', ')}. Make one with new KafkaCluster() and pass brokers: cluster.brokers.`);
    }
    this.clientId = config.clientId ?? 'kafkajs';
    contexts.set(this, { core: clusterCore(cluster), process: undefined });
    appConsumers.set(this, []);
    sealInstance(this, new.target, Kafka);
  }

  producer(): KafkaProducer {
    return new KafkaProducer(contextOf(this));
  }

  /** The Java client's consumer (poll loop, Java config names), to compare auto-commit semantics. */
  javaConsumer(config: JavaConsumerConfig): JavaConsumer {
    return new JavaConsumer(contextOf(this), this.clientId, config);
  }

  consumer(config: ConsumerConfig): Consumer {
    const consumer = new Consumer(contextOf(this), this.clientId, config);
    appConsumers.get(this)!.push(consumer);
    return consumer;
  }
}

freezeClass(Kafka);

function contextOf(kafka: Kafka): ClientContext {
  const context = contexts.get(kafka);
  if (!context) throw new TypeError('Not a Kafka client made with new Kafka(...).');
  return context;
}

/** KafkaJS's producer: connect, send({ topic, messages }), disconnect. acks=all; one broker. */
export class KafkaProducer {
  readonly #context: ClientContext;
  readonly #core: ProducerCore;

  /** @internal Made by kafka.producer(). */
  constructor(context: ClientContext) {
    this.#context = context;
    this.#core = new ProducerCore(context.core.broker, { partitioner: partitionerOf(context.core) });
    sealInstance(this, new.target, KafkaProducer);
  }

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}

  /** Writes the messages; resolves to one RecordMetadata per partition written. */
  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const { core, process } = this.#context;
    const count = Array.isArray(record?.messages) ? record.messages.length : 0;
    return act(core, process, 'send', `send(${String(record?.topic)}: ${count} message${count === 1 ? '' : 's'})`, core.latency.send, () => this.#core.send(record));
  }
}

freezeClass(KafkaProducer);

/** One partitioner per cluster, so keyless round-robin continues across producers as one client's would. */
const partitioners = new WeakMap<ClusterCore, DefaultPartitioner>();

function partitionerOf(core: ClusterCore): DefaultPartitioner {
  let partitioner = partitioners.get(core);
  if (!partitioner) {
    partitioner = new DefaultPartitioner(core.simulation.random.fork(7).int(2 ** 31));
    partitioners.set(core, partitioner);
  }
  return partitioner;
}

/** The object store as an app sees it: put and delete are crash points; every call takes virtual time. */
export class StoreClient {
  readonly #core: ClusterCore;
  readonly #process: Process | undefined;

  /** @internal Made for an app by cluster.start. */
  constructor(core: ClusterCore, process: Process | undefined) {
    this.#core = core;
    this.#process = process;
    sealInstance(this, new.target, StoreClient);
  }

  put(key: string, body: unknown): Promise<{ key: string; version: number }> {
    return this.#call('put', `put(${String(key)})`, () => this.#core.store.put(key, body));
  }

  get(key: string): Promise<unknown> {
    return this.#call('get', undefined, () => this.#core.store.get(key));
  }

  list(prefix?: string): Promise<string[]> {
    return this.#call('list', undefined, () => this.#core.store.list(prefix));
  }

  delete(key: string): Promise<void> {
    return this.#call('delete', `delete(${String(key)})`, () => this.#core.store.delete(key));
  }

  /** Writes are crash points; reads only take time. */
  async #call<T>(op: StoreOperation, detail: string | undefined, work: () => Promise<T>): Promise<T> {
    const latency = this.#core.store.latency[op];
    if (detail !== undefined) return act(this.#core, this.#process, op, detail, latency, work);
    if (this.#process && latency > 0) await this.#core.simulation.sleep(this.#process, latency);
    return work();
  }
}

freezeClass(StoreClient);

/** An app's body: main(kafka, store), then the consumer main set running, in this same process. */
async function runApp(core: ClusterCore, self: Process, main: AppMain<never, never>): Promise<void> {
  const kafka = new Kafka({ clientId: self.name, brokers: core.cluster.brokers });
  contexts.set(kafka, { core, process: self });
  const store = new StoreClient(core, self);
  await (main as AppMain<Kafka, StoreClient>)(kafka, store);
  const running = appConsumers.get(kafka)!.map(consumerState).filter((state) => state.running);
  if (running.length > 1) throw new Error(`App "${self.name}" started ${running.length} consumers; an app runs one (start one app per consumer).`);
  if (running.length === 1) await consume(running[0]!, self);
}

setAppRunner(runApp);
