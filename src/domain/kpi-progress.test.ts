import fc from 'fast-check';
import { expectedOnPath, kpiChart, kpiPath, kpiProgress, kpiTally, type KpiPath } from './kpi-progress';
import type { KpiReading } from './kpi-reading';
import type { ProductionKpi } from './record';
import { kpi, PRIYA } from './__fixtures__/records';

/** Claims handled per hour: 40 at the first review (2026-01-01), 60 two quarters later (2026-07-01). */
const CLAIMS: ProductionKpi = kpi('k1', 'Claims handled per hour', 'latency', {
  baseline: '40',
  target: '60 claims/h',
  unit: 'claims/h',
  firstReviewDate: '2026-01-01',
  horizon: { count: 2, unit: 'quarter' },
});
/** Error rate: 5% down to 1% over 4 months from 2026-01-31. */
const ERRORS: ProductionKpi = kpi('k2', 'Error rate', 'error-rate', {
  baseline: '5%',
  target: '1%',
  unit: '%',
  direction: 'lower-is-better',
  firstReviewDate: '2026-01-31',
  horizon: { count: 4, unit: 'month' },
});

let n = 0;
function reading(kpiId: string, date: string, value: number, at = `${date}T12:00:00.000Z`): KpiReading {
  n += 1;
  return { id: `r${n}`, kpiId, date, value, recorded: { via: 'panel', by: PRIYA, at } };
}

describe('the straight path from baseline to target', () => {
  it('runs from the baseline at the first review to the target at the horizon end', () => {
    const r = kpiPath(CLAIMS);
    expect(r).toEqual({ ok: true, path: { from: { date: '2026-01-01', value: 40 }, to: { date: '2026-07-01', value: 60 }, direction: 'higher-is-better' } });
  });
  it('is interpolated by calendar days and flat outside the horizon', () => {
    const { path } = kpiPath(CLAIMS) as { ok: true; path: KpiPath };
    expect(expectedOnPath(path, '2025-12-01')).toBe(40);
    expect(expectedOnPath(path, '2026-01-01')).toBe(40);
    // 2026-01-01 → 2026-07-01 is 181 days; 2026-04-01 is day 90.
    expect(expectedOnPath(path, '2026-04-01')).toBeCloseTo(40 + (20 * 90) / 181, 10);
    expect(expectedOnPath(path, '2026-07-01')).toBe(60);
    expect(expectedOnPath(path, '2027-01-01')).toBe(60);
  });
  it('counts a leap day', () => {
    const leap = kpiPath({ ...CLAIMS, firstReviewDate: '2028-02-01', horizon: { count: 1, unit: 'month' } }) as { ok: true; path: KpiPath };
    expect(leap.path.to.date).toBe('2028-03-01');
    // 29 days in February 2028: 2028-02-15 is day 14 of 29.
    expect(expectedOnPath(leap.path, '2028-02-15')).toBeCloseTo(40 + (20 * 14) / 29, 10);
  });
  it('never leaves the segment between baseline and target', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -400, max: 800 }), (base, target, offset) => {
        const path: KpiPath = { from: { date: '2026-01-01', value: base }, to: { date: '2026-07-01', value: target }, direction: 'higher-is-better' };
        const d = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
        const e = expectedOnPath(path, d);
        expect(e).toBeGreaterThanOrEqual(Math.min(base, target) - 1e-9);
        expect(e).toBeLessThanOrEqual(Math.max(base, target) + 1e-9);
      }),
    );
  });
});

describe('kpiPath: when a KPI cannot be tracked', () => {
  it('names every problem in a sentence', () => {
    const r = kpiPath({ ...CLAIMS, baseline: 'about 40-50', target: '', horizon: undefined, firstReviewDate: undefined });
    expect(r).toEqual({
      ok: false,
      problems: [
        'The baseline "about 40-50" holds more than one number: write a single number.',
        'The target is empty.',
        'It has no first review date.',
        'It has no time horizon.',
      ],
    });
  });
  it('refuses a target on the wrong side of the baseline for its direction', () => {
    expect(kpiPath({ ...CLAIMS, target: '30' })).toEqual({ ok: false, problems: ['The target (30 claims/h) is below the baseline (40 claims/h), but higher is better.'] });
    expect(kpiPath({ ...ERRORS, target: '7%' })).toEqual({ ok: false, problems: ['The target (7%) is above the baseline (5%), but lower is better.'] });
  });
  it('accepts a target equal to the baseline: the KPI must hold its level', () => {
    expect(kpiPath({ ...CLAIMS, target: '40' }).ok).toBe(true);
  });
});

describe('kpiProgress: status', () => {
  it('is not yet due before the first review, even with readings', () => {
    const p = kpiProgress(CLAIMS, [reading('k1', '2025-12-01', 10)], '2025-12-31');
    expect(p.status).toBe('not-yet-due');
    expect(p.sentence).toBe('Claims handled per hour is first reviewed on 1 Jan 2026.');
    expect(p.nextReview).toBe('2026-01-01');
    expect(p.latest).toEqual({ date: '2025-12-01', value: 10 });
  });
  it('is no data when the first review came without any reading', () => {
    const p = kpiProgress(CLAIMS, [], '2026-01-01');
    expect(p.status).toBe('no-data');
    expect(p.sentence).toBe('Claims handled per hour has no reading for its first review on 1 Jan 2026.');
  });
  it('is no data when a later review came without a reading since the one before', () => {
    const p = kpiProgress(CLAIMS, [reading('k1', '2026-01-01', 41)], '2026-04-02');
    expect(p.status).toBe('no-data');
    expect(p.sentence).toBe('Claims handled per hour has no reading since the review on 1 Jan 2026; the review on 1 Apr 2026 needs one.');
    expect(p.dueReview).toEqual({ reviewDate: '2026-04-01', previousReview: '2026-01-01', hasReading: false });
  });
  it('is on track when the latest reading is at or ahead of the path on its date', () => {
    const p = kpiProgress(CLAIMS, [reading('k1', '2026-02-01', 30), reading('k1', '2026-04-01', 50)], '2026-04-10');
    expect(p.status).toBe('on-track');
    expect(p.expected).toBeCloseTo(49.945, 3);
    expect(p.sentence).toBe('Claims handled per hour: 50 claims/h on 1 Apr 2026, on track (the path expects 49.94 claims/h by then; target 60 claims/h by 1 Jul 2026).');
  });
  it('is off track when the latest reading is behind the path, whatever earlier readings said', () => {
    const p = kpiProgress(CLAIMS, [reading('k1', '2026-02-01', 70), reading('k1', '2026-04-01', 49)], '2026-04-10');
    expect(p.status).toBe('off-track');
    expect(p.sentence).toBe('Claims handled per hour: 49 claims/h on 1 Apr 2026, behind the path (it expects 49.94 claims/h by then; target 60 claims/h by 1 Jul 2026).');
  });
  it('honours lower is better', () => {
    // 2026-01-31 → 2026-05-31 is 120 days; 2026-03-31 is day 59: expected 5 - 4 * 59 / 120 = 3.03.
    expect(kpiProgress(ERRORS, [reading('k2', '2026-03-31', 3)], '2026-03-31').status).toBe('on-track');
    expect(kpiProgress(ERRORS, [reading('k2', '2026-03-31', 3.1)], '2026-03-31').status).toBe('off-track');
    expect(kpiProgress(ERRORS, [reading('k2', '2026-03-31', 3)], '2026-03-31').sentence).toBe(
      'Error rate: 3% on 31 Mar 2026, on track (the path expects 3.03% by then; target 1% by 31 May 2026).',
    );
  });
  it('judges a reading exactly on the path as on track, despite floating point', () => {
    // 0.1 → 0 over 2026-01-01..2026-04-01 (90 days): on day 72 the path is exactly 0.02, which doubles compute as 0.01999999999999999.
    const drift = kpi('k3', 'Drift', 'model-quality', { baseline: '0.1', target: '0', direction: 'lower-is-better', firstReviewDate: '2026-01-01', horizon: { count: 1, unit: 'quarter' } });
    expect(kpiProgress(drift, [reading('k3', '2026-03-14', 0.02)], '2026-03-14').status).toBe('on-track');
    expect(kpiProgress(drift, [reading('k3', '2026-03-14', 0.0201)], '2026-03-14').status).toBe('off-track');
  });
  it('keeps judging against the target after the horizon ends', () => {
    expect(kpiProgress(CLAIMS, [reading('k1', '2026-08-01', 59)], '2026-09-01').status).toBe('off-track');
    expect(kpiProgress(CLAIMS, [reading('k1', '2026-08-01', 60)], '2026-09-01').status).toBe('on-track');
    expect(kpiProgress(CLAIMS, [reading('k1', '2026-08-01', 60)], '2026-09-01').nextReview).toBeUndefined();
  });
  it('ignores readings dated after today', () => {
    expect(kpiProgress(CLAIMS, [reading('k1', '2026-01-05', 41), reading('k1', '2026-03-01', 10)], '2026-02-01').status).toBe('on-track');
  });
  it('on one date takes the reading recorded last', () => {
    const early = reading('k1', '2026-04-01', 10, '2026-04-01T08:00:00Z');
    const late = reading('k1', '2026-04-01', 55, '2026-04-01T09:00:00Z');
    expect(kpiProgress(CLAIMS, [late, early], '2026-04-02').status).toBe('on-track');
  });
  it('is not measurable once due when the path cannot be drawn, listing why (and says so before it is due)', () => {
    const vague = { ...CLAIMS, baseline: 'high' };
    const p = kpiProgress(vague, [reading('k1', '2026-01-02', 50)], '2026-01-05');
    expect(p.status).toBe('not-measurable');
    expect(p.sentence).toBe('Claims handled per hour cannot be tracked yet. The baseline "high" is not a number.');
    expect(kpiProgress(vague, [], '2025-12-01')).toMatchObject({ status: 'not-yet-due', problems: ['The baseline "high" is not a number.'] });
  });
  it('asks for a reading before it complains about the path: no data wins once due', () => {
    expect(kpiProgress({ ...CLAIMS, target: 'better' }, [], '2026-02-01').status).toBe('no-data');
  });
  it('is not measurable without a first review date, whatever it holds', () => {
    const p = kpiProgress({ ...CLAIMS, firstReviewDate: undefined }, [reading('k1', '2026-01-02', 50)], '2026-01-05');
    expect(p.status).toBe('not-measurable');
    expect(p.sentence).toBe('Claims handled per hour cannot be tracked yet. It has no first review date.');
  });
  it('still asks for readings on the first review of a KPI without a horizon', () => {
    expect(kpiProgress({ ...CLAIMS, horizon: undefined }, [], '2026-01-05').status).toBe('no-data');
    expect(kpiProgress({ ...CLAIMS, horizon: undefined }, [reading('k1', '2026-01-02', 50)], '2026-01-05').status).toBe('not-measurable');
  });
  it('is on track or off track for any reading once due, and never both', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 400 }), (value, day) => {
        const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const p = kpiProgress(CLAIMS, [reading('k1', date, value)], date);
        const { path } = kpiPath(CLAIMS) as { ok: true; path: KpiPath };
        const ahead = value >= expectedOnPath(path, date);
        expect(p.status).toBe(ahead ? 'on-track' : 'off-track');
      }),
    );
  });
});

describe('kpiChart', () => {
  it('gives one point a date (the one recorded last), the target line, the horizon end and the review dates', () => {
    const chart = kpiChart(
      CLAIMS,
      [reading('k1', '2026-03-01', 45, '2026-03-01T08:00:00Z'), reading('k1', '2026-02-01', 42), reading('k1', '2026-03-01', 47, '2026-03-01T09:00:00Z'), reading('k1', '2026-09-01', 99)],
      '2026-04-10',
    );
    expect(chart).toEqual({
      kpiId: 'k1',
      unit: 'claims/h',
      direction: 'higher-is-better',
      status: 'on-track',
      points: [
        { date: '2026-02-01', value: 42 },
        { date: '2026-03-01', value: 47 },
      ],
      targetLine: [
        { date: '2026-01-01', value: 40 },
        { date: '2026-07-01', value: 60 },
      ],
      firstReview: '2026-01-01',
      horizonEnd: '2026-07-01',
      reviewDates: ['2026-01-01', '2026-04-01', '2026-07-01'],
      today: '2026-04-10',
      domain: { from: '2026-01-01', to: '2026-07-01', min: 40, max: 60 },
    });
  });
  it('draws readings without a target line when the path cannot be drawn, and is empty-safe', () => {
    const chart = kpiChart({ ...CLAIMS, baseline: 'high', horizon: undefined }, [], '2026-04-10');
    expect(chart.targetLine).toBeUndefined();
    expect(chart.points).toEqual([]);
    expect(chart.domain).toEqual({ from: '2026-01-01', to: '2026-04-10', min: 0, max: 0 });
  });
});

describe('kpiTally: "KPIs on track n/m" for the report', () => {
  const readings = [reading('k1', '2026-04-01', 55), reading('k2', '2026-03-31', 4)];
  it('counts agreed KPIs only; m is the KPIs due for review, the rest said apart', () => {
    const proposed = { ...CLAIMS, id: 'k9', status: 'proposed' as const };
    const later = { ...CLAIMS, id: 'k4', firstReviewDate: '2026-12-01' };
    const vague = { ...CLAIMS, id: 'k5', firstReviewDate: undefined };
    const silent = { ...CLAIMS, id: 'k6' };
    const t = kpiTally([CLAIMS, ERRORS, proposed, later, vague, silent], readings, '2026-04-02');
    expect(t).toEqual({ total: 5, onTrack: 1, offTrack: 1, noData: 1, notYetDue: 1, notMeasurable: 1, due: 3, offTrackFlag: true, text: 'KPIs on track 1/3 (1 not yet due, 1 not measurable)' });
  });
  it('reads plainly with nothing to count', () => {
    expect(kpiTally([], [], '2026-04-02')).toMatchObject({ total: 0, due: 0, offTrackFlag: false, text: 'No agreed KPIs' });
    expect(kpiTally([{ ...CLAIMS, firstReviewDate: '2027-01-01' }], [], '2026-04-02').text).toBe('No KPI is due for review yet (1 not yet due)');
    expect(kpiTally([CLAIMS], [reading('k1', '2026-04-01', 55)], '2026-04-02').text).toBe('KPIs on track 1/1');
  });
});
