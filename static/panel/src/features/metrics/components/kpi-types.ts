import type { HORIZON_UNITS, KpiCategory, ProductionKpi } from '@src/domain/record';

export type HorizonUnit = (typeof HORIZON_UNITS)[number];

/** What the KPI form holds while the user types: numbers stay text until submitted. */
export interface KpiDraft {
  name: string;
  category: KpiCategory | undefined;
  replacesMetricId: string | undefined;
  baseline: string;
  target: string;
  unit: string;
  direction: ProductionKpi['direction'] | undefined;
  source: string;
  owner: string;
  horizonCount: string;
  horizonUnit: HorizonUnit;
  firstReviewDate: string;
  status: ProductionKpi['status'];
}
