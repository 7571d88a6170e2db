/**
 * '@sai/spark-checks': what hidden checks of Spark exercises need on top of '@sai/checks':
 * partitioned RDDs with a chosen layout, broadcast watching, and Spark's join selection as an oracle.
 * A module of its own so that pages of other lessons never load Spark.
 */
export { objectsWithin, partitionedRdd, watchBroadcasts, type BroadcastWatch } from './spark-helpers.ts';
export { sparkJoinSelection, type JoinPlanAnswer, type JoinPlanQuestion } from './join-selection.ts';
