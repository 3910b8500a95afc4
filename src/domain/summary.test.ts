import fc from 'fast-check';
import { expectedSummary, isSameSummary, PublishedSummary, readPublishedSummary, summaryContradictions, summaryWithoutRecord, toSearchSummary } from './summary';
import { defaultProjectSettings } from './policy';
import { computeReadiness } from './readiness';
import { HandoffRecord, LIMITS } from './record';
import type { EpicFacts } from './readiness-types';
import { AT, POLICY, PRIYA, arbAnyRecord, condition, kpi, readyRecord } from './__fixtures__/records';

const EPIC: EpicFacts = { key: 'AIP-12', statusCategory: 'indeterminate', today: '2026-03-10' };

describe('summaryWithoutRecord (the report\'s and the portfolio\'s row of an initiative nobody started)', () => {
  it('lists what the project\'s settings ask for, and says a Done one went without its questions decided', () => {
    const settings = defaultProjectSettings();
    const open = summaryWithoutRecord({ key: 'AIP-12', statusCategory: 'indeterminate' }, settings, '2026-03-10');
    expect(open).toMatchObject({ level: 'not-started', missingCount: 4, ownerAccountId: '', version: 0, doneUndecided: 'no' });
    expect(open.missing).toContain('No delivery owner is named.');
    expect(summaryWithoutRecord({ key: 'AIP-12', statusCategory: 'done' }, settings, '2026-03-10')).toMatchObject({ level: 'shipped', doneUndecided: 'yes' });
    // A project that asks for no business KPI is not told it lacks one.
    const lenient = summaryWithoutRecord({ key: 'AIP-12', statusCategory: 'indeterminate' }, { ...settings, kpiMinimums: { operational: 1, business: 0 } }, '2026-03-10');
    expect(lenient.missingCount).toBe(3);
    expect(lenient.missing.join(' ')).not.toMatch(/business KPI/);
  });
});

describe('toSearchSummary', () => {
  it('summarises a decided record', () => {
    const rec = {
      ...readyRecord(),
      kpis: [...readyRecord().kpis.map((k) => ({ ...k, firstReviewDate: '2026-06-01' })), kpi('k3', 'Cost', 'cost', { status: 'proposed', firstReviewDate: '2026-01-01' })],
      pilot: { plannedCloseDate: '2026-04-01' },
    };
    const s = toSearchSummary(rec, computeReadiness(rec, EPIC, POLICY), { total: 5, done: 2, subtasksTotal: 19, subtasksDone: 12 });
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
      subtasksTotal: 19,
      subtasksDone: 12,
      nextKpiReviewDate: '2026-06-01',
      kpiReviewPast: 'no',
      plannedCloseDate: '2026-04-01',
      actualCloseDate: '',
      updatedAt: AT,
      version: 3,
      reopened: 'no',
      doneUndecided: 'no',
      // The fixture's KPIs have no numeric baseline or target: null, and no reading yet.
      kpiFacts: [
        ['2026-06-01', 1, 'quarter', null, null, 'h', '', null],
        ['2026-06-01', 1, 'quarter', null, null, 'h', '', null],
      ],
      remindOn: '',
    });
  });
  it('summarises an epic without a record', () => {
    const s = toSearchSummary(null, computeReadiness(null, EPIC, POLICY));
    expect(s).toMatchObject({ level: 'not-started', missingCount: 4, ownerAccountId: '', ownerAccepted: 'no', updatedAt: '', version: 0, workstreamsTotal: 0 });
  });
  it('says when a Done epic has questions open, and when its handoff is reopened', () => {
    const done: EpicFacts = { ...EPIC, statusCategory: 'done' };
    const undecided = { ...readyRecord(), conditions: [condition('a', 'Direct claims DB access')] };
    expect(toSearchSummary(undecided, computeReadiness(undecided, done, POLICY))).toMatchObject({ level: 'shipped', doneUndecided: 'yes', reopened: 'no' });
    expect(toSearchSummary(readyRecord(), computeReadiness(readyRecord(), done, POLICY))).toMatchObject({ doneUndecided: 'no', reopened: 'no' });
    const reopened = { ...undecided, reopened: { by: PRIYA, at: AT, reason: 'Revisit' } };
    expect(toSearchSummary(reopened, computeReadiness(reopened, done, POLICY))).toMatchObject({ doneUndecided: 'no', reopened: 'yes' });
    expect(toSearchSummary(undecided, computeReadiness(undecided, EPIC, POLICY))).toMatchObject({ doneUndecided: 'no' });
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
        const policy = { ...POLICY, requireWorkstreamsDone: true, requireSubtasksDone: true, kpiMinimums: { operational: 10, business: 10 } };
        const s = toSearchSummary(rec, computeReadiness(rec, EPIC, policy), { total: 5, done: 1, subtasksTotal: 130, subtasksDone: 2 });
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

describe('summaryContradictions', () => {
  const settings = { kpiMinimums: POLICY.kpiMinimums, shipSignalThreshold: POLICY.shipSignalThreshold, requireOwnerAcceptance: POLICY.requireOwnerAcceptance };
  it('finds none in any summary the app writes, whatever the record and the epic\'s status', () => {
    fc.assert(
      fc.property(arbAnyRecord, fc.constantFrom('new', 'indeterminate', 'done') as fc.Arbitrary<EpicFacts['statusCategory']>, fc.boolean(), (rec, statusCategory, reopened) => {
        const r = reopened ? { ...rec, reopened: { by: PRIYA, at: AT, reason: 'Revisit' } } : rec;
        const s = toSearchSummary(r, computeReadiness(r, { ...EPIC, statusCategory }, POLICY), { total: 5, done: 2, subtasksTotal: 19, subtasksDone: 12 });
        expect(summaryContradictions(s, statusCategory, settings)).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(summaryContradictions(toSearchSummary(null, computeReadiness(null, EPIC, POLICY)), 'new', settings)).toEqual([]);
  });
  it('finds a hand-written "ready" however much of the rest was made to match', () => {
    const undecided = { ...readyRecord(), conditions: [...readyRecord().conditions, condition('x', 'Direct claims DB access')] };
    const truth = toSearchSummary(undecided, computeReadiness(undecided, EPIC, POLICY));
    expect(summaryContradictions({ ...truth, level: 'ready' }, 'indeterminate', settings)).toContain('ready with answers missing');
    expect(summaryContradictions({ ...truth, level: 'ready', missingCount: 0, missing: [] }, 'indeterminate', settings)).toEqual(['nothing missing with conditions undecided']);
    expect(summaryContradictions({ ...truth, level: 'shipped' }, 'indeterminate', settings)).toContain('the level does not follow the epic\'s status');
    expect(summaryContradictions({ ...truth, conditionsDecided: truth.conditionsTotal }, 'indeterminate', settings)).toContain('the condition counts do not add up');
    expect(summaryContradictions({ ...truth, subtasksDone: 3, subtasksTotal: 2 }, 'indeterminate', settings)).toContain('more agreed or done than there are');
  });
});

describe('expectedSummary and isSameSummary', () => {
  const facts = { record: readyRecord(), epic: { id: '10012', key: 'AIP-12', statusCategory: 'indeterminate' as const, labels: [] }, settings: defaultProjectSettings(), today: '2026-03-10', workstreams: { total: 5, done: 2, subtasksTotal: 19, subtasksDone: 12 } };
  it('is the summary of the record, of an initiative without one, and none for any other epic', () => {
    expect(expectedSummary(facts)).toMatchObject({ level: 'ready', workstreamsTotal: 5, workstreamsDone: 2, subtasksTotal: 19, subtasksDone: 12 });
    expect(expectedSummary({ ...facts, record: null, epic: { ...facts.epic, labels: ['ai-initiative'] } })).toMatchObject({ level: 'not-started', version: 0 });
    expect(expectedSummary({ ...facts, record: null })).toBeNull();
  });
  it('matches only the very same fields, in any order', () => {
    const expected = expectedSummary(facts)!;
    const reversed = Object.fromEntries(Object.entries(expected).reverse());
    expect(isSameSummary(reversed, expected)).toBe(true);
    expect(isSameSummary({ ...expected, extra: 1 }, expected)).toBe(false);
    expect(isSameSummary({ ...expected, missing: [...expected.missing, 'x'] }, expected)).toBe(false);
    expect(isSameSummary({ ...expected, version: String(expected.version) }, expected)).toBe(false);
    expect(isSameSummary(undefined, expected)).toBe(false);
    expect(isSameSummary(undefined, null)).toBe(true);
    expect(isSameSummary({ v: 1, level: 'ready' }, null)).toBe(false);
  });
});
