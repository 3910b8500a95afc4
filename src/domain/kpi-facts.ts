/**
 * What the searchable summary keeps of each agreed KPI so the report can say "KPIs on track n/m" and flag
 * "KPI off track" on its own day, with no per-epic request: the review schedule, baseline and target as
 * numbers, the direction and the latest reading (the record's digest). The report rebuilds just enough of
 * each KPI from these to ask kpiTally, the same function the panel's statuses come from.
 *
 * The latest reading alone decides "a reading since the previous review" as well as all readings would:
 * a reading after the previous review exists exactly when the latest one (not after today) is after it.
 */
import { z } from 'zod';
import { HORIZON_UNITS, IsoDate, type HandoffRecord, type ProductionKpi } from './record';
import { parseKpiNumber } from './kpi-number';
import { kpiTally, type KpiTally } from './kpi-progress';
import type { KpiReading } from './kpi-reading';

/** [first review, horizon count (0: none), horizon unit, baseline, target, direction, latest date, latest value]. */
export type KpiFact = [string, number, '' | 'month' | 'quarter', number | null, number | null, 'h' | 'l', string, number | null];

const dateOrNone = z.union([z.literal(''), IsoDate]);
const finite = z.number().refine(Number.isFinite);
export const KpiFactSchema = z.tuple([
  dateOrNone,
  z.number().int().min(0).max(40),
  z.enum(['', ...HORIZON_UNITS]),
  finite.nullable(),
  finite.nullable(),
  z.enum(['h', 'l']),
  dateOrNone,
  finite.nullable(),
]);

const numberOf = (text: string, label: string): number | null => {
  const parsed = parseKpiNumber(text, label);
  return parsed.ok ? parsed.value : null;
};

export function kpiFacts(record: HandoffRecord | null): KpiFact[] {
  return (record?.kpis ?? [])
    .filter((k) => k.status === 'agreed')
    .map((k) => {
      const latest = record?.kpiReadings?.[k.id]?.latest;
      return [
        k.firstReviewDate ?? '',
        k.horizon?.count ?? 0,
        k.horizon?.unit ?? '',
        numberOf(k.baseline, 'Baseline'),
        numberOf(k.target, 'Target'),
        k.direction === 'higher-is-better' ? 'h' : 'l',
        latest?.date ?? '',
        latest ? latest.value : null,
      ];
    });
}

/** A number as text parseKpiNumber reads back to the same number (no grouping, no exponent). */
function plain(value: number | null): string {
  return value === null ? '' : value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** The report's tally from the summary's facts: the KPIs and readings rebuilt just far enough for kpiTally. */
export function kpiTallyOfFacts(facts: readonly KpiFact[], today: string): KpiTally {
  const kpis: ProductionKpi[] = [];
  const readings: Array<Pick<KpiReading, 'kpiId' | 'date' | 'value' | 'recorded'>> = [];
  facts.forEach(([firstReview, count, unit, baseline, target, direction, latestDate, latestValue], i) => {
    const id = `k${i}`;
    kpis.push({
      id,
      name: id,
      category: 'reliability',
      baseline: plain(baseline),
      target: plain(target),
      unit: '',
      direction: direction === 'h' ? 'higher-is-better' : 'lower-is-better',
      source: '',
      owner: '',
      status: 'agreed',
      ...(firstReview ? { firstReviewDate: firstReview } : {}),
      ...(count > 0 && unit ? { horizon: { count, unit } } : {}),
    });
    if (latestDate && latestValue !== null) readings.push({ kpiId: id, date: latestDate, value: latestValue, recorded: { via: 'feed', tokenId: 'summary', at: '' } });
  });
  return kpiTally(kpis, readings, today);
}

/** The record's readings as kpiProgress reads them: the latest of each KPI (see above). */
export function digestReadings(record: HandoffRecord | null): Array<Pick<KpiReading, 'kpiId' | 'date' | 'value' | 'recorded'>> {
  return Object.entries(record?.kpiReadings ?? {}).flatMap(([kpiId, d]) =>
    d.latest ? [{ kpiId, date: d.latest.date, value: d.latest.value, recorded: { via: 'feed' as const, tokenId: 'digest', at: d.latest.at } }] : [],
  );
}
