/**
 * The record's fixed vocabularies (condition kinds, KPI categories, horizon units, workstreams) as plain
 * constants, without zod: record.ts and policy.ts build their schemas from them and re-export them, and the
 * Custom UI's display code reads them from here, so showing a record never loads the schema library (the
 * panel's forms load it when they open; issue 12).
 */
export const CONDITION_KINDS = ['permission', 'data-access', 'stakeholder-access', 'decision-speed', 'tooling', 'other'] as const;

export const OPERATIONAL_CATEGORIES = ['reliability', 'latency', 'error-rate', 'delivery-frequency', 'model-quality'] as const;
export const BUSINESS_CATEGORIES = ['business-outcome', 'adoption', 'cost'] as const;
export const KPI_CATEGORIES = [...OPERATIONAL_CATEGORIES, ...BUSINESS_CATEGORIES] as const;
export const isBusinessCategory = (c: (typeof KPI_CATEGORIES)[number]): boolean => (BUSINESS_CATEGORIES as readonly string[]).includes(c);

export const HORIZON_UNITS = ['month', 'quarter'] as const;

export const WORKSTREAM_KEYS = [
  'data-integration',
  'model-deployment',
  'compliance-review',
  'stakeholder-alignment',
  'production-kpis',
] as const;

export const WORKSTREAM_NAMES: Record<(typeof WORKSTREAM_KEYS)[number], string> = {
  'data-integration': 'Data integration',
  'model-deployment': 'Model deployment',
  'compliance-review': 'Compliance review',
  'stakeholder-alignment': 'Stakeholder alignment',
  'production-kpis': 'Production KPIs',
};
