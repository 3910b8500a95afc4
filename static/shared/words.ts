/**
 * Product words as the UI shows them: one place, so panel, report and settings say the same thing.
 * Workstream names are the domain's own (WORKSTREAM_NAMES in src/domain/policy.ts): the issues the app
 * creates carry them too.
 */
import type { ConditionKind, KpiCategory } from '@src/domain/record';
import type { ReadinessLevel } from '@src/domain/readiness-types';
import { isTimeZone } from '@src/domain/dates';

export const LEVEL_LABELS: Record<ReadinessLevel, string> = {
  'not-started': 'Not started',
  deciding: 'Deciding',
  ready: 'Ready',
  shipped: 'Shipped',
};

export const CONDITION_KIND_LABELS: Record<ConditionKind, string> = {
  permission: 'Permission',
  'data-access': 'Data access',
  'stakeholder-access': 'Stakeholder access',
  'decision-speed': 'Decision speed',
  tooling: 'Tooling',
  other: 'Other',
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

// Jira shows times in the user's profile time zone, which need not be the browser's: mountRoot (mount.tsx) sets it
// from view.getContext().timezone once, before anything renders.
let displayTimeZone: string | undefined;
export function setDisplayTimeZone(timeZone: string | undefined): void {
  displayTimeZone = timeZone && isTimeZone(timeZone) ? timeZone : undefined;
}
export function getDisplayTimeZone(): string | undefined {
  return displayTimeZone;
}

/** "12 Mar 2026" from an ISO date (a calendar day, shown as is) or a timestamp (its day in the user's zone). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : displayTimeZone });
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: displayTimeZone });
}
