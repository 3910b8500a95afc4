import type { KpiDraft } from './kpi-types';
import type { ProductionKpi } from '@src/domain/record';
import { separateUnit } from '@src/domain/kpi-text';

/** The form's draft of a KPI; a unit typed into the baseline or target earlier ("2.4 s") shows in the unit field. */
export function draftOf(k?: ProductionKpi): KpiDraft {
  const values = separateUnit({ baseline: k?.baseline ?? '', target: k?.target ?? '', unit: k?.unit ?? '' });
  return {
    name: k?.name ?? '',
    category: k?.category,
    replacesMetricId: k?.replacesMetricId,
    baseline: values.baseline,
    target: values.target,
    unit: values.unit,
    direction: k?.direction,
    source: k?.source ?? '',
    owner: k?.owner ?? '',
    horizonCount: k?.horizon ? String(k.horizon.count) : '',
    horizonUnit: k?.horizon?.unit ?? 'quarter',
    firstReviewDate: k?.firstReviewDate ?? '',
    status: k?.status ?? 'proposed',
  };
}

/**
 * The candidate KpiInput for a draft; empty optional fields are left out rather than sent blank, and a unit
 * typed into the baseline or target moves to the unit (so it is never shown twice). Unchecked: the form
 * parses it with KpiInput and sends zod's output.
 */
export function inputOf(d: KpiDraft, id?: string): unknown {
  const values = separateUnit({ baseline: d.baseline, target: d.target, unit: d.unit });
  return {
    ...(id ? { id } : {}),
    name: d.name,
    category: d.category,
    ...(d.replacesMetricId ? { replacesMetricId: d.replacesMetricId } : {}),
    baseline: values.baseline,
    target: values.target,
    unit: values.unit,
    direction: d.direction,
    source: d.source,
    owner: d.owner,
    ...(d.horizonCount.trim() ? { horizon: { count: Number(d.horizonCount), unit: d.horizonUnit } } : {}),
    ...(d.firstReviewDate ? { firstReviewDate: d.firstReviewDate } : {}),
    status: d.status,
  };
}
