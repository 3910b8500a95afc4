import fc from 'fast-check';
import { PublishedSummary, readPublishedSummary, toSearchSummary } from './summary';
import { computeReadiness } from './readiness';
import { HandoffRecord, LIMITS } from './record';
import type { EpicFacts } from './readiness-types';
import { AT, POLICY, PRIYA, arbAnyRecord, condition, kpi, readyRecord } from './__fixtures__/records';

const EPIC: EpicFacts = { key: 'AIP-12', statusCategory: 'indeterminate', today: '2026-03-10' };

describe('toSearchSummary', () => {
  it('summarises a decided record', () => {
    const rec = {
      ...readyRecord(),
      kpis: [...readyRecord().kpis.map((k) => ({ ...k, firstReviewDate: '2026-06-01' })), kpi('k3', 'Cost', 'cost', { status: 'proposed', firstReviewDate: '2026-01-01' })],
      pilot: { plannedCloseDate: '2026-04-01' },
    };
    const s = toSearchSummary(rec, computeReadiness(rec, EPIC, POLICY), { total: 5, done: 2 });
    expect(s).toEqual({
      v: 1,
      level: 'ready',
      missingCount: 0,
      missing: [],
      shipSignal: 'no',
      ownerAccountId: PRIYA.accountId,
      ownerName: 'Priya Raman',
      ownerAccepted: 'yes',
      conditionsTotal: 2,
      conditionsDecided: 2,
      conditionsPermanent: 1,
      conditionsWithdrawn: 1,
      kpisTotal: 3,
      kpisAgreed: 2,
      workstreamsTotal: 5,
      workstreamsDone: 2,
      nextKpiReviewDate: '2026-06-01',
      kpiReviewPast: 'no',
      plannedCloseDate: '2026-04-01',
      actualCloseDate: '',
      updatedAt: AT,
      version: 3,
    });
  });
  it('summarises an epic without a record', () => {
    const s = toSearchSummary(null, computeReadiness(null, EPIC, POLICY));
    expect(s).toMatchObject({ level: 'not-started', missingCount: 4, ownerAccountId: '', ownerAccepted: 'no', updatedAt: '', version: 0, workstreamsTotal: 0 });
  });
  it('leaves condition names out of the missing sentences', () => {
    const rec = { ...readyRecord(), conditions: [condition('a', 'Direct claims DB access'), condition('b', 'Weekly sponsor review')] };
    const s = toSearchSummary(rec, computeReadiness(rec, EPIC, POLICY));
    expect(s.missing).toEqual(['2 pilot conditions have no decision.']);
  });
  it('marks a passed review date', () => {
    const rec = { ...readyRecord(), kpis: readyRecord().kpis.map((k) => ({ ...k, firstReviewDate: '2026-03-01' })) };
    expect(toSearchSummary(rec, computeReadiness(rec, EPIC, POLICY)).kpiReviewPast).toBe('yes');
  });
  it('(e) stays within the property limit for any record within LIMITS', () => {
    fc.assert(
      fc.property(arbAnyRecord, (rec) => {
        expect(HandoffRecord.safeParse(rec).success).toBe(true);
        const policy = { ...POLICY, requireWorkstreamsDone: true, kpiMinimums: { operational: 10, business: 10 } };
        const s = toSearchSummary(rec, computeReadiness(rec, EPIC, policy), { total: 5, done: 1 });
        expect(JSON.stringify(s).length).toBeLessThanOrEqual(LIMITS.summaryChars);
        expect(s.missingCount).toBe(s.missing.length);
        // What the app publishes always reads back whole: only someone else's edit is ever repaired.
        expect(PublishedSummary.safeParse(s).success).toBe(true);
        expect(readPublishedSummary(s)).toEqual(s);
      }),
      { numRuns: 60 },
    );
  });
});

describe('readPublishedSummary', () => {
  const good = toSearchSummary(readyRecord(), computeReadiness(readyRecord(), EPIC, POLICY));
  it('repairs fields of the wrong type or size and keeps the rest', () => {
    const read = readPublishedSummary({ ...good, ownerName: 42, updatedAt: ['2026-01-01'], missing: Array(500).fill('x'), conditionsTotal: -3, plannedCloseDate: '2026-02-30', extra: '<b>' });
    expect(read).toEqual({ ...good, ownerName: 'Unknown user', updatedAt: '', missing: [], conditionsTotal: 0, plannedCloseDate: '' });
  });
  it('ignores what is not our summary at all', () => {
    for (const value of [null, 'ready', [], { ...good, v: 2 }, { ...good, level: 'done' }]) expect(readPublishedSummary(value)).toBeUndefined();
  });
});
