/**
 * Words and CSV for the portfolio's two screens (global page and gadget). The flag words are the report's
 * (FLAG_LABELS, the product's words in src/domain/labels.ts).
 */
import type { ReportFlag } from '@src/domain/report-types';
import type { PortfolioRow } from '@src/shared/contract';
import type { DurationMetric, FlowMetrics } from '@src/domain/flow-metrics';
import { toCsv, type CsvCell } from '@src/domain/csv';
import { FLAG_LABELS, LEVEL_LABELS } from '@ui/words';

/** Flags a sponsor acts on (the list): purgatory is a row with purgatory days. */
export const ATTENTION_FLAGS: readonly ReportFlag[] = ['stalled', 'ship-signal', 'done-undecided', 'reopened', 'kpi-review-past', 'kpi-off-track'];

export function flagWords(row: PortfolioRow): string[] {
  const words = row.flags.map((f) => FLAG_LABELS[f]);
  return row.purgatoryDays !== null ? [`Purgatory ${row.purgatoryDays} days`, ...words] : words;
}

export const needsAttention = (row: PortfolioRow): boolean => row.purgatoryDays !== null || row.flags.some((f) => ATTENTION_FLAGS.includes(f));

const stat = (n: number | null) => (n === null ? '' : n);

const HEADER = [
  'Project', 'Epic', 'Summary', 'Status', 'Delivery owner', 'Conditions decided', 'Conditions', 'KPIs agreed', 'KPIs',
  'Workstreams done', 'Workstreams', 'Readiness', 'Missing', 'Purgatory days', 'Last change', 'Flags',
];

/** The rows on screen, then the flow metrics of the portfolio and of each project (a second table in the same file). */
export function portfolioCsv(rows: readonly PortfolioRow[], flow?: { portfolio: FlowMetrics; projects: Array<{ key: string; metrics: FlowMetrics }> }): string {
  const body = rows.map((r): CsvCell[] => [
    r.project.key, r.key, r.summary, r.statusName, r.owner?.displayName ?? '', r.conditions.decided, r.conditions.total, r.kpis.agreed, r.kpis.total,
    r.workstreams.done, r.workstreams.total, LEVEL_LABELS[r.level], r.missingCount, r.purgatoryDays, r.lastChange ?? '', flagWords(r).join('; '),
  ]);
  const table = toCsv(HEADER, body);
  if (!flow) return table;
  const metricRows: CsvCell[][] = [];
  const scopes = [{ key: 'All projects', metrics: flow.portfolio }, ...flow.projects];
  for (const { key, metrics } of scopes) {
    const durations: Array<[string, DurationMetric]> = [['Pilot close to ready', metrics.closeToReady], ['Pilot close to shipped', metrics.closeToShipped]];
    for (const [name, m] of durations) {
      for (const q of [...m.byQuarter, m.overall]) metricRows.push([key, name, q.period, q.count, stat(q.median), stat(q.p80), m.unknown]);
    }
    for (const month of metrics.purgatory.byMonth) metricRows.push([key, 'Purgatory entered / left', month.month, month.entered, month.left, '', metrics.purgatory.unknown]);
    const a = metrics.answeredAtClose;
    metricRows.push([key, 'Pilots closed with the three questions answered', 'all', a.answered, a.notAnswered, a.share === null ? '' : Math.round(a.share * 100), a.unknown]);
  }
  // Columns of the metrics table: for durations count, median days, p80 days; for purgatory entered, left; for answers answered, not answered, share %.
  return `${table.trimEnd()}\r\n\r\n${toCsv(['Scope', 'Flow metric', 'Period', 'Count / entered / answered', 'Median days / left / not answered', '80th percentile days / share %', 'Unknown'], metricRows)}`;
}
