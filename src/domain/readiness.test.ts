import fc from 'fast-check';
import { computeReadiness, readinessPolicy } from './readiness';
import { HandoffRecord } from './record';
import { DEFAULT_GATE_CONFIG, defaultProjectSettings } from './policy';
import type { EpicFacts } from './readiness-types';
import { AT, MARCUS, POLICY, PRIYA, arbReadyCase, condition, kpi, readyRecord, record } from './__fixtures__/records';

const OPEN: EpicFacts = { key: 'AIP-12', statusCategory: 'indeterminate', today: '2026-03-10' };
const DONE: EpicFacts = { ...OPEN, statusCategory: 'done' };
const ws = (total: number, done: number, subtasksTotal = 0, subtasksDone = 0) => ({ total, done, subtasksTotal, subtasksDone });

describe('readinessPolicy', () => {
  it('takes the project settings when the gate has no overrides', () => {
    const settings = { ...defaultProjectSettings(), kpiMinimums: { operational: 2, business: 0 }, requireOwnerAcceptance: false };
    expect(readinessPolicy(settings)).toEqual({ kpiMinimums: { operational: 2, business: 0 }, shipSignalThreshold: 0.5, requireOwnerAcceptance: false, requireWorkstreamsDone: false, requireSubtasksDone: false });
    expect(readinessPolicy(settings, DEFAULT_GATE_CONFIG).kpiMinimums).toEqual({ operational: 2, business: 0 });
  });
  it('lets the gate override KPI minimums, owner acceptance and ask for finished workstreams', () => {
    const policy = readinessPolicy(defaultProjectSettings(), { scopeLabel: '', requireWorkstreamsDone: true, kpiMinimums: { operational: 0, business: 3 }, requireOwnerAcceptance: false });
    expect(policy).toEqual({ kpiMinimums: { operational: 0, business: 3 }, shipSignalThreshold: 0.5, requireOwnerAcceptance: false, requireWorkstreamsDone: true, requireSubtasksDone: false });
  });
  it('asks for finished sub-tasks only as part of finished workstreams', () => {
    expect(readinessPolicy(defaultProjectSettings(), { scopeLabel: '', requireWorkstreamsDone: true, requireSubtasksDone: true }).requireSubtasksDone).toBe(true);
    expect(readinessPolicy(defaultProjectSettings(), { scopeLabel: '', requireWorkstreamsDone: false, requireSubtasksDone: true }).requireSubtasksDone).toBe(false);
  });
});

describe('computeReadiness: levels', () => {
  it('is not-started without a record, with every question open', () => {
    const r = computeReadiness(null, OPEN, POLICY);
    expect(r.level).toBe('not-started');
    expect(r.answered).toBe(false);
    expect(r.missing.map((m) => m.code)).toEqual(['no-conditions', 'missing-operational-kpi', 'missing-business-kpi', 'no-owner']);
    expect(r.openQuestions).toBe(3);
  });
  it('is not-started for an empty record, even with a pilot champion', () => {
    const r = computeReadiness(record({ ownership: { pilotChampion: MARCUS, workstreamLeads: {} } }), OPEN, POLICY);
    expect(r.level).toBe('not-started');
  });
  it('is deciding once anything is recorded (a pilot close date counts)', () => {
    expect(computeReadiness(record({ pilot: { plannedCloseDate: '2026-04-01' } }), OPEN, POLICY).level).toBe('deciding');
    expect(computeReadiness(record({ pilotMetrics: [{ id: 'm1', name: 'Triage time', result: '' }] }), OPEN, POLICY).level).toBe('deciding');
  });
  it('is ready when nothing is missing', () => {
    const r = computeReadiness(readyRecord(), OPEN, POLICY);
    expect(r).toMatchObject({ level: 'ready', answered: true, missing: [], openQuestions: 0 });
  });
  it('is shipped when the epic is done, whatever is missing', () => {
    const r = computeReadiness(null, DONE, POLICY);
    expect(r.level).toBe('shipped');
    expect(r.answered).toBe(false);
  });
});

describe('computeReadiness: pilot conditions', () => {
  it('asks for conditions when none are recorded', () => {
    const r = computeReadiness(record({ kpis: readyRecord().kpis }), OPEN, POLICY);
    expect(r.missing[0].sentence).toBe('No pilot conditions are recorded yet: list the exceptions the pilot ran on.');
  });
  it('names the undecided conditions, plural', () => {
    const rec = { ...readyRecord(), conditions: [condition('a', 'Direct claims DB access'), condition('b', 'Weekly sponsor review'), condition('c', 'Fast approvals', 'permanent')] };
    const r = computeReadiness(rec, OPEN, POLICY);
    expect(r.missing).toEqual([
      { question: 'conditions', code: 'undecided-conditions', sentence: '2 pilot conditions have no decision (Direct claims DB access, Weekly sponsor review).', names: ['Direct claims DB access', 'Weekly sponsor review'] },
    ]);
    expect(r.counts.conditions).toEqual({ total: 3, decided: 1, undecided: 2, permanent: 1, withdrawn: 0 });
  });
  it('uses the singular for one undecided condition', () => {
    const rec = { ...readyRecord(), conditions: [condition('a', 'Direct claims DB access')] };
    expect(computeReadiness(rec, OPEN, POLICY).missing[0].sentence).toBe('1 pilot condition has no decision (Direct claims DB access).');
  });
  it('lists five names and counts the rest', () => {
    const rec = { ...readyRecord(), conditions: Array.from({ length: 8 }, (_, i) => condition(`c${i}`, `C${i}`)) };
    expect(computeReadiness(rec, OPEN, POLICY).missing[0].sentence).toBe('8 pilot conditions have no decision (C0, C1, C2, C3, C4 and 3 more).');
  });
});

describe('computeReadiness: KPIs', () => {
  const base = readyRecord();
  it('asks for an operational KPI with the categories spelled out', () => {
    const r = computeReadiness({ ...base, kpis: [base.kpis[1]] }, OPEN, POLICY);
    expect(r.missing.map((m) => m.sentence)).toEqual([
      'No agreed operational KPI with a time horizon (reliability, latency, error rate, delivery frequency or model quality).',
    ]);
  });
  it('does not count a proposed KPI or one without a horizon', () => {
    const kpis = [kpi('k1', 'Latency', 'latency', { status: 'proposed' }), kpi('k2', 'Revenue', 'business-outcome', { horizon: undefined })];
    const r = computeReadiness({ ...base, kpis }, OPEN, POLICY);
    expect(r.missing.map((m) => m.code)).toEqual(['missing-operational-kpi', 'missing-business-kpi']);
    expect(r.missing[1].sentence).toBe('No agreed business KPI with a time horizon.');
    expect(r.counts.kpis).toEqual({ total: 2, agreed: 1, operationalAgreed: 0, businessAgreed: 0 });
  });
  it('says how many more are needed when the minimum is above one', () => {
    const policy = { ...POLICY, kpiMinimums: { operational: 0, business: 2 } };
    expect(computeReadiness(base, OPEN, policy).missing.map((m) => m.sentence)).toEqual(['Needs 2 agreed business KPIs with a time horizon, 1 so far.']);
    expect(computeReadiness({ ...base, kpis: [] }, OPEN, policy).missing.map((m) => m.sentence)).toEqual(['Needs 2 agreed business KPIs with a time horizon, none so far.']);
  });
  it('needs nothing when the minimums are zero', () => {
    const policy = { ...POLICY, kpiMinimums: { operational: 0, business: 0 } };
    expect(computeReadiness({ ...base, kpis: [] }, OPEN, policy).level).toBe('ready');
  });
});

describe('computeReadiness: delivery owner', () => {
  const base = readyRecord();
  it('asks for a delivery owner', () => {
    const r = computeReadiness({ ...base, ownership: { workstreamLeads: {} } }, OPEN, POLICY);
    expect(r.missing).toEqual([{ question: 'owner', code: 'no-owner', sentence: 'No delivery owner is named.' }]);
  });
  it('waits for the named owner to accept', () => {
    const r = computeReadiness({ ...base, ownership: { deliveryOwner: PRIYA, workstreamLeads: {} } }, OPEN, POLICY);
    expect(r.missing.map((m) => m.sentence)).toEqual(['Priya Raman has not yet accepted delivery ownership.']);
  });
  it('does not count an acceptance stamped by someone else', () => {
    const r = computeReadiness({ ...base, ownership: { deliveryOwner: PRIYA, accepted: { by: MARCUS, at: AT }, workstreamLeads: {} } }, OPEN, POLICY);
    expect(r.missing.map((m) => m.code)).toEqual(['owner-not-accepted']);
  });
  it('does not need acceptance when the policy does not ask for it', () => {
    const r = computeReadiness({ ...base, ownership: { deliveryOwner: PRIYA, workstreamLeads: {} } }, OPEN, { ...POLICY, requireOwnerAcceptance: false });
    expect(r.level).toBe('ready');
  });
});

describe('computeReadiness: workstreams (gate policy only)', () => {
  const policy = { ...POLICY, requireWorkstreamsDone: true };
  it('ignores workstreams unless the policy asks', () => {
    expect(computeReadiness(readyRecord(), OPEN, POLICY, ws(5, 0)).level).toBe('ready');
  });
  it('asks for the workstream issues to be created', () => {
    expect(computeReadiness(readyRecord(), OPEN, policy).missing.map((m) => m.sentence)).toEqual(['Workstream issues have not been created.']);
    expect(computeReadiness(readyRecord(), OPEN, policy, ws(0, 0)).missing[0].code).toBe('workstreams-not-created');
  });
  it('counts the workstreams not done', () => {
    expect(computeReadiness(readyRecord(), OPEN, policy, ws(5, 2)).missing[0].sentence).toBe('3 of 5 workstreams are not done.');
    expect(computeReadiness(readyRecord(), OPEN, policy, ws(5, 4)).missing[0].sentence).toBe('1 of 5 workstreams is not done.');
    const r = computeReadiness(readyRecord(), OPEN, policy, ws(5, 5));
    expect(r.level).toBe('ready');
  });
  it('counts workstreams as a fourth open question', () => {
    expect(computeReadiness(null, OPEN, policy).openQuestions).toBe(4);
  });
  it('with sub-tasks required, counts the sub-tasks not done as well', () => {
    const strict = { ...policy, requireSubtasksDone: true };
    expect(computeReadiness(readyRecord(), OPEN, strict, ws(5, 5, 19, 12)).missing.map((m) => [m.code, m.sentence])).toEqual([['subtasks-not-done', '7 of 19 sub-tasks are not done.']]);
    expect(computeReadiness(readyRecord(), OPEN, strict, ws(5, 4, 19, 18)).missing.map((m) => m.sentence)).toEqual(['1 of 5 workstreams is not done.', '1 of 19 sub-tasks is not done.']);
    expect(computeReadiness(readyRecord(), OPEN, strict, ws(5, 5, 19, 19)).level).toBe('ready');
    // Without the sub-task policy, open sub-tasks do not hold the epic back.
    expect(computeReadiness(readyRecord(), OPEN, policy, ws(5, 5, 19, 12)).level).toBe('ready');
  });
});

describe('computeReadiness: ship signal', () => {
  const withDecisions = (...statuses: Array<'permanent' | 'withdrawn' | 'undecided'>) =>
    ({ ...readyRecord(), conditions: statuses.map((s, i) => condition(`c${i}`, `C${i}`, s)) });
  it('warns when most decided conditions are withdrawn', () => {
    const r = computeReadiness(withDecisions('withdrawn', 'withdrawn', 'withdrawn', 'permanent'), OPEN, POLICY);
    expect(r.shipSignal).toEqual({
      active: true,
      withdrawn: 3,
      decided: 4,
      threshold: 0.5,
      sentence: 'Most decided pilot conditions (3 of 4) are being withdrawn: the organization has not yet decided to ship this.',
    });
    expect(r.answered).toBe(true);
  });
  it('stays quiet at exactly the threshold, and ignores undecided conditions', () => {
    expect(computeReadiness(withDecisions('withdrawn', 'permanent', 'undecided', 'undecided'), OPEN, POLICY).shipSignal.active).toBe(false);
    expect(computeReadiness(withDecisions('undecided'), OPEN, POLICY).shipSignal).toEqual({ active: false, withdrawn: 0, decided: 0, threshold: 0.5 });
  });
  it('does not say "most" under a lower threshold', () => {
    const r = computeReadiness(withDecisions('withdrawn', 'permanent', 'permanent'), OPEN, { ...POLICY, shipSignalThreshold: 0.25 });
    expect(r.shipSignal.sentence).toBe('1 of 3 decided pilot conditions are being withdrawn: the organization has not yet decided to ship this.');
  });
});

describe('computeReadiness: KPI flags', () => {
  it('flags a business KPI beyond the next quarter and a passed review date', () => {
    const kpis = [
      kpi('k1', 'Claims handled per hour', 'latency', { horizon: { count: 6, unit: 'month' }, firstReviewDate: '2026-03-09' }),
      kpi('k2', 'Revenue per claim', 'business-outcome', { horizon: { count: 3, unit: 'quarter' }, firstReviewDate: '2026-03-10' }),
      kpi('k3', 'Adoption', 'adoption', { horizon: { count: 3, unit: 'month' }, status: 'proposed', firstReviewDate: '2026-01-01' }),
      kpi('k4', 'Cost', 'cost', { horizon: { count: 4, unit: 'month' } }),
    ];
    const r = computeReadiness({ ...readyRecord(), kpis }, OPEN, POLICY);
    expect(r.kpiFlags).toEqual([
      { kpiId: 'k1', kpiName: 'Claims handled per hour', kind: 'review-date-passed', sentence: 'The first review of Claims handled per hour was due on 2026-03-09.' },
      { kpiId: 'k2', kpiName: 'Revenue per claim', kind: 'beyond-next-quarter', sentence: 'Revenue per claim (3 quarters) will not show in the next quarterly review.' },
      { kpiId: 'k4', kpiName: 'Cost', kind: 'beyond-next-quarter', sentence: 'Cost (4 months) will not show in the next quarterly review.' },
    ]);
  });
});

describe('computeReadiness: pilot clock', () => {
  const at = (pilot: HandoffRecord['pilot'], rec = readyRecord()) => computeReadiness({ ...rec, pilot }, OPEN, POLICY).pilot;
  it('counts down to the planned close with the questions open', () => {
    const open = { ...readyRecord(), ownership: { workstreamLeads: {} }, kpis: [] };
    expect(at({ plannedCloseDate: '2026-03-22' }, open)).toEqual({
      plannedCloseDate: '2026-03-22',
      closesInDays: 12,
      closed: false,
      purgatoryDays: 0,
      sentence: 'Pilot closes in 12 days, 2 questions open.',
    });
    expect(at({ plannedCloseDate: '2026-03-11' }).sentence).toBe('Pilot closes in 1 day, all questions answered.');
  });
  it('has no sentence without a date', () => {
    expect(at({})).toEqual({ closed: false, purgatoryDays: 0 });
  });
  it('counts purgatory from the actual close while unshipped, even with every answer in', () => {
    const clock = at({ plannedCloseDate: '2026-01-01', actualCloseDate: '2026-01-29' });
    expect(clock).toMatchObject({ closed: true, purgatoryDays: 40, closesInDays: -68, sentence: 'Pilot closed 40 days ago; in pilot purgatory for 40 days.' });
  });
  it('falls back to the planned close date once it has passed', () => {
    expect(at({ plannedCloseDate: '2026-03-09' })).toMatchObject({ closed: true, purgatoryDays: 1, sentence: 'Pilot closed 1 day ago; in pilot purgatory for 1 day.' });
    expect(at({ plannedCloseDate: '2026-03-10' })).toMatchObject({ closed: true, purgatoryDays: 0, sentence: 'Pilot closed today, all questions answered.' });
  });
  it('stops the purgatory clock once shipped', () => {
    const clock = computeReadiness({ ...readyRecord(), pilot: { actualCloseDate: '2026-01-29' } }, DONE, POLICY).pilot;
    expect(clock).toMatchObject({ closed: true, purgatoryDays: 0, sentence: 'Pilot closed 40 days ago; the epic has shipped.' });
  });
});

// ---- properties ------------------------------------------------------------------------------------
describe('readiness properties', () => {
  it('(a) a fully answered record is ready with nothing missing', () => {
    fc.assert(
      fc.property(arbReadyCase, ({ record: rec, policy }) => {
        expect(HandoffRecord.safeParse(rec).success).toBe(true);
        const r = computeReadiness(rec, OPEN, policy);
        expect(r.missing).toEqual([]);
        expect(r.level).toBe('ready');
        expect(r.answered).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  type Break = (rec: HandoffRecord, pick: number) => { record: HandoffRecord; expectCode: string; expectText: string };
  const committedIdx = (rec: HandoffRecord) => rec.kpis.map((k, i) => (k.status === 'agreed' && k.horizon ? i : -1)).filter((i) => i >= 0);
  const kindWord = (rec: HandoffRecord, i: number) => (['business-outcome', 'adoption', 'cost'].includes(rec.kpis[i].category) ? 'business' : 'operational');
  const breaks: Record<string, Break> = {
    undecide: (rec, pick) => {
      const i = pick % rec.conditions.length;
      const conditions = rec.conditions.map((c, j) => (j === i ? { ...c, decision: { status: 'undecided' as const } } : c));
      return { record: { ...rec, conditions }, expectCode: 'undecided-conditions', expectText: rec.conditions[i].name };
    },
    removeConditions: (rec) => ({ record: { ...rec, conditions: [] }, expectCode: 'no-conditions', expectText: 'No pilot conditions' }),
    unagree: (rec, pick) => {
      const idx = committedIdx(rec);
      const i = idx[pick % idx.length];
      const kpis = rec.kpis.map((k, j) => (j === i ? { ...k, status: 'proposed' as const } : k));
      return { record: { ...rec, kpis }, expectCode: `missing-${kindWord(rec, i)}-kpi`, expectText: kindWord(rec, i) };
    },
    dropHorizon: (rec, pick) => {
      const idx = committedIdx(rec);
      const i = idx[pick % idx.length];
      const kpis = rec.kpis.map((k, j) => (j === i ? { ...k, horizon: undefined } : k));
      return { record: { ...rec, kpis }, expectCode: `missing-${kindWord(rec, i)}-kpi`, expectText: kindWord(rec, i) };
    },
    removeKpi: (rec, pick) => {
      const idx = committedIdx(rec);
      const i = idx[pick % idx.length];
      return { record: { ...rec, kpis: rec.kpis.filter((_, j) => j !== i) }, expectCode: `missing-${kindWord(rec, i)}-kpi`, expectText: kindWord(rec, i) };
    },
    removeOwner: (rec) => ({ record: { ...rec, ownership: { workstreamLeads: {} } }, expectCode: 'no-owner', expectText: 'delivery owner' }),
    removeAcceptance: (rec) => ({
      record: { ...rec, ownership: { deliveryOwner: rec.ownership.deliveryOwner, workstreamLeads: {} } },
      expectCode: 'owner-not-accepted',
      expectText: rec.ownership.deliveryOwner?.displayName ?? '',
    }),
  };

  it('(b) removing any one answer makes it not ready, with a sentence naming it', () => {
    fc.assert(
      fc.property(arbReadyCase, fc.constantFrom(...Object.keys(breaks)), fc.nat(), ({ record: rec, policy }, which, pick) => {
        const broken = breaks[which](rec, pick);
        expect(HandoffRecord.safeParse(broken.record).success).toBe(true);
        const r = computeReadiness(broken.record, OPEN, policy);
        expect(r.level).toBe('deciding');
        expect(r.answered).toBe(false);
        const answer = r.missing.find((m) => m.code === broken.expectCode);
        expect(answer?.sentence).toContain(broken.expectText);
      }),
      { numRuns: 300 },
    );
  });

  it("(c) the level is 'shipped' exactly when the epic is done", () => {
    fc.assert(
      fc.property(fc.option(arbReadyCase, { nil: null }), fc.constantFrom('new' as const, 'indeterminate' as const, 'done' as const), (c, statusCategory) => {
        const r = computeReadiness(c?.record ?? null, { ...OPEN, statusCategory }, c?.policy ?? POLICY);
        expect(r.level === 'shipped').toBe(statusCategory === 'done');
      }),
      { numRuns: 100 },
    );
  });

  it('(d) the ship signal never changes whether the questions are answered', () => {
    fc.assert(
      fc.property(arbReadyCase, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ record: rec, policy }, t1, t2) => {
        const a = computeReadiness(rec, OPEN, { ...policy, shipSignalThreshold: t1 });
        const b = computeReadiness(rec, OPEN, { ...policy, shipSignalThreshold: t2 });
        expect(a.answered).toBe(b.answered);
        expect(a.missing).toEqual(b.missing);
        expect(a.level).toBe(b.level);
        // Withdrawing every condition lights the signal but still leaves every question answered.
        const allWithdrawn = { ...rec, conditions: rec.conditions.map((c) => ({ ...c, decision: { status: 'withdrawn' as const, rationale: 'x', productionPath: 'y', leadTimeDays: 1, decided: { by: MARCUS, at: AT } } })) };
        const w = computeReadiness(allWithdrawn, OPEN, { ...policy, shipSignalThreshold: 0.5 });
        expect(w.shipSignal.active).toBe(true);
        expect(w.answered).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
