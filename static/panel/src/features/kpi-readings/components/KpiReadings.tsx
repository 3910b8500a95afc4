import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ProductionKpi } from '@src/domain/record';
import type { KpiProgressStatus } from '@src/domain/kpi-progress';
import { LoadingState } from '@ui/components/LoadingState';
import { useHandoff } from '../../handoff';
import { ReadingForm } from './ReadingForm';

// Its own chunk: the panel's first render carries no chart code.
const KpiChart = lazy(() => import('./KpiChart'));

export const KPI_PROGRESS_STATUS: Record<KpiProgressStatus, { label: string; appearance: 'success' | 'removed' | 'moved' | 'default' }> = {
  'on-track': { label: 'On track', appearance: 'success' },
  'off-track': { label: 'Off track', appearance: 'removed' },
  'no-data': { label: 'No data', appearance: 'moved' },
  'not-yet-due': { label: 'Not yet due', appearance: 'default' },
  'not-measurable': { label: 'Not measurable', appearance: 'default' },
};

/** A KPI's progress status as a chip, on its one line in the KPI list (the sentence is in the details). */
export function KpiStatusChip({ kpiId }: { kpiId: string }) {
  const { view } = useHandoff();
  const progress = view.kpiProgress[kpiId];
  if (!progress) return null;
  return (
    <Lozenge appearance={KPI_PROGRESS_STATUS[progress.status].appearance} testId="kpi-status">
      {KPI_PROGRESS_STATUS[progress.status].label}
    </Lozenge>
  );
}

/** A KPI's progress through its horizon: its status in a sentence, its chart on demand, and adding a reading. */
export function KpiReadings({ kpi }: { kpi: ProductionKpi }) {
  const { view } = useHandoff();
  const [chart, setChart] = useState(false);
  const [adding, setAdding] = useState(false);
  const progress = view.kpiProgress[kpi.id];
  const digest = view.record?.kpiReadings?.[kpi.id];
  // Any editor of the epic, after Done too (its handoff locked): the KPIs govern production.
  const canAdd = view.permissions.canEdit || view.permissions.canReopen;
  return (
    <Stack space="space.075" testId="kpi-progress">
      {progress && (
        <Text size="small" color="color.text.subtle" testId="kpi-status-sentence">
          {progress.sentence}
        </Text>
      )}
      <Inline space="space.050">
        <Button appearance="subtle" spacing="compact" onClick={() => setChart((c) => !c)} aria-expanded={chart} testId="kpi-chart-toggle">
          {chart ? 'Hide chart' : `Chart (${digest?.count ?? 0} ${digest?.count === 1 ? 'reading' : 'readings'})`}
        </Button>
        {canAdd && !adding && (
          <Button appearance="subtle" spacing="compact" onClick={() => setAdding(true)} testId="add-reading" aria-label={`Add a reading of ${kpi.name}`}>
            Add reading
          </Button>
        )}
      </Inline>
      {adding && <ReadingForm kpiId={kpi.id} unit={kpi.unit} onDone={() => setAdding(false)} />}
      {chart && (
        <Suspense fallback={<LoadingState label="Loading the chart…" />}>
          <KpiChart kpi={kpi} version={view.version} />
        </Suspense>
      )}
    </Stack>
  );
}
