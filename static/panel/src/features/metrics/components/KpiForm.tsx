import { useState } from 'react';
import { Grid } from '@atlaskit/primitives';
import type { ProductionKpi } from '@src/domain/record';
import { KPI_CATEGORIES } from '@src/domain/vocabulary';
import { KPI_CATEGORY_LABELS } from '@ui/words';
import { EditForm, SelectField, TextField, useHandoff, useSaveForm } from '../../handoff';
import { draftOf, inputOf } from './kpi-draft';
import type { KpiDraft } from './kpi-types';

const CATEGORY_OPTIONS = KPI_CATEGORIES.map((c) => ({ value: c, label: KPI_CATEGORY_LABELS[c] }));
const DIRECTION_OPTIONS = [
  { value: 'higher-is-better' as const, label: 'Higher is better' },
  { value: 'lower-is-better' as const, label: 'Lower is better' },
];
const UNIT_OPTIONS = [
  { value: 'month' as const, label: 'Months' },
  { value: 'quarter' as const, label: 'Quarters' },
];
const STATUS_OPTIONS = [
  { value: 'proposed' as const, label: 'Proposed' },
  { value: 'agreed' as const, label: 'Agreed' },
];

export function KpiForm({ kpi, onDone }: { kpi?: ProductionKpi; onDone: () => void }) {
  const { view, save } = useHandoff();
  const form = useSaveForm('kpi');
  const [draft, setDraft] = useState<KpiDraft>(() => draftOf(kpi));
  const set = <K extends keyof KpiDraft>(key: K) => (value: KpiDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const prefix = kpi ? `kpi-${kpi.id}` : 'new-kpi';
  const metricOptions = (view.record?.pilotMetrics ?? []).map((m) => ({ value: m.id, label: m.name }));
  const err = form.fieldErrors;

  const onSubmit = async () => {
    if (await form.submit((c) => c.KpiInput, inputOf(draft, kpi?.id), (parsed) => save('saveKpi', { kpi: parsed }))) onDone();
  };

  return (
    <EditForm
      label={kpi ? `Edit KPI ${kpi.name}` : 'Add a production KPI'}
      form={form}
      onSubmit={onSubmit}
      onCancel={onDone}
      saveLabel="Save KPI"
      saveTestId="save-kpi"
      boxed={{ testId: `${prefix}-form` }}
    >
      <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.150">
        <TextField id={`${prefix}-name`} label="KPI name" isRequired value={draft.name} onChange={set('name')} error={err.name} />
        <SelectField id={`${prefix}-category`} label="Category" isRequired value={draft.category} options={CATEGORY_OPTIONS} onChange={set('category')} error={err.category} />
        <SelectField id={`${prefix}-replaces`} label="Replaces pilot metric" value={draft.replacesMetricId} options={metricOptions} onChange={set('replacesMetricId')} error={err.replacesMetricId} isClearable placeholder="None" />
        <TextField id={`${prefix}-baseline`} label="Baseline" value={draft.baseline} onChange={set('baseline')} error={err.baseline} />
        <TextField id={`${prefix}-target`} label="Target" value={draft.target} onChange={set('target')} error={err.target} />
        <TextField id={`${prefix}-unit`} label="Unit" value={draft.unit} onChange={set('unit')} error={err.unit} />
        <SelectField id={`${prefix}-direction`} label="Direction" isRequired value={draft.direction} options={DIRECTION_OPTIONS} onChange={set('direction')} error={err.direction} />
        <TextField id={`${prefix}-source`} label="Data source" value={draft.source} onChange={set('source')} error={err.source} />
        <TextField id={`${prefix}-owner`} label="KPI owner" value={draft.owner} onChange={set('owner')} error={err.owner} />
        <TextField id={`${prefix}-horizon-count`} label="Horizon" type="number" value={draft.horizonCount} onChange={set('horizonCount')} error={err['horizon.count'] ?? err.horizon} helper="How long production is judged on it" />
        <SelectField id={`${prefix}-horizon-unit`} label="Horizon unit" value={draft.horizonUnit} options={UNIT_OPTIONS} onChange={(v) => set('horizonUnit')(v ?? 'quarter')} error={err['horizon.unit']} />
        <TextField id={`${prefix}-first-review`} label="First review date" type="date" value={draft.firstReviewDate} onChange={set('firstReviewDate')} error={err.firstReviewDate} />
        <SelectField id={`${prefix}-status`} label="Status" isRequired value={draft.status} options={STATUS_OPTIONS} onChange={(v) => set('status')(v ?? 'proposed')} error={err.status} />
      </Grid>
    </EditForm>
  );
}
