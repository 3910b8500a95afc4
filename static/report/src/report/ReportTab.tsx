import { useMemo, useState } from 'react';
import EmptyState from '@atlaskit/empty-state';
import ProgressBar from '@atlaskit/progress-bar';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { filterRows, sortRows, summarizeRows, type ReportFilter, type ReportSortColumn } from '../../../../src/domain/report';
import type { ResolverError } from '../../../../src/shared/contract';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadingState } from '../../../shared/components/LoadingState';
import { ExportActions } from '../export/ExportActions';
import { ReportFilters } from './ReportFilters';
import { ReportTable, type SortState } from './ReportTable';
import { SummaryChart } from './SummaryChart';
import { useReportRows } from './useReportRows';

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

export function ReportTab() {
  const report = useReportRows();
  const [filter, setFilter] = useState<ReportFilter>({});
  const [sort, setSort] = useState<SortState>({ by: 'key', dir: 'asc' });
  const [exportError, setExportError] = useState<ResolverError>();
  const totals = useMemo(() => summarizeRows(report.rows), [report.rows]);
  const visible = useMemo(() => sortRows(filterRows(report.rows, filter), sort.by, sort.dir), [report.rows, filter, sort]);

  // A failed load shows no figures at all: a chart of "0 initiatives" (or of the pages that did arrive)
  // would read as the project's real state in a screenshot. It says what failed and offers a retry.
  if (report.error) return <ErrorBanner error={report.error} loading="the report" onReload={report.reload} testId="report-error" />;
  if (report.rows.length === 0 && report.loading) return <LoadingState label="Loading initiatives…" />;
  if (report.rows.length === 0 && !report.loading) {
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
      {exportError && <ErrorBanner error={exportError} testId="export-error" />}
      {report.loading && <LoadProgress count={report.rows.length} />}
      <SummaryChart totals={totals} />
      <ReportFilters rows={report.rows} filter={filter} onChange={setFilter} />
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
        <Text size="small" color="color.text.subtle" testId="report-count">
          {`Showing ${visible.length.toLocaleString()} of ${report.rows.length.toLocaleString()} initiatives`}
          {report.stallDays ? ` · stalled after ${report.stallDays} days without a change` : ''}
        </Text>
        <ExportActions rows={visible} today={report.today} onError={setExportError} />
      </Inline>
      {visible.length === 0 ? (
        <Text as="p" testId="report-no-match">
          No initiatives match these filters.
        </Text>
      ) : (
        <ReportTable rows={visible} sort={sort} onSort={(by) => setSort((s) => nextSort(s, by))} />
      )}
    </Stack>
  );
}
