import type { KpiDraft } from './kpi-types';
import type { ProductionKpi } from '@src/domain/record';

export function draftOf(k?: ProductionKpi): KpiDraft {
  return {
    name: k?.name ?? '',
    category: k?.category,
    replacesMetricId: k?.replacesMetricId,
    baseline: k?.baseline ?? '',
    target: k?.target ?? '',
    unit: k?.unit ?? '',
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
 * The candidate KpiInput for a draft; empty optional fields are left out rather than sent blank.
 * Unchecked: the form parses it with KpiInput and sends zod's output.
 */
export function inputOf(d: KpiDraft, id?: string): unknown {
  return {
    ...(id ? { id } : {}),
    name: d.name,
    category: d.category,
    ...(d.replacesMetricId ? { replacesMetricId: d.replacesMetricId } : {}),
    baseline: d.baseline,
    target: d.target,
    unit: d.unit,
    direction: d.direction,
    source: d.source,
    owner: d.owner,
    ...(d.horizonCount.trim() ? { horizon: { count: Number(d.horizonCount), unit: d.horizonUnit } } : {}),
    ...(d.firstReviewDate ? { firstReviewDate: d.firstReviewDate } : {}),
    status: d.status,
  };
}
