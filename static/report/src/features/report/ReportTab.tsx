import { useMemo } from 'react';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import ProgressBar from '@atlaskit/progress-bar';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { filterRows, sortRows, type ReportFilter, type ReportSortColumn } from '@src/domain/report';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { csvFilename, downloadText } from '@ui/download';
import { AuditExport } from '../audit';
import { reportCsv } from './report-csv';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { SummaryChart } from './SummaryChart';
import type { ReportData } from './useReportData';
import type { ReportRoute, SortState } from './route';

function nextSort(current: SortState, by: ReportSortColumn): SortState {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: 'asc' };
}

function LoadProgress({ count }: { count: number }) {
  const label = `Loaded ${count.toLocaleString()} initiatives…`;
  return (
    <Stack space="space.050" testId="report-progress">
      <Text size="small" color="color.text.subtle">
        {label}
      </Text>
      <ProgressBar isIndeterminate ariaLabel={label} />
    </Stack>
  );
}

interface Props {
  data: ReportData;
  /** Filters and sort come from the page's URL, so a filtered view can be shared. */
  route: ReportRoute;
  onRoute: (route: ReportRoute, options?: { replace?: boolean }) => void;
}

export function ReportTab({ data, route, onRoute }: Props) {
  const { report, rows, complete, totals, trend, atLevel } = data;
  const { filter, sort } = route;
  const visible = useMemo(() => sortRows(filterRows(rows, filter), sort.by, sort.dir), [rows, filter, sort]);
  const setFilter = (next: ReportFilter, options?: { replace?: boolean }) => onRoute({ ...route, filter: next }, options);
  const setSort = (next: SortState) => onRoute({ ...route, sort: next });

  // A failed load shows no figures at all: a chart of "0 initiatives" (or of the pages that did arrive)
  // would read as the project's real state in a screenshot. It says what failed and offers a retry.
  if (report.error) return <ErrorBanner error={report.error} loading="the report" onReload={() => void report.reload()} testId="report-error" />;
  if (rows.length === 0 && !complete) return <LoadingState label="Loading initiatives…" />;
  if (rows.length === 0) {
    return (
      <div data-testid="report-empty">
        <EmptyState
          header="No AI initiatives yet"
          description="Open an epic and record its pilot conditions, production KPIs and delivery owner in the Production Handoff panel. Epics with a handoff, or labelled for the gate, show up here."
        />
      </div>
    );
  }
  return (
    <Stack space="space.200">
      {!complete && <LoadProgress count={rows.length} />}
      <SummaryChart totals={totals} filter={filter} onFilter={(next) => setFilter(next)} trend={trend} />
      <ReportFilters rows={rows} filter={filter} onChange={setFilter} sort={sort} onSort={setSort} />
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
        <Text size="small" color="color.text.subtle" testId="report-count">
          {`Showing ${visible.length.toLocaleString()} of ${rows.length.toLocaleString()} initiatives`}
          {report.data?.stallDays ? ` · stalled after ${report.data.stallDays} days without a change` : ''}
        </Text>
        <AuditExport>
          <Button testId="print-view" onClick={() => onRoute({ ...route, view: 'print' })}>
            Print view
          </Button>
          <Button testId="export-csv" isDisabled={visible.length === 0} onClick={() => downloadText(csvFilename('readiness-report', report.data?.today), reportCsv(visible), 'text/csv')}>
            Export CSV
          </Button>
        </AuditExport>
      </Inline>
      {visible.length === 0 ? (
        <Text as="p" testId="report-no-match">
          No initiatives match these filters.
        </Text>
      ) : (
        <ReportTable rows={visible} sort={sort} onSort={(by) => setSort(nextSort(sort, by))} atLevel={atLevel} />
      )}
    </Stack>
  );
}
