import { useMemo } from 'react';
import { daysAtLevel, readinessTrend, trailByIssue, type AtLevel } from '@src/domain/readiness-trend';
import { summarizeRows } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { getDisplayTimeZone } from '@ui/words';
import type { TrendState } from './SummaryChart';
import { useReadinessTrail } from './useReadinessTrail';
import { useReportRows } from './useReportRows';

/**
 * Everything the report and its print view show: the rows (page by page), and from the trail of the last
 * 12 weeks the trend and each initiative's days at its level, once every row is in.
 */
export function useReportData() {
  const report = useReportRows();
  const rows = useMemo<ReportRow[]>(() => report.data?.rows ?? [], [report.data]);
  const complete = report.data?.complete === true;
  const trail = useReadinessTrail(report.data !== undefined);
  const totals = useMemo(() => summarizeRows(rows), [rows]);

  const timed = useMemo(() => {
    if (!complete || !trail.data) return undefined;
    const byIssue = trailByIssue(trail.data.points);
    const now = new Date(trail.data.readAt);
    const timeZone = getDisplayTimeZone() ?? 'UTC';
    const atLevel = new Map<string, AtLevel>(rows.map((row) => [row.issueId, daysAtLevel(row, byIssue.get(row.issueId) ?? [], { policyChanges: trail.data!.policyChanges, now, timeZone })]));
    return { atLevel, weeks: readinessTrend({ rows, trail: byIssue, policyChanges: trail.data.policyChanges, now }) };
  }, [complete, rows, trail.data]);

  const trailError = trail.error;
  const trend: TrendState = trailError ? { state: 'failed', message: trailError.message } : timed ? { state: 'ready', weeks: timed.weeks } : { state: 'loading' };
  // Without the trail the days are unknown, and say why; while it loads, they are still coming.
  const atLevel = useMemo(
    () => timed?.atLevel ?? (trailError ? new Map<string, AtLevel>(rows.map((r) => [r.issueId, { state: 'unknown', reason: 'the audit trail could not be read' }])) : undefined),
    [timed, trailError, rows],
  );
  return { report, rows, complete, totals, trend, atLevel };
}

export type ReportData = ReturnType<typeof useReportData>;
