/**
 * Expectations over a crash report, for hidden checks: each looks at every crash point (and every
 * pair, when explored), fails at the first one that breaks the rule with a message that names the
 * crash point and the offsets ("crash after commitOffsets(p0 -> 5), before put(...): lost-write
 * p0:0-4"), and records the crash map with that point highlighted so the results draw it.
 */
import { CheckFailure } from '../failure.ts';
import { describeCrashOutcome, type CrashPointReport, type CrashReport } from '../../engine/kafka/crash-explorer.ts';
import { recordCrashMap } from '../../engine/kafka/crash-map.ts';

/** Returns a sentence when the point breaks the rule, undefined when it keeps it. */
export type CrashRule = (point: CrashPointReport) => string | undefined;

export interface CrashExpectation {
  /** The crash map's title, e.g. 'Crash map: your at-least-once sink'. */
  title: string;
  /** Why the rule matters, appended to the failure message. */
  why: string;
  /** Also hold the rule at double crash points (default: whenever the report has them). */
  pairs?: boolean;
}

/** Fails at the first crash point that breaks `rule`, recording the crash map with that point highlighted. */
export function expectAtEveryCrash(report: CrashReport, rule: CrashRule, { title, why, pairs = true }: CrashExpectation): void {
  const points = pairs ? [...report.singles, ...report.pairs] : report.singles;
  for (const point of points) {
    const broken = rule(point);
    if (broken === undefined) continue;
    recordCrashMap(report, title, point);
    throw new CheckFailure(`${describeCrashOutcome(point)}\n${broken} ${why}`.trim());
  }
  // Nothing recorded when the rule holds: the results draw the run's last trace, which must stay the failing check's map.
}

export const noLoss: CrashRule = (point) => (point.run.diff.lost.length > 0 ? 'Records were lost.' : undefined);
export const noDuplicates: CrashRule = (point) => (point.run.diff.duplicated.length > 0 ? 'Records were written twice.' : undefined);
export const exact: CrashRule = (point) => noLoss(point) ?? noDuplicates(point);

/** The crash-free run must deliver every record once, or nothing else is worth checking. */
export function expectCleanRunExact(report: CrashReport, what: string): void {
  const { clean } = report;
  if (clean.sinkError) throw new CheckFailure(`Without any crash, ${what} could not be read: ${clean.sinkError}`);
  if (clean.diff.verdict !== 'exact' || clean.diff.unexpected.length > 0) {
    recordCrashMap(report, `Crash map: ${what}`);
    throw new CheckFailure(
      `Without any crash, ${what} should hold every record of the log exactly once, but: ${describeCleanRun(report)}.`,
      { expected: clean.diff.expected, actual: clean.diff.delivered },
    );
  }
}

function describeCleanRun(report: CrashReport): string {
  const { clean } = report;
  const parts = [describeCrashOutcome({ points: [], description: 'no crash', callIndex: -1, time: 0, run: clean })];
  if (clean.consumerCrashes.length > 0) parts.push(`the consumer crashed: ${clean.consumerCrashes[0]!.error}`);
  if (clean.drain.stalled.length > 0) parts.push(`it waited on something outside the simulation (a real timer?)`);
  return parts.join('; ');
}
