import { toCsv, type CsvCell } from '@src/domain/csv';
import type { ReportRow } from '@src/domain/report-types';
import { FLAG_LABELS, LEVEL_LABELS } from '@ui/words';

const HEADER = [
  'Epic', 'Summary', 'Status', 'Delivery owner', 'Owner accepted', 'Conditions decided', 'Conditions', 'Permanent', 'Withdrawn',
  'KPIs agreed', 'KPIs', 'KPIs on track', 'KPIs due', 'Workstreams done', 'Workstreams', 'Sub-tasks done', 'Sub-tasks', 'Readiness', 'Missing', 'Missing answers', 'Purgatory days', 'Last change', 'Flags',
];

function csvRow(row: ReportRow): CsvCell[] {
  return [
    row.key,
    row.summary,
    row.statusName,
    row.owner?.displayName ?? '',
    row.owner ? (row.owner.accepted ? 'yes' : 'no') : '',
    row.conditions.decided,
    row.conditions.total,
    row.conditions.permanent,
    row.conditions.withdrawn,
    row.kpis.agreed,
    row.kpis.total,
    row.kpiProgress.onTrack,
    row.kpiProgress.due,
    row.workstreams.done,
    row.workstreams.total,
    row.workstreams.subtasksDone,
    row.workstreams.subtasksTotal,
    LEVEL_LABELS[row.level],
    row.missingCount,
    row.missing.join('; '),
    row.purgatoryDays,
    row.lastChange ?? '',
    row.flags.map((f) => FLAG_LABELS[f]).join('; '),
  ];
}

/** The rows as the user currently sees them (filtered and sorted), one line each. */
export function reportCsv(rows: readonly ReportRow[]): string {
  return toCsv(HEADER, rows.map(csvRow));
}
