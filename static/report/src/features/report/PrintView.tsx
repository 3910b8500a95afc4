import { useMemo } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { filterRows, sortRows, topBlocker } from '@src/domain/report';
import { READINESS_LEVELS, type ReadinessLevel } from '@src/domain/readiness-types';
import type { ReportRow } from '@src/domain/report-types';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { useForgeContext } from '@ui/forge-context';
import { FLAG_LABELS, formatDate, LEVEL_LABELS } from '@ui/words';
import { atLevelText } from './cells';
import { isFiltered, type ReportRoute } from './route';
import type { ReportData } from './useReportData';

/** Only the one-pager goes to paper: no buttons, no row split across pages, each level's heading with its rows. */
const PRINT_CSS = `
@media print {
  @page { margin: 14mm; }
  html, body { background: #fff !important; }
  .ph-no-print { display: none !important; }
  .ph-print-group { break-inside: auto; }
  .ph-print-group h2 { break-after: avoid; }
  .ph-print-group tr { break-inside: avoid; }
}`;

const cell = { padding: `${token('space.075')} ${token('space.100')}`, textAlign: 'start', verticalAlign: 'top', borderBottom: `1px solid ${token('color.border')}`, font: token('font.body.small') } as const;
const head = { ...cell, font: token('font.heading.xxsmall'), color: token('color.text.subtle'), borderBottom: `2px solid ${token('color.border')}` } as const;

function describeFilter(route: ReportRoute): string {
  const { filter } = route;
  const parts = [
    filter.level && LEVEL_LABELS[filter.level],
    filter.flag && FLAG_LABELS[filter.flag],
    filter.inPurgatory && 'In pilot purgatory',
    filter.ownerAccountId === null && 'No delivery owner',
    filter.ownerAccountId && 'One delivery owner',
    filter.text?.trim() && `"${filter.text.trim()}"`,
  ].filter(Boolean);
  return parts.join(', ');
}

function Group({ level, rows, today, atLevel }: { level: ReadinessLevel; rows: ReportRow[]; today: string; atLevel: ReportData['atLevel'] }) {
  return (
    <section className="ph-print-group" data-testid="print-group" data-level={level} data-count={rows.length} aria-labelledby={`print-${level}`}>
      <Stack space="space.100">
        <Heading size="small" as="h2" id={`print-${level}`}>
          {`${LEVEL_LABELS[level]} · ${rows.length}`}
        </Heading>
        {rows.length === 0 ? (
          <Text size="small" color="color.text.subtle">No initiatives at this level.</Text>
        ) : (
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th scope="col" style={{ ...head, width: '32%' }}>Initiative</th>
                <th scope="col" style={{ ...head, width: '16%' }}>Delivery owner</th>
                <th scope="col" style={head}>Top blocker</th>
                <th scope="col" style={{ ...head, width: '9%' }}>At level</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const blocker = topBlocker(today, row);
                return (
                  <tr key={row.issueId} data-testid="print-row" data-key={row.key}>
                    <td style={cell}>
                      <strong>{row.key}</strong> {row.summary}
                      {row.flags.length > 0 && <div style={{ color: token('color.text.subtle') }}>{row.flags.map((f) => FLAG_LABELS[f]).join(' · ')}</div>}
                    </td>
                    <td style={cell} data-testid="print-owner">
                      {row.owner ? `${row.owner.displayName}${row.owner.accepted ? '' : ' (not accepted yet)'}` : <span style={{ color: token('color.text.warning') }}>No delivery owner</span>}
                    </td>
                    <td style={cell} data-testid="print-blocker">
                      {blocker ? `${blocker.text}${blocker.more ? ` (+${blocker.more} more)` : ''}` : <span style={{ color: token('color.text.subtle') }}>Nothing blocking</span>}
                    </td>
                    <td style={cell}>{atLevelText(atLevel ? atLevel.get(row.issueId) : 'loading')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Stack>
    </section>
  );
}

/**
 * The steering one-pager: the report as the filters show it, grouped by readiness level, with each
 * initiative's delivery owner and top blocker. Browser print (or "Save as PDF") prints just this.
 */
export function PrintView({ data, route, onRoute }: { data: ReportData; route: ReportRoute; onRoute: (route: ReportRoute) => void }) {
  const { extension } = useForgeContext();
  const { report, rows, complete, totals, atLevel } = data;
  const visible = useMemo(() => sortRows(filterRows(rows, route.filter), route.sort.by, route.sort.dir), [rows, route.filter, route.sort]);
  const today = report.data?.today ?? '';
  const projectKey = (extension as { project?: { key?: string } }).project?.key ?? '';
  if (report.error) return <ErrorBanner error={report.error} loading="the report" onReload={() => void report.reload()} testId="report-error" />;
  if (!complete) return <LoadingState label="Loading initiatives…" />;
  const byLevel = (level: ReadinessLevel) => visible.filter((r) => r.level === level);
  const filtered = isFiltered(route.filter);
  return (
    <Stack space="space.300" testId="print-view">
      <style>{PRINT_CSS}</style>
      <div className="ph-no-print">
        <Inline space="space.100">
          <Button appearance="primary" testId="print-now" onClick={() => window.print()}>
            Print or save as PDF
          </Button>
          <Button testId="print-back" onClick={() => onRoute({ ...route, view: 'report' })}>
            Back to the report
          </Button>
        </Inline>
      </div>
      <Stack space="space.050">
        <Heading size="large" as="h1">{`Production readiness${projectKey ? ` · ${projectKey}` : ''}`}</Heading>
        <Text color="color.text.subtle">
          {`${formatDate(today)} · ${filtered ? `${visible.length} of ${rows.length} initiatives (${describeFilter(route)})` : `${rows.length} initiatives`} · `}
          {READINESS_LEVELS.map((l) => `${byLevel(l).length} ${LEVEL_LABELS[l].toLowerCase()}`).join(', ')}
          {` · ${totals.stalled} stalled · ${totals.noOwner} without a delivery owner · ${totals.inPurgatory} in pilot purgatory`}
        </Text>
      </Stack>
      {READINESS_LEVELS.map((level) => (
        <Group key={level} level={level} rows={byLevel(level)} today={today} atLevel={atLevel} />
      ))}
    </Stack>
  );
}
