import fc from 'fast-check';
import { digestReadings, kpiFacts, KpiFactSchema, kpiTallyOfFacts } from './kpi-facts';
import { kpiTally } from './kpi-progress';
import * as commands from './commands';
import type { HandoffRecord, ProductionKpi } from './record';
import { kpi, PRIYA, record } from './__fixtures__/records';

const CLAIMS = kpi('k1', 'Claims handled per hour', 'latency', { baseline: '1,200 claims', target: '1,500 claims', unit: 'claims', firstReviewDate: '2026-01-01', horizon: { count: 2, unit: 'quarter' } });
const ERRORS = kpi('k2', 'Error rate', 'error-rate', { baseline: '5%', target: '1%', unit: '%', direction: 'lower-is-better', firstReviewDate: '2026-01-31', horizon: { count: 4, unit: 'month' } });

function withReadings(rec: HandoffRecord, readings: Array<{ kpiId: string; date: string; value: number }>): HandoffRecord {
  return readings.reduce((r, x, i) => {
    const out = commands.addKpiReading(r, x.kpiId, x, { now: `2026-06-01T00:00:${String(i).padStart(2, '0')}.000Z` }, 1000);
    if (!out.ok) throw new Error(out.error.message);
    return out.record;
  }, rec);
}

describe('the summary\'s KPI facts', () => {
  it('keep each agreed KPI\'s schedule, baseline and target as numbers, and the latest reading', () => {
    const rec = withReadings(record({ kpis: [CLAIMS, ERRORS, { ...ERRORS, id: 'k3', status: 'proposed' }] }), [
      { kpiId: 'k1', date: '2026-02-01', value: 1250 },
      { kpiId: 'k1', date: '2026-01-15', value: 1210 },
    ]);
    expect(kpiFacts(rec)).toEqual([
      ['2026-01-01', 2, 'quarter', 1200, 1500, 'h', '2026-02-01', 1250],
      ['2026-01-31', 4, 'month', 5, 1, 'l', '', null],
    ]);
    for (const f of kpiFacts(rec)) expect(KpiFactSchema.safeParse(f).success).toBe(true);
  });

  it('give the report the same tally as the KPIs and all their readings, on any day', () => {
    const arbKpi = fc.record({
      baseline: fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constant(''), fc.constant('1.2M')),
      target: fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constant('n/a')),
      direction: fc.constantFrom('higher-is-better' as const, 'lower-is-better' as const),
      first: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
      horizon: fc.option(fc.record({ count: fc.integer({ min: 1, max: 6 }), unit: fc.constantFrom('month' as const, 'quarter' as const) }), { nil: undefined }),
      agreed: fc.boolean(),
    });
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.array(arbKpi, { minLength: 1, maxLength: 4 }), fc.array(fc.record({ k: fc.nat(3), d: fc.integer({ min: 0, max: 400 }), v: fc.integer({ min: -1500, max: 1500 }) }), { maxLength: 12 }), fc.integer({ min: 0, max: 500 }), (specs, raw, t) => {
        const kpis: ProductionKpi[] = specs.map((s, i) =>
          kpi(`k${i}`, `KPI ${i}`, 'latency', {
            baseline: s.baseline,
            target: s.target,
            direction: s.direction,
            status: s.agreed ? 'agreed' : 'proposed',
            ...(s.first !== undefined ? { firstReviewDate: day(s.first) } : {}),
            ...(s.horizon ? { horizon: s.horizon } : {}),
          }),
        );
        const today = day(t);
        // Readings are never dated after the day they are taken: only those up to today exist.
        const readings = raw.filter((r) => r.k < kpis.length && r.d <= t).map((r) => ({ kpiId: `k${r.k}`, date: day(r.d), value: r.v }));
        const rec = withReadings(record({ kpis }), readings);
        const all = readings.map((r, i) => ({ ...r, recorded: { via: 'panel' as const, by: PRIYA, at: `2026-06-01T00:00:${String(i).padStart(2, '0')}.000Z` } }));
        expect(kpiTallyOfFacts(kpiFacts(rec), today)).toEqual(kpiTally(kpis, all, today));
      }),
      { numRuns: 300 },
    );
  });

  it('are read from the digest the record keeps, the latest of each KPI', () => {
    const rec = withReadings(record({ kpis: [CLAIMS] }), [{ kpiId: 'k1', date: '2026-02-01', value: 1 }, { kpiId: 'k1', date: '2026-02-01', value: 2 }]);
    expect(digestReadings(rec)).toEqual([{ kpiId: 'k1', date: '2026-02-01', value: 2, recorded: { via: 'feed', tokenId: 'digest', at: '2026-06-01T00:00:01.000Z' } }]);
    expect(rec.kpiReadings?.k1?.count).toBe(2);
  });
});

describe('addKpiReading and removeKpi', () => {
  it('refuse a KPI the epic does not have and a KPI at its most readings; removing the KPI drops its digest', () => {
    const rec = record({ kpis: [CLAIMS, ERRORS] });
    expect(commands.addKpiReading(rec, 'nope', { date: '2026-01-01', value: 1 }, { now: 'x' }, 10)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const full = withReadings(rec, [{ kpiId: 'k1', date: '2026-01-01', value: 1 }, { kpiId: 'k2', date: '2026-01-01', value: 1 }]);
    expect(commands.addKpiReading(full, 'k1', { date: '2026-01-02', value: 1 }, { now: 'x' }, 1)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'This KPI has 1 readings, the most it keeps.' } });
    const removed = commands.removeKpi(full, 'k1');
    expect(removed.ok && removed.record.kpiReadings).toEqual({ k2: full.kpiReadings!.k2 });
    const none = commands.removeKpi(removed.ok ? removed.record : full, 'k2');
    expect(none.ok && none.record.kpiReadings).toBeUndefined();
  });
});
