import { ConditionInput, DecisionInput, KpiInput, MetricInput } from './inputs';
import * as c from './commands';
import { emptyRecord, HandoffRecord, type UserRef } from './record';

const lee: UserRef = { accountId: 'lee-1', displayName: 'Lee Lead' };
const priya: UserRef = { accountId: 'priya-1', displayName: 'Priya Raman' };
let counter = 0;
const ctx = (by: UserRef = lee): c.CommandContext => ({ by, now: '2026-11-25T17:03:00.000Z', newId: () => `id${++counter}` });
const base = () => emptyRecord('10001', '2026-11-01T09:00:00.000Z', lee);

function must(result: c.CommandResult): HandoffRecord {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return HandoffRecord.parse(result.record);
}

const condition = ConditionInput.parse({ kind: 'data-access', name: 'Direct read access to the claims database' });

describe('conditions', () => {
  it('adds a condition as undecided with a new id, then edits it in place keeping its decision', () => {
    let r = must(c.upsertCondition(base(), condition, ctx()));
    expect(r.conditions).toHaveLength(1);
    expect(r.conditions[0].decision).toEqual({ status: 'undecided' });
    const id = r.conditions[0].id;
    r = must(c.decideCondition(r, id, DecisionInput.parse({ status: 'withdrawn', rationale: 'Governed feed', productionPath: 'Standard data request', leadTimeDays: 30 }), ctx()));
    r = must(c.upsertCondition(r, ConditionInput.parse({ id, kind: 'data-access', name: 'Claims DB read access' }), ctx()));
    expect(r.conditions[0]).toMatchObject({ id, name: 'Claims DB read access', decision: { status: 'withdrawn' } });
  });

  it('stamps the decision with the server\'s user and time, and clears it when set back to undecided', () => {
    let r = must(c.upsertCondition(base(), condition, ctx()));
    const id = r.conditions[0].id;
    r = must(c.decideCondition(r, id, DecisionInput.parse({ status: 'permanent', rationale: 'Needed', sustainedBy: 'VP of Claims' }), ctx(priya)));
    expect(r.conditions[0].decision).toMatchObject({ status: 'permanent', decided: { by: priya, at: '2026-11-25T17:03:00.000Z' } });
    r = must(c.decideCondition(r, id, DecisionInput.parse({ status: 'undecided' }), ctx()));
    expect(r.conditions[0].decision).toEqual({ status: 'undecided' });
  });

  it('answers NOT_FOUND for an id that is not on this record (e.g. another epic\'s)', () => {
    const r = must(c.upsertCondition(base(), condition, ctx()));
    for (const result of [
      c.removeCondition(r, 'someone-elses'),
      c.decideCondition(r, 'someone-elses', DecisionInput.parse({ status: 'undecided' }), ctx()),
      c.upsertCondition(r, ConditionInput.parse({ id: 'someone-elses', kind: 'other', name: 'x' }), ctx()),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(must(c.removeCondition(r, r.conditions[0].id)).conditions).toEqual([]);
  });

  it('refuses more than the limit of conditions', () => {
    let r = base();
    for (let i = 0; i < 40; i++) r = must(c.upsertCondition(r, condition, ctx()));
    expect(c.upsertCondition(r, condition, ctx())).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('measurement', () => {
  it('links a KPI to a pilot metric only when the metric exists, and unlinks it when the metric is removed', () => {
    let r = must(c.upsertMetric(base(), MetricInput.parse({ name: 'Triage time', result: '42% faster' }), ctx()));
    const metricId = r.pilotMetrics[0].id;
    const kpi = { name: 'Average claim handling time', category: 'business-outcome', direction: 'lower-is-better', horizon: { count: 3, unit: 'quarter' }, status: 'agreed' } as const;
    expect(c.upsertKpi(r, KpiInput.parse({ ...kpi, replacesMetricId: 'nope' }), ctx())).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'kpi.replacesMetricId': expect.any(String) } } });
    r = must(c.upsertKpi(r, KpiInput.parse({ ...kpi, replacesMetricId: metricId }), ctx()));
    expect(r.kpis[0].replacesMetricId).toBe(metricId);
    r = must(c.removeMetric(r, metricId));
    expect(r.pilotMetrics).toEqual([]);
    expect(r.kpis[0]).not.toHaveProperty('replacesMetricId');
  });

  it('replaces a KPI wholesale on edit and removes it by id', () => {
    let r = must(c.upsertKpi(base(), KpiInput.parse({ name: 'p95 triage latency', category: 'latency', direction: 'lower-is-better', target: '1.5 s', status: 'proposed' }), ctx()));
    const id = r.kpis[0].id;
    r = must(c.upsertKpi(r, KpiInput.parse({ id, name: 'p95 triage latency', category: 'latency', direction: 'lower-is-better', status: 'agreed', horizon: { count: 1, unit: 'quarter' } }), ctx()));
    expect(r.kpis[0]).toMatchObject({ id, status: 'agreed', target: '' });
    expect(must(c.removeKpi(r, id)).kpis).toEqual([]);
    expect(c.removeKpi(r, 'other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('ownership', () => {
  it('only the named owner can accept; changing the owner resets acceptance; re-naming the same owner keeps it', () => {
    expect(c.acceptOwnership(base(), ctx())).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    let r = must(c.setOwner(base(), priya, ctx()));
    expect(c.acceptOwnership(r, ctx(lee))).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only Priya Raman, the named delivery owner, can accept.' } });
    r = must(c.acceptOwnership(r, ctx(priya)));
    expect(r.ownership.accepted).toEqual({ by: priya, at: '2026-11-25T17:03:00.000Z' });
    expect(must(c.setOwner(r, priya, ctx())).ownership.accepted).toBeDefined();
    const changed = must(c.setOwner(r, lee, ctx()));
    expect(changed.ownership).toMatchObject({ deliveryOwner: lee });
    expect(changed.ownership.accepted).toBeUndefined();
    expect(must(c.setOwner(r, null, ctx())).ownership.deliveryOwner).toBeUndefined();
  });

  it('stamps the day an owner is named, keeps it while the same owner stays named, and drops it when cleared', () => {
    const later = (by: UserRef = lee): c.CommandContext => ({ ...ctx(by), now: '2026-12-01T09:00:00.000Z' });
    const named = must(c.setOwner(base(), priya, ctx()));
    expect(named.ownership.named).toEqual({ by: lee, at: '2026-11-25T17:03:00.000Z' });
    expect(must(c.setOwner(named, priya, later())).ownership.named?.at).toBe('2026-11-25T17:03:00.000Z');
    expect(must(c.setOwner(named, lee, later())).ownership.named?.at).toBe('2026-12-01T09:00:00.000Z');
    expect(must(c.setOwner(named, null, later())).ownership.named).toBeUndefined();
    expect(must(c.savePilot(named, { plannedCloseDate: null, actualCloseDate: null, pilotChampion: null })).ownership.named).toEqual(named.ownership.named);
  });

  it('sets and clears a workstream lead without touching the others', () => {
    let r = must(c.setWorkstreamLead(base(), 'data-integration', priya));
    r = must(c.setWorkstreamLead(r, 'compliance-review', lee));
    r = must(c.setWorkstreamLead(r, 'data-integration', null));
    expect(r.ownership.workstreamLeads).toEqual({ 'compliance-review': lee });
  });

  it('saves the pilot timeline and champion, clearing what is null', () => {
    let r = must(c.savePilot(base(), { plannedCloseDate: '2026-12-07', actualCloseDate: null, pilotChampion: priya }));
    expect(r.pilot).toEqual({ plannedCloseDate: '2026-12-07' });
    expect(r.ownership.pilotChampion).toEqual(priya);
    r = must(c.savePilot(r, { plannedCloseDate: null, actualCloseDate: '2026-12-01', pilotChampion: null }));
    expect(r.pilot).toEqual({ actualCloseDate: '2026-12-01' });
    expect(r.ownership.pilotChampion).toBeUndefined();
  });
});

describe('shortId', () => {
  it('makes ids the record schema accepts and avoids ones already taken', () => {
    const answers = ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'ffffffff-0000-1111-2222-333333333333'];
    const id = c.shortId(new Set(['aaaaaaaabbbb']), () => answers.shift()!);
    expect(id).toBe('ffffffff0000');
    expect(c.shortId()).toMatch(/^[a-f0-9]{12}$/);
  });
});

describe('reopening a Done epic\'s handoff', () => {
  it('stamps who reopened it, when and why; refuses when the epic is not Done or it is reopened already', () => {
    const r = must(c.reopenHandoff(base(), 'Compliance asked to revisit', { key: 'AIP-6', done: true }, ctx(priya)));
    expect(r.reopened).toEqual({ by: priya, at: '2026-11-25T17:03:00.000Z', reason: 'Compliance asked to revisit' });
    expect(c.reopenHandoff(r, 'Again', { key: 'AIP-6', done: true }, ctx())).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Priya Raman already reopened this handoff (Compliance asked to revisit). It locks again once every question is decided.' } });
    expect(c.reopenHandoff(base(), 'Why', { key: 'AIP-6', done: false }, ctx())).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'AIP-6 is not Done: its handoff is open for changes, so there is nothing to reopen.' } });
  });
});
