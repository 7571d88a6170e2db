/**
 * '@sai/kafka-checks': what hidden checks of Kafka exercises need on top of '@sai/checks': the crash
 * explorer and expectations over its report that fail with the crash point and the offsets, and
 * record the crash map the results draw.
 */
export {
  describeCrashOutcome,
  exploreCrashes,
  runScenario,
  type CrashPointReport,
  type CrashReport,
  type CrashScenario,
  type ScenarioRun,
} from '../../engine/kafka/crash-explorer.ts';
export { crashMapTrace, recordCrashMap } from '../../engine/kafka/crash-map.ts';
export { exact, expectAtEveryCrash, expectCleanRunExact, noDuplicates, noLoss, type CrashExpectation, type CrashRule } from './crash-checks.ts';
export * from './sink-checks.ts';
