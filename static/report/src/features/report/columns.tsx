import type { ReactNode } from 'react';
import type { ReportSortColumn } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { ConditionsCell, EpicCell, FlagsCell, LastChangeCell, MissingCell, OwnerCell, PurgatoryCell, Ratio, ReadinessCell, StatusCell, WorkstreamsCell } from './cells';

export interface ReportColumn {
  id: ReportSortColumn;
  label: string;
  /** CSS grid track; the header and every row share the template so they line up. */
  width: string;
  align?: 'end';
  render: (row: ReportRow) => ReactNode;
}

export const COLUMNS: ReportColumn[] = [
  { id: 'key', label: 'Epic', width: 'minmax(190px, 2fr)', render: (row) => <EpicCell row={row} /> },
  { id: 'status', label: 'Status', width: '100px', render: (row) => <StatusCell row={row} /> },
  { id: 'owner', label: 'Delivery owner', width: '132px', render: (row) => <OwnerCell row={row} /> },
  { id: 'conditions', label: 'Conditions', width: '156px', render: (row) => <ConditionsCell row={row} /> },
  { id: 'kpis', label: 'KPIs', width: '60px', render: (row) => <Ratio done={row.kpis.agreed} total={row.kpis.total} label="KPIs agreed" /> },
  { id: 'workstreams', label: 'Workstreams', width: '136px', render: (row) => <WorkstreamsCell row={row} /> },
  { id: 'level', label: 'Readiness', width: '100px', render: (row) => <ReadinessCell row={row} /> },
  { id: 'missing', label: 'Missing', width: '64px', render: (row) => <MissingCell row={row} /> },
  { id: 'purgatory', label: 'Purgatory', width: '76px', render: (row) => <PurgatoryCell row={row} /> },
  { id: 'lastChange', label: 'Last change', width: '88px', render: (row) => <LastChangeCell row={row} /> },
  { id: 'flags', label: 'Flags', width: 'minmax(130px, 1fr)', render: (row) => <FlagsCell row={row} /> },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
/** Below this width the table scrolls sideways instead of squeezing cells. */
export const MIN_TABLE_WIDTH = 1218;
