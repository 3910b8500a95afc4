import { useState } from 'react';
import { Box, Grid, Stack, Text, xcss } from '@atlaskit/primitives';
import { kpiSentence, separateUnit } from '@src/domain/kpi-text';
import type { ProductionKpi } from '@src/domain/record';
import { BUSINESS_CATEGORIES, OPERATIONAL_CATEGORIES } from '@src/domain/vocabulary';
import { KPI_CATEGORY_LABELS } from '@ui/words';
import { EditForm, SelectField, TextField, ids, keys, useHandoff, usePanelUi, useSaveForm, type SelectGroup } from '../../handoff';
import { draftOf, inputOf } from './kpi-draft';
import type { KpiDraft } from './kpi-types';

const option = (c: (typeof OPERATIONAL_CATEGORIES)[number] | (typeof BUSINESS_CATEGORIES)[number]) => ({ value: c, label: KPI_CATEGORY_LABELS[c] });
// Grouped as the rule counts them: the metrics question needs an agreed KPI of each group.
const CATEGORY_GROUPS: SelectGroup<ProductionKpi['category']>[] = [
  { label: 'Operational', options: OPERATIONAL_CATEGORIES.map(option) },
  { label: 'Business', options: BUSINESS_CATEGORIES.map(option) },
];
const CATEGORY_OPTIONS = CATEGORY_GROUPS.flatMap((g) => g.options);
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

const sentenceStyles = xcss({ padding: 'space.100', borderRadius: 'radius.medium', backgroundColor: 'color.background.neutral' });

/** What the KPI asks of production, as the form stands: "62% → 75% over 2 quarters, higher is better". */
function liveSentence(d: KpiDraft): string {
  const count = Number(d.horizonCount);
  const horizon = d.horizonCount.trim() && Number.isInteger(count) && count > 0 ? { count, unit: d.horizonUnit } : undefined;
  // As it will be saved: a unit typed into a value moves to the unit (see inputOf).
  const values = separateUnit({ baseline: d.baseline, target: d.target, unit: d.unit });
  return kpiSentence({ ...values, ...(d.direction ? { direction: d.direction } : {}), ...(horizon ? { horizon } : {}) });
}

export function KpiForm({ kpi, onDone }: { kpi?: ProductionKpi; onDone: () => void }) {
  const { view } = useHandoff();
  const { reveal } = usePanelUi();
  const form = useSaveForm('kpi', kpi ? 'KPI saved' : 'KPI added');
  const [draft, setDraft] = useState<KpiDraft>(() => draftOf(kpi));
  const set = <K extends keyof KpiDraft>(key: K) => (value: KpiDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const prefix = ids.kpiPrefix(kpi?.id);
  const metricOptions = (view.record?.pilotMetrics ?? []).map((m) => ({ value: m.id, label: m.name }));
  const err = form.fieldErrors;

  const onSubmit = async () => {
    let savedId = kpi?.id;
    const before = new Set(view.record?.kpis.map((k) => k.id));
    const saved = await form.submit((c) => c.KpiInput, inputOf(draft, kpi?.id), async (parsed) => {
      const result = await form.save('saveKpi', { kpi: parsed });
      if (result.ok && !savedId) savedId = result.data.record?.kpis.filter((k) => !before.has(k.id) && k.name === parsed.name).at(-1)?.id;
      return result;
    });
    if (!saved) return;
    onDone();
    if (savedId) reveal([keys.kpiRow(savedId)], ids.kpiToggle(savedId));
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
      <Grid templateColumns="repeat(auto-fill, minmax(200px, 1fr))" gap="space.150">
        <TextField id={`${prefix}-name`} label="KPI name" isRequired value={draft.name} onChange={set('name')} error={err.name} />
        <SelectField id={`${prefix}-category`} label="Category" isRequired value={draft.category} options={CATEGORY_OPTIONS} groups={CATEGORY_GROUPS} onChange={set('category')} error={err.category} />
        <SelectField id={`${prefix}-status`} label="Status" isRequired value={draft.status} options={STATUS_OPTIONS} onChange={(v) => set('status')(v ?? 'proposed')} error={err.status} helper="A proposed KPI does not count until it is agreed." />
      </Grid>
      <Grid templateColumns="repeat(auto-fill, minmax(140px, 1fr))" gap="space.150">
        <TextField id={`${prefix}-baseline`} label="Baseline" inputMode="decimal" value={draft.baseline} onChange={set('baseline')} error={err.baseline} helper="A number, e.g. 62" />
        <TextField id={`${prefix}-target`} label="Target" inputMode="decimal" value={draft.target} onChange={set('target')} error={err.target} helper="A number, e.g. 75" />
        <TextField id={`${prefix}-unit`} label="Unit" value={draft.unit} onChange={set('unit')} error={err.unit} helper="e.g. %, s, claims" />
        <SelectField id={`${prefix}-direction`} label="Direction" isRequired value={draft.direction} options={DIRECTION_OPTIONS} onChange={set('direction')} error={err.direction} />
      </Grid>
      <Grid templateColumns="repeat(auto-fill, minmax(140px, 1fr))" gap="space.150">
        <TextField id={`${prefix}-horizon-count`} label="Horizon" type="number" value={draft.horizonCount} onChange={set('horizonCount')} error={err['horizon.count'] ?? err.horizon} helper="How long production is judged on it" />
        <SelectField id={`${prefix}-horizon-unit`} label="Horizon unit" value={draft.horizonUnit} options={UNIT_OPTIONS} onChange={(v) => set('horizonUnit')(v ?? 'quarter')} error={err['horizon.unit']} />
        <TextField id={`${prefix}-first-review`} label="First review date" type="date" value={draft.firstReviewDate} onChange={set('firstReviewDate')} error={err.firstReviewDate} />
      </Grid>
      <Grid templateColumns="repeat(auto-fill, minmax(200px, 1fr))" gap="space.150">
        <TextField id={`${prefix}-source`} label="Data source" value={draft.source} onChange={set('source')} error={err.source} />
        <TextField id={`${prefix}-owner`} label="KPI owner" value={draft.owner} onChange={set('owner')} error={err.owner} />
        <SelectField id={`${prefix}-replaces`} label="Replaces pilot metric" value={draft.replacesMetricId} options={metricOptions} onChange={set('replacesMetricId')} error={err.replacesMetricId} isClearable placeholder="None" />
      </Grid>
      <Box xcss={sentenceStyles}>
        <Stack space="space.025">
          <Text size="small" color="color.text.subtle" id={`${prefix}-sentence-label`}>In one line</Text>
          <Text testId="kpi-sentence">{liveSentence(draft)}</Text>
        </Stack>
      </Box>
    </EditForm>
  );
}
