import fc from 'fast-check';
import { dueReview, horizonEnd, horizonMonths, nextReviewDate, reviewDates } from './kpi-schedule';
import { arbDate, arbHorizon } from './__fixtures__/records';

const Q2 = { count: 2, unit: 'quarter' as const };
const M3 = { count: 3, unit: 'month' as const };

describe('horizon end', () => {
  it('counts a horizon in calendar months from the first review date', () => {
    expect(horizonMonths(Q2)).toBe(6);
    expect(horizonMonths(M3)).toBe(3);
    expect(horizonEnd({ firstReviewDate: '2026-03-15', horizon: Q2 })).toBe('2026-09-15');
    expect(horizonEnd({ firstReviewDate: '2026-03-15', horizon: M3 })).toBe('2026-06-15');
  });
  it('ends on the last day of a shorter month, leap years included', () => {
    expect(horizonEnd({ firstReviewDate: '2025-08-31', horizon: { count: 2, unit: 'quarter' } })).toBe('2026-02-28');
    expect(horizonEnd({ firstReviewDate: '2027-08-31', horizon: { count: 2, unit: 'quarter' } })).toBe('2028-02-29');
    expect(horizonEnd({ firstReviewDate: '2028-02-29', horizon: { count: 4, unit: 'quarter' } })).toBe('2029-02-28');
  });
  it('is undefined without a first review date or a horizon', () => {
    expect(horizonEnd({ horizon: Q2 })).toBeUndefined();
    expect(horizonEnd({ firstReviewDate: '2026-03-15' })).toBeUndefined();
  });
});

describe('review dates', () => {
  it('are the first review, then one per horizon unit, up to the horizon end', () => {
    expect(reviewDates({ firstReviewDate: '2026-01-31', horizon: M3 })).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(reviewDates({ firstReviewDate: '2026-01-15', horizon: Q2 })).toEqual(['2026-01-15', '2026-04-15', '2026-07-15']);
  });
  it('are only the first review without a horizon, none without a first review date', () => {
    expect(reviewDates({ firstReviewDate: '2026-01-15' })).toEqual(['2026-01-15']);
    expect(reviewDates({ horizon: Q2 })).toEqual([]);
  });
  it('never drift: each counts from the first review date, ascending, ending on the horizon end', () => {
    fc.assert(
      fc.property(arbDate, arbHorizon, (first, horizon) => {
        const dates = reviewDates({ firstReviewDate: first, horizon });
        expect(dates).toHaveLength(horizon.count + 1);
        expect(dates[0]).toBe(first);
        expect(dates[dates.length - 1]).toBe(horizonEnd({ firstReviewDate: first, horizon }));
        for (let i = 1; i < dates.length; i++) expect(dates[i] > dates[i - 1]).toBe(true);
        // The day of the month only ever shrinks to fit a month, never permanently.
        expect(dates.some((d) => d.slice(8) === first.slice(8)) || Number(first.slice(8)) > 28).toBe(true);
      }),
    );
  });
});

describe('the review due today and whether a reading came since', () => {
  const kpi = { firstReviewDate: '2026-01-15', horizon: Q2 };
  it('is undefined before the first review', () => {
    expect(dueReview(kpi, ['2026-01-01'], '2026-01-14')).toBeUndefined();
  });
  it('counts any reading up to today for the first review', () => {
    expect(dueReview(kpi, [], '2026-01-15')).toEqual({ reviewDate: '2026-01-15', hasReading: false });
    expect(dueReview(kpi, ['2025-12-20'], '2026-01-15')).toEqual({ reviewDate: '2026-01-15', hasReading: true });
    expect(dueReview(kpi, ['2026-02-01'], '2026-03-01')).toEqual({ reviewDate: '2026-01-15', hasReading: true });
  });
  it('asks for a reading after the previous review for each later review', () => {
    expect(dueReview(kpi, ['2026-01-10'], '2026-04-15')).toEqual({ reviewDate: '2026-04-15', previousReview: '2026-01-15', hasReading: false });
    expect(dueReview(kpi, ['2026-01-15'], '2026-04-15')).toMatchObject({ hasReading: false });
    expect(dueReview(kpi, ['2026-01-16'], '2026-04-15')).toMatchObject({ hasReading: true });
    expect(dueReview(kpi, ['2026-04-20'], '2026-05-01')).toMatchObject({ reviewDate: '2026-04-15', hasReading: true });
  });
  it('ignores readings dated after today', () => {
    expect(dueReview(kpi, ['2026-05-02'], '2026-05-01')).toMatchObject({ hasReading: false });
  });
  it('stays on the last review after the horizon ends', () => {
    expect(dueReview(kpi, ['2026-05-01'], '2027-01-01')).toEqual({ reviewDate: '2026-07-15', previousReview: '2026-04-15', hasReading: true });
  });
  it('works for a KPI with a first review date only', () => {
    expect(dueReview({ firstReviewDate: '2026-01-15' }, [], '2026-06-01')).toEqual({ reviewDate: '2026-01-15', hasReading: false });
  });
});

describe('next review date', () => {
  const kpi = { firstReviewDate: '2026-01-15', horizon: Q2 };
  it('is the first review date after today, undefined once the horizon has ended', () => {
    expect(nextReviewDate(kpi, '2026-01-01')).toBe('2026-01-15');
    expect(nextReviewDate(kpi, '2026-01-15')).toBe('2026-04-15');
    expect(nextReviewDate(kpi, '2026-07-15')).toBeUndefined();
    expect(nextReviewDate({}, '2026-01-01')).toBeUndefined();
  });
});
