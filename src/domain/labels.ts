/**
 * The product's codes in people's words, one place for the panel, the glance, the report, the history and
 * the brief. Codes stay in storage, the contract and CSV headers (machine-readable); people read these.
 */
import type { ConditionKind, DecisionStatus, KpiCategory, ProductionKpi } from './record';
import type { ReadinessLevel } from './readiness-types';
import type { ReportFlag } from './report-types';

export const LEVEL_LABELS: Record<ReadinessLevel, string> = {
  'not-started': 'Not started',
  deciding: 'Deciding',
  ready: 'Ready',
  shipped: 'Shipped',
};

/** A row's flags (report, portfolio page and gadget), in the order the report's filter lists them. */
export const FLAG_LABELS: Record<ReportFlag, string> = {
  'ship-signal': 'Weak commitment',
  stalled: 'Stalled',
  'no-owner': 'No owner',
  'kpi-review-past': 'KPI review past',
  'kpi-off-track': 'KPI off track',
  'pilot-closing': 'Pilot closing',
  reopened: 'Reopened',
  'done-undecided': 'Done without a decided handoff',
};

export const CONDITION_KIND_LABELS: Record<ConditionKind, string> = {
  permission: 'Permission',
  'data-access': 'Data access',
  'stakeholder-access': 'Stakeholder access',
  'decision-speed': 'Decision speed',
  tooling: 'Tooling',
  other: 'Other',
};

export const DECISION_LABELS: Record<DecisionStatus, string> = {
  undecided: 'Undecided',
  permanent: 'Permanent',
  withdrawn: 'Withdrawn',
};

export const KPI_CATEGORY_LABELS: Record<KpiCategory, string> = {
  reliability: 'Reliability',
  latency: 'Latency',
  'error-rate': 'Error rate',
  'delivery-frequency': 'Delivery frequency',
  'model-quality': 'Model quality',
  'business-outcome': 'Business outcome',
  adoption: 'Adoption',
  cost: 'Cost',
};

export const KPI_STATUS_LABELS: Record<ProductionKpi['status'], string> = { proposed: 'Proposed', agreed: 'Agreed' };

export const DIRECTION_LABELS: Record<ProductionKpi['direction'], string> = {
  'higher-is-better': 'higher is better',
  'lower-is-better': 'lower is better',
};

/** A code the history recorded (kind, category, decision, status, direction), in words; anything else as it is. */
export function labelOfCode(value: string): string {
  const maps: Array<Record<string, string>> = [CONDITION_KIND_LABELS, KPI_CATEGORY_LABELS, DECISION_LABELS, KPI_STATUS_LABELS, DIRECTION_LABELS];
  for (const map of maps) if (Object.hasOwn(map, value)) return map[value];
  return value;
}
