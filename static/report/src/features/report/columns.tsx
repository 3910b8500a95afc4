import type { ReactNode } from 'react';
import type { ReportSortColumn } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { KpiProgressCell } from './KpiProgressCell';
import type { AtLevel } from '@src/domain/readiness-trend';
import { AtLevelCell, atLevelText, ConditionsCell, LastChangeCell, MissingCell, OwnerCell, PurgatoryCell, Ratio, ReadinessCell, StatusCell, WorkstreamsCell } from './cells';
import { relativeDate } from './relative-date';

/** What a cell may need beside its row: days at the level once the trail has loaded. */
export interface CellContext {
  atLevel?: AtLevel | 'loading';
}

export type ColumnId = ReportSortColumn | 'atLevel';

export interface ReportColumn {
  id: ColumnId;
  label: string;
  /** The header's label where a narrow column would split the word at any letter: soft hyphens mark where it may break ("Work-streams"). */
  heading?: string;
  /** Narrowest the column may be (px); the epic column also takes what is left. */
  min: number;
  /** The header sorts by it (a ReportSortColumn). */
  sortBy?: ReportSortColumn;
  /** Columns that fold into the row when the table is narrow, lowest first; absent: always a column. */
  collapse?: number;
  render: (row: ReportRow, ctx: CellContext) => ReactNode;
  /** The value as a few words inside the row, once the column has folded into it. */
  inline?: (row: ReportRow) => string;
}

const ratio = (done: number, total: number, word: string) => (total === 0 ? 'none' : `${done}/${total} ${word}`);

/** The epic column (key, summary, flags, folded columns) comes first and is drawn by the table itself. */
export const COLUMNS: ReportColumn[] = [
  { id: 'key', label: 'Epic', min: 220, sortBy: 'key', render: () => null },
  { id: 'level', label: 'Readiness', min: 100, sortBy: 'level', render: (row) => <ReadinessCell row={row} /> },
  { id: 'atLevel', label: 'At level', min: 64, render: (_row, ctx) => <AtLevelCell value={ctx.atLevel} /> },
  { id: 'status', label: 'Status', min: 104, sortBy: 'status', collapse: 7, render: (row) => <StatusCell row={row} />, inline: (row) => row.statusName },
  { id: 'owner', label: 'Delivery owner', min: 124, sortBy: 'owner', render: (row) => <OwnerCell row={row} /> },
  {
    id: 'conditions', label: 'Conditions', min: 128, sortBy: 'conditions', collapse: 4, render: (row) => <ConditionsCell row={row} />,
    inline: (row) => (row.conditions.total === 0 ? 'none recorded' : `${row.conditions.decided}/${row.conditions.total} decided (${row.conditions.permanent} permanent, ${row.conditions.withdrawn} withdrawn)`),
  },
  { id: 'kpis', label: 'KPIs', min: 56, sortBy: 'kpis', collapse: 1, render: (row) => <Ratio done={row.kpis.agreed} total={row.kpis.total} label="KPIs agreed" />, inline: (row) => ratio(row.kpis.agreed, row.kpis.total, 'agreed') },
  {
    id: 'kpiProgress', label: 'KPIs on track', min: 64, sortBy: 'kpiProgress', collapse: 2, render: (row) => <KpiProgressCell row={row} />,
    inline: (row) => (row.kpiProgress.due === 0 ? 'no KPI due for review' : `${row.kpiProgress.onTrack}/${row.kpiProgress.due} KPIs on track`),
  },
  {
    id: 'workstreams', label: 'Workstreams', heading: 'Work\u00adstreams', min: 96, sortBy: 'workstreams', collapse: 3, render: (row) => <WorkstreamsCell row={row} />,
    inline: ({ workstreams: w }) => `${ratio(w.done, w.total, 'done')}${w.subtasksTotal > 0 ? `, ${w.subtasksDone} of ${w.subtasksTotal} sub-tasks done` : ''}`,
  },
  { id: 'missing', label: 'Missing', min: 68, sortBy: 'missing', render: (row) => <MissingCell row={row} /> },
  { id: 'purgatory', label: 'Purgatory', heading: 'Purga\u00adtory', min: 80, sortBy: 'purgatory', collapse: 6, render: (row) => <PurgatoryCell row={row} />, inline: (row) => (row.purgatoryDays === null ? '–' : `${row.purgatoryDays} days`) },
  { id: 'lastChange', label: 'Last change', min: 92, sortBy: 'lastChange', collapse: 5, render: (row) => <LastChangeCell row={row} />, inline: (row) => (row.lastChange ? relativeDate(row.lastChange) : 'never') },
];

export interface TableLayout {
  /** The columns drawn as columns, in order. */
  shown: ReportColumn[];
  /** The columns folded into each row (under the epic), in column order. */
  folded: ReportColumn[];
  /** CSS grid tracks shared by the header and every row. */
  template: string;
}

/**
 * Which columns fit `width` px: all, when they do; otherwise the foldable ones fold into the row, lowest
 * `collapse` first, until the rest fit, so the table never scrolls sideways.
 */
export function tableLayout(width: number, columns: readonly ReportColumn[] = COLUMNS): TableLayout {
  const folded = new Set<ColumnId>();
  const needed = () => columns.filter((c) => !folded.has(c.id)).reduce((n, c) => n + c.min, 0);
  const foldable = columns.filter((c) => c.collapse !== undefined).sort((a, b) => (a.collapse ?? 0) - (b.collapse ?? 0));
  for (const column of foldable) {
    if (needed() <= width) break;
    folded.add(column.id);
  }
  const shown = columns.filter((c) => !folded.has(c.id));
  return {
    shown,
    folded: columns.filter((c) => folded.has(c.id)),
    template: shown.map((c, i) => (i === 0 ? `minmax(${c.min}px, 1fr)` : `${c.min}px`)).join(' '),
  };
}

export { atLevelText };
