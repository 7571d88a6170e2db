/**
 * '@sai/kafka' (engine core, stage 1): a simulated broker with partitioned topic logs, the default
 * partitioner (Java-compatible murmur2; seeded round-robin for keyless messages), committed offsets
 * stored in `__consumer_offsets`, a producer core answering like KafkaJS's `send`, and (stage 2) the
 * group coordinator: members, generations, KafkaJS's round-robin assignment, rebalances and where a
 * new owner starts reading; (stage 3) one consumer's offset manager (resolve, commit, auto-commit).
 * Nothing here is learner-facing yet: the KafkaJS-like client (Kafka, producer(), consumer(), run, commitOffsets)
 * is built on these.
 */
export { murmur2, toPositive, keyBytes, type KeyBytes } from './murmur2.ts';
export { DefaultPartitioner, keyPartition, type PartitionRequest } from './partitioner.ts';
export { PartitionLog, type Headers, type LogRecord, type Payload, type RecordInput } from './partition-log.ts';
export { Broker, type BrokerOptions, type TopicConfig } from './broker.ts';
export {
  CONSUMER_OFFSETS_TOPIC,
  ConsumerOffsets,
  DEFAULT_OFFSETS_TOPIC_PARTITIONS,
  javaStringHashCode,
  kafkaAbs,
  offsetsPartitionFor,
  type TopicPartitionOffset,
} from './offsets.ts';
export { Producer, type Message, type ProducerOptions, type ProducerRecord, type RecordMetadata } from './producer.ts';
export { roundRobinAssign, type GroupAssignment, type TopicPartition, type TopicPartitionCount } from './round-robin-assignor.ts';
export {
  GroupCoordinator,
  JAVA_SESSION_TIMEOUT_MS,
  KAFKAJS_SESSION_TIMEOUT_MS,
  partitionMoves,
  type GroupState,
  type JoinRequest,
  type MemberState,
  type PartitionMove,
  type Rebalance,
  type RebalanceCause,
} from './group-coordinator.ts';
export { handover, startOffset, startOffsets, type Handover, type OffsetRange, type StartOffset, type StartSource } from './start-offsets.ts';
export { autoCommitDue, type AutoCommitSettings, type AutoCommitState } from './auto-commit.ts';
export { offsetFromValue, type OffsetInput } from './long-offset.ts';
export {
  OffsetManager,
  type CommitPayload,
  type CommitRequest,
  type OffsetManagerOptions,
  type UncommittedOffsets,
} from './offset-manager.ts';
export { ObjectStore, StoreWriteError, DEFAULT_STORE_LATENCY, type StoredObject, type StoreLatency, type StoreOperation } from './object-store.ts';
export {
  KafkaCluster,
  DEFAULT_BROKER_LATENCY,
  DEFAULT_CLUSTER_BUDGET,
  type BrokerLatency,
  type ConsumerCrash,
  type DrainResult,
  type KafkaClusterOptions,
} from './cluster.ts';
export { Kafka, KafkaProducer, StoreClient, type KafkaConfig } from './client.ts';
export {
  Consumer,
  type ConsumerConfig,
  type ConsumerRunConfig,
  type EachBatchPayload,
  type EachMessagePayload,
  type OffsetsByTopicPartition,
  type RetryOptions,
  type SubscribeConfig,
} from './consumer.ts';
export { CONSUMER_EVENTS, type ConsumerEventName, type InstrumentationEvent } from './consumer-events.ts';
export type { Batch, KafkaMessage } from './batch.ts';
export {
  deliveriesFromStore,
  describeDiff,
  describeOffsets,
  diffDeliveries,
  offsetRanges,
  type Delivery,
  type DeliveryDiff,
  type PartitionOffsets,
  type Verdict,
} from './delivery.ts';
export {
  DEFAULT_RESTART_AFTER_MS,
  describeCrash,
  describeCrashOutcome,
  exploreCrashes,
  runScenario,
  type CrashPointReport,
  type CrashReport,
  type CrashScenario,
  type ScenarioRun,
} from './crash-explorer.ts';
export { crashMapTrace, recordCrashMap } from './crash-map.ts';
export { partitionsTrace, recordPartitions, type PartitionsTraceOptions } from './partitions-trace.ts';
export { rebalanceTrace, recordRebalance, type RebalanceTraceOptions } from './rebalance-trace.ts';
export * from './traces.ts';
export { JavaConsumer, type ConsumerRecord, type JavaConsumerConfig } from './java-consumer.ts';
