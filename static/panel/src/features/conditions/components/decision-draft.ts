import type { Decision, DecisionStatus } from '@src/domain/record';

/** What the decision controls hold while the user types: every choice's fields at once, numbers as text. */
export interface DecisionDraft {
  status: DecisionStatus;
  rationale: string;
  sustainedBy: string;
  reviewDate: string;
  productionPath: string;
  leadTimeDays: string;
}

export function draftOf(d: Decision): DecisionDraft {
  return {
    status: d.status,
    rationale: d.status === 'undecided' ? '' : d.rationale,
    sustainedBy: d.status === 'permanent' ? d.sustainedBy : '',
    reviewDate: d.status === 'permanent' ? (d.reviewDate ?? '') : '',
    productionPath: d.status === 'withdrawn' ? d.productionPath : '',
    leadTimeDays: d.status === 'withdrawn' ? String(d.leadTimeDays) : '',
  };
}

/**
 * The candidate DecisionInput for the chosen status: only that choice's fields, an empty review date
 * left out. Unchecked: the form parses it with DecisionInput and sends zod's output. A blank lead time
 * becomes NaN so the schema says "must be a number" rather than reading it as 0 days.
 */
export function inputOf(d: DecisionDraft): unknown {
  if (d.status === 'undecided') return { status: 'undecided' };
  if (d.status === 'permanent') return { status: 'permanent', rationale: d.rationale, sustainedBy: d.sustainedBy, ...(d.reviewDate ? { reviewDate: d.reviewDate } : {}) };
  return { status: 'withdrawn', rationale: d.rationale, productionPath: d.productionPath, leadTimeDays: d.leadTimeDays.trim() === '' ? Number.NaN : Number(d.leadTimeDays) };
}
