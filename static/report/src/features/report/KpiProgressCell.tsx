import Tooltip from '@atlaskit/tooltip';
import type { ReportRow } from '@src/domain/report-types';

/** "KPIs on track n/m": agreed KPIs on track of those due for review on the report's day (the tooltip says the rest). */
export function KpiProgressCell({ row }: { row: ReportRow }) {
  const p = row.kpiProgress;
  if (p.due === 0) {
    return (
      <Tooltip content={p.text}>
        <span data-testid="kpi-progress-cell" aria-label={p.text} tabIndex={0}>
          –
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip content={p.text}>
      <span data-testid="kpi-progress-cell" aria-label={p.text} tabIndex={0}>
        {p.onTrack}/{p.due}
      </span>
    </Tooltip>
  );
}
