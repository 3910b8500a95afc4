/** The searchable readiness summary (an issue property) and the report row built from it. */
import type { ReadinessLevel, StatusCategoryKey } from './readiness-types';

/** Issue property key; must match manifest.yml's jira:entityProperty propertyKey. */
export const SUMMARY_PROPERTY_KEY = 'production-handoff-readiness';
/** Issue property on each workstream issue the app creates: names its epic and workstream. */
export const WORKSTREAM_MARKER_KEY = 'production-handoff-workstream';
/** Issue property on each sub-task the app creates under a workstream issue: names its epic, workstream and plan item. */
export const SUBTASK_MARKER_KEY = 'production-handoff-subtask';

export type ReportFlag = 'ship-signal' | 'stalled' | 'no-owner' | 'kpi-review-past' | 'pilot-closing' | 'reopened' | 'done-undecided';

/**
 * Written after every save by the same readiness computation. Only strings, numbers and dates are
 * indexed (entity properties do not index booleans), so yes/no values are strings.
 */
export interface SearchSummary {
  v: 1;
  level: ReadinessLevel;
  missingCount: number;
  /** Missing answers as sentences (bounded so the property stays far below 32 KB). */
  missing: string[];
  shipSignal: 'yes' | 'no';
  ownerAccountId: string;
  ownerName: string;
  ownerAccepted: 'yes' | 'no';
  conditionsTotal: number;
  conditionsDecided: number;
  conditionsPermanent: number;
  conditionsWithdrawn: number;
  kpisTotal: number;
  kpisAgreed: number;
  workstreamsTotal: number;
  workstreamsDone: number;
  /** The sub-tasks the app created under the workstream issues, and how many are done. */
  subtasksTotal: number;
  subtasksDone: number;
  /** Earliest first-review date among KPIs, YYYY-MM-DD, '' if none. */
  nextKpiReviewDate: string;
  kpiReviewPast: 'yes' | 'no';
  plannedCloseDate: string;
  actualCloseDate: string;
  /** ISO timestamp of the last change to the record. */
  updatedAt: string;
  version: number;
  /** An editor reopened the handoff of the Done epic and it is not decided again yet. */
  reopened: 'yes' | 'no';
  /** The epic reached Done with questions open ("Done without a decided handoff"). */
  doneUndecided: 'yes' | 'no';
}

export interface ReportRow {
  issueId: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategoryKey;
  owner?: { accountId: string; displayName: string; accepted: boolean };
  conditions: { decided: number; total: number; permanent: number; withdrawn: number };
  kpis: { agreed: number; total: number };
  workstreams: { done: number; total: number; subtasksDone: number; subtasksTotal: number };
  level: ReadinessLevel;
  missing: string[];
  missingCount: number;
  /** Days since the pilot closed while unshipped; null when the pilot has not closed or no date is known. */
  purgatoryDays: number | null;
  /** ISO timestamp of the last change; absent without a record. */
  lastChange?: string;
  flags: ReportFlag[];
}
