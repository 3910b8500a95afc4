/** How the report shows flags; their words are the product's (FLAG_LABELS in @ui/words), shared with the portfolio. */
import type { ReportFlag } from '@src/domain/report-types';
import { FLAG_LABELS } from '@ui/words';

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
