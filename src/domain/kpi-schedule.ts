/**
 * When a production KPI is reviewed. The horizon runs from the first review date: the straight path
 * goes from the baseline there to the target at the horizon's end. Reviews fall on the first review
 * date and then once per horizon unit (monthly for a horizon in months, quarterly for quarters) up to
 * and including the horizon's end; without a horizon only the first review is known.
 */
import type { Horizon, ProductionKpi } from './record';
import { addMonths } from './calendar';

export type KpiDates = Pick<ProductionKpi, 'firstReviewDate' | 'horizon'>;

export function horizonMonths(horizon: Horizon): number {
  return horizon.unit === 'quarter' ? horizon.count * 3 : horizon.count;
}

export function horizonEnd(kpi: KpiDates): string | undefined {
  if (!kpi.firstReviewDate || !kpi.horizon) return undefined;
  return addMonths(kpi.firstReviewDate, horizonMonths(kpi.horizon));
}

/** Ascending; each date counted from the first review date, so a 31st never drifts to the 28th for good. */
export function reviewDates(kpi: KpiDates): string[] {
  const first = kpi.firstReviewDate;
  if (!first) return [];
  if (!kpi.horizon) return [first];
  const step = kpi.horizon.unit === 'quarter' ? 3 : 1;
  return Array.from({ length: kpi.horizon.count + 1 }, (_, i) => addMonths(first, i * step));
}

export interface ReviewDue {
  /** The latest review date on or before today. */
  reviewDate: string;
  /** The review before it; a reading counts for this review only if dated after that one. */
  previousReview?: string;
  /** A reading dated after the previous review (any reading, for the first review) and not after today. */
  hasReading: boolean;
}

/** The review that governs today, or undefined before the first review date. */
export function dueReview(kpi: KpiDates, readingDates: readonly string[], today: string): ReviewDue | undefined {
  const passed = reviewDates(kpi).filter((d) => d <= today);
  if (passed.length === 0) return undefined;
  const reviewDate = passed[passed.length - 1];
  const previousReview = passed.length > 1 ? passed[passed.length - 2] : undefined;
  const hasReading = readingDates.some((d) => d <= today && (previousReview === undefined || d > previousReview));
  return previousReview === undefined ? { reviewDate, hasReading } : { reviewDate, previousReview, hasReading };
}

export function nextReviewDate(kpi: KpiDates, today: string): string | undefined {
  return reviewDates(kpi).find((d) => d > today);
}
