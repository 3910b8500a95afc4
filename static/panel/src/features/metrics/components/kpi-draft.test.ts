import { KpiInput } from '@src/shared/contract';
import type { ProductionKpi } from '@src/domain/record';
import { draftOf, inputOf } from './kpi-draft';

const kpi: ProductionKpi = {
  id: 'k1',
  name: 'Triage latency p95',
  category: 'latency',
  replacesMetricId: 'm1',
  baseline: '900',
  target: '400',
  unit: 'ms',
  direction: 'lower-is-better',
  source: 'Grafana',
  owner: 'SRE',
  horizon: { count: 2, unit: 'quarter' },
  firstReviewDate: '2026-06-30',
  status: 'agreed',
};

describe('the KPI form: draft and input', () => {
  it('gives back every field of a KPI it was opened with', () => {
    expect(KpiInput.parse(inputOf(draftOf(kpi), kpi.id))).toEqual(kpi);
  });

  it('starts a new KPI as proposed, counted in quarters, with nothing chosen', () => {
    expect(draftOf()).toEqual({
      name: '', category: undefined, replacesMetricId: undefined, baseline: '', target: '', unit: '', direction: undefined,
      source: '', owner: '', horizonCount: '', horizonUnit: 'quarter', firstReviewDate: '', status: 'proposed',
    });
  });

  it('leaves out what is empty: no id for a new KPI, no horizon without a count, no review date, no replaced metric', () => {
    const input = inputOf({ ...draftOf(kpi), horizonCount: '  ', firstReviewDate: '', replacesMetricId: undefined });
    expect(input).not.toHaveProperty('id');
    expect(input).not.toHaveProperty('horizon');
    expect(input).not.toHaveProperty('firstReviewDate');
    expect(input).not.toHaveProperty('replacesMetricId');
    expect(KpiInput.safeParse(input).success).toBe(true);
  });

  it('reads the horizon count as a number, so the contract judges it', () => {
    expect(inputOf({ ...draftOf(kpi), horizonCount: '3', horizonUnit: 'month' })).toMatchObject({ horizon: { count: 3, unit: 'month' } });
    const parsed = KpiInput.safeParse(inputOf({ ...draftOf(kpi), horizonCount: 'soon' }));
    expect(parsed.error?.issues[0].path).toEqual(['horizon', 'count']);
  });
});

describe('the KPI form: number and unit apart', () => {
  it('opens a KPI whose values carry the unit with the number alone in them', () => {
    const typed = { ...kpi, baseline: '2.4 s', target: '1.5 s', unit: 's' };
    expect(draftOf(typed)).toMatchObject({ baseline: '2.4', target: '1.5', unit: 's' });
  });
  it('moves a unit typed into the values to the unit field, and leaves words as written', () => {
    expect(inputOf({ ...draftOf(), baseline: '62%', target: '75%', unit: '' })).toMatchObject({ baseline: '62', target: '75', unit: '%' });
    expect(inputOf({ ...draftOf(), baseline: '94% (pilot sample)', target: '92', unit: '%' })).toMatchObject({ baseline: '94% (pilot sample)', target: '92', unit: '%' });
  });
});
