/**
 * A crash report as a 'kafka-crash-map' trace: the clean run's calls as the timeline, one tick per
 * crash point coloured by what it did to the sink, and the point a check failed at highlighted.
 */
import { currentRun } from '../kernel/run-context.ts';
import type { CrashPointReport, CrashReport } from './crash-explorer.ts';
import { describeOffsets, type PartitionOffsets } from './delivery.ts';
import { KAFKA_CRASH_MAP_TRACE_KIND, KAFKA_CRASH_MAP_TRACE_VERSION, type KafkaCrashMapTrace } from './traces.ts';

export function crashMapTrace(report: CrashReport, title: string, failing?: CrashPointReport): KafkaCrashMapTrace {
  const pairs = report.pairs.length === 0
    ? null
    : {
        runs: report.pairs.length,
        exact: report.pairs.filter((p) => p.run.diff.verdict === 'exact').length,
        duplicate: report.pairs.filter((p) => p.run.diff.verdict === 'duplicate').length,
        lost: report.pairs.filter((p) => p.run.diff.verdict === 'lost' || p.run.diff.verdict === 'lost+duplicate').length,
      };
  // A failing double crash is shown at its first crash point.
  const highlightFirst = failing && report.singles.find((s) => s.callIndex === failing.callIndex && s.points[0]!.when === failing.points[0]!.when);
  return {
    kind: KAFKA_CRASH_MAP_TRACE_KIND,
    version: KAFKA_CRASH_MAP_TRACE_VERSION,
    title,
    calls: report.clean.calls.map((c) => ({ label: c.detail ?? c.call, call: c.call, time: c.time })),
    clean: { verdict: report.clean.diff.verdict, lost: describeOffsets(report.clean.diff.lost), duplicated: describeOffsets(report.clean.diff.duplicated) },
    points: report.singles.map((s) => ({
      callIndex: s.callIndex,
      when: s.points[0]!.when,
      verdict: s.run.diff.verdict,
      description: s.description,
      lost: describeOffsets(s.run.diff.lost),
      duplicated: describeOffsets(s.run.diff.duplicated),
      lostRecords: count(s.run.diff.lost),
      duplicatedRecords: count(s.run.diff.duplicated),
    })),
    highlight: highlightFirst ? report.singles.indexOf(highlightFirst) : null,
    pairs,
  };
}

/** Records the crash map in the current run, so the results show it. */
export function recordCrashMap(report: CrashReport, title: string, failing?: CrashPointReport): void {
  currentRun().traces.record(crashMapTrace(report, title, failing));
}

/** Records in a list of partition offsets (a duplicate counts once per extra copy). */
function count(list: readonly PartitionOffsets[]): number {
  return list.reduce((n, p) => n + p.offsets.length, 0);
}
