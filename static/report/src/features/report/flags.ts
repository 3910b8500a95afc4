import type { ReportFlag } from '@src/domain/report-types';

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

/** Lozenge appearance per flag: red for what blocks shipping, yellow for what needs a look. */
export const FLAG_APPEARANCE = {
  'ship-signal': 'removed',
  stalled: 'removed',
  'no-owner': 'moved',
  'kpi-review-past': 'moved',
  'kpi-off-track': 'removed',
  'pilot-closing': 'inprogress',
  reopened: 'moved',
  'done-undecided': 'removed',
} as const satisfies Record<ReportFlag, string>;

export const FLAG_ORDER = Object.keys(FLAG_LABELS) as ReportFlag[];
