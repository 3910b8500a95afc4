/**
 * Two people editing one handoff at once (issue 13, item 8): edits of different items (conditions, their
 * decisions, KPIs, metrics, the pilot, the owner) based on the same version both succeed; an edit of an item
 * someone else changed since the editor's version is refused with who changed it and when, and stores
 * nothing. The whole-record version still moves by one per save, for the gate and the history.
 */
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import type { HandoffView, ResolverName, Result } from '../../src/shared/contract';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';
import { createEpic } from '../helpers/handoff-fixtures';

jest.setTimeout(180_000);

const ADMIN = 'admin@example.com';
const LEAD = 'lead@example.com';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

const call = (name: ResolverName, issueKey: string, payload: unknown, user = ADMIN) => invoke(host.url, name, payload, { context: { issueKey }, user }) as Promise<Result<HandoffView>>;
const view = async (issueKey: string) => ok(await call('getHandoff', issueKey, {}));
const withdraw = (rationale: string) => ({ status: 'withdrawn', rationale, productionPath: 'Standard data request', leadTimeDays: 10 });
const history = async (issueKey: string) => ok(await invoke(host.url, 'getHistory', {}, { context: { issueKey } })).entries;

/** An epic with two undecided conditions, two KPIs and a pilot metric, all saved by the admin. */
async function epicWithItems(summary: string): Promise<{ key: string; base: HandoffView }> {
  const key = await createEpic(host.url, summary);
  let v = await view(key);
  for (const name of ['Direct claims DB access', 'Weekly sponsor review']) {
    v = ok(await call('saveCondition', key, { baseVersion: v.version, condition: { kind: 'data-access', name } }));
  }
  for (const [name, category] of [['Triage latency p95', 'latency'], ['Claims handled per FTE', 'business-outcome']] as const) {
    v = ok(await call('saveKpi', key, { baseVersion: v.version, kpi: { name, category, direction: 'higher-is-better', status: 'proposed' } }));
  }
  v = ok(await call('saveMetric', key, { baseVersion: v.version, metric: { name: 'Triage time', result: '42% faster' } }));
  return { key, base: v };
}

test('two editors deciding different conditions from the same version both succeed, one version each', async () => {
  const { key, base } = await epicWithItems('Concurrent: two conditions');
  const [first, second] = base.record!.conditions;
  const mine = await call('decideCondition', key, { baseVersion: base.version, conditionId: first.id, decision: withdraw('Admin: governed feed') });
  const theirs = await call('decideCondition', key, { baseVersion: base.version, conditionId: second.id, decision: withdraw('Lead: monthly review instead') }, LEAD);
  expect(ok(mine).version).toBe(base.version + 1);
  expect(ok(theirs).version).toBe(base.version + 2);
  const after = await view(key);
  expect(after.record!.conditions.map((c) => [c.name, c.decision.status, c.decision.status === 'withdrawn' && c.decision.decided.by.displayName])).toEqual([
    ['Direct claims DB access', 'withdrawn', 'Avery Admin'],
    ['Weekly sponsor review', 'withdrawn', 'Lee Lead'],
  ]);
  // The second answer already shows the first editor's decision: the panel never hides what is stored.
  expect(ok(theirs).record!.conditions[0].decision.status).toBe('withdrawn');
  const entries = (await history(key)).filter((e) => e.version > base.version);
  expect(entries.map((e) => [e.version, e.by.displayName])).toEqual([[base.version + 1, 'Avery Admin'], [base.version + 2, 'Lee Lead']]);
});

test('a second decision on the same condition is refused with who decided it and when; the first stays', async () => {
  const { key, base } = await epicWithItems('Concurrent: same condition');
  const condition = base.record!.conditions[0];
  const first = ok(await call('decideCondition', key, { baseVersion: base.version, conditionId: condition.id, decision: withdraw('Admin decided first') }));
  // Someone else's change to another item in between does not hide who changed this one.
  ok(await call('saveKpi', key, { baseVersion: first.version, kpi: { ...first.record!.kpis[0], target: '400' } }));
  const refused = await call('decideCondition', key, { baseVersion: base.version, conditionId: condition.id, decision: withdraw('Lead decided second') }, LEAD);
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('CONFLICT');
  expect(refused.error.conflict).toMatchObject({ version: first.version, by: { displayName: 'Avery Admin' }, at: first.record!.updated.at });
  expect(refused.error.message).toMatch(/^Avery Admin changed the decision on “Direct claims DB access” (at|on) .+ after you opened it\. Your changes are still on screen/);
  expect(refused.error.message).not.toMatch(/version \d/);
  const after = await view(key);
  const decision = after.record!.conditions[0].decision;
  expect(decision.status === 'withdrawn' && decision.rationale).toBe('Admin decided first');
  expect(after.version).toBe(first.version + 1);
});

test("renaming a condition and deciding it are different fields: both succeed; the same field twice is refused", async () => {
  const { key, base } = await epicWithItems('Concurrent: fields of one condition');
  const condition = base.record!.conditions[1];
  const { decision: _decision, ...fields } = condition;
  ok(await call('saveCondition', key, { baseVersion: base.version, condition: { ...fields, name: 'Weekly sponsor review (30 min)' } }));
  ok(await call('decideCondition', key, { baseVersion: base.version, conditionId: condition.id, decision: withdraw('Monthly is enough') }, LEAD));
  const after = (await view(key)).record!.conditions[1];
  expect([after.name, after.decision.status]).toEqual(['Weekly sponsor review (30 min)', 'withdrawn']);
  const refused = await call('saveCondition', key, { baseVersion: base.version, condition: { ...fields, details: 'Lead: also Fridays' } }, LEAD);
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', conflict: { by: { displayName: 'Avery Admin' } } } });
});

test('KPIs, metrics, the pilot and the owner: different items merge, the same item conflicts', async () => {
  const { key, base } = await epicWithItems('Concurrent: KPIs and more');
  const [latency, business] = base.record!.kpis;
  ok(await call('saveKpi', key, { baseVersion: base.version, kpi: { ...latency, target: '400', unit: 'ms' } }));
  ok(await call('saveKpi', key, { baseVersion: base.version, kpi: { ...business, status: 'agreed', horizon: { count: 1, unit: 'quarter' } } }, LEAD));
  ok(await call('savePilot', key, { baseVersion: base.version, plannedCloseDate: '2027-03-31', actualCloseDate: null, pilotChampionAccountId: null }, LEAD));
  ok(await call('setOwner', key, { baseVersion: base.version, ownerAccountId: SEED_ACCOUNTS.lead }));
  ok(await call('saveMetric', key, { baseVersion: base.version, metric: { name: 'Routing agreement', result: '94%' } }, LEAD));
  const after = await view(key);
  expect(after.version).toBe(base.version + 5);
  expect(after.record!.kpis.map((k) => [k.target, k.status])).toEqual([['400', 'proposed'], ['', 'agreed']]);
  expect(after.record!.pilot.plannedCloseDate).toBe('2027-03-31');
  expect(after.record!.ownership.deliveryOwner?.displayName).toBe('Lee Lead');
  expect(after.record!.pilotMetrics.map((m) => m.name)).toEqual(['Triage time', 'Routing agreement']);

  for (const [name, payload] of [
    ['saveKpi', { baseVersion: base.version, kpi: { ...latency, target: '300' } }],
    ['removeKpi', { baseVersion: base.version, kpiId: business.id }],
    ['savePilot', { baseVersion: base.version, plannedCloseDate: '2027-06-30', actualCloseDate: null, pilotChampionAccountId: null }],
    ['setOwner', { baseVersion: base.version, ownerAccountId: SEED_ACCOUNTS.admin }],
  ] as const) {
    const refused = await call(name, key, payload, ADMIN);
    expect({ name, refused }).toMatchObject({ name, refused: { ok: false, error: { code: 'CONFLICT' } } });
  }
  expect((await view(key)).version).toBe(after.version);
});

test('an edit of an item someone removed meanwhile is refused, naming who removed it', async () => {
  const { key, base } = await epicWithItems('Concurrent: removed item');
  const metric = base.record!.pilotMetrics[0];
  const removed = ok(await call('removeMetric', key, { baseVersion: base.version, metricId: metric.id }, LEAD));
  const refused = await call('saveMetric', key, { baseVersion: base.version, metric: { id: metric.id, name: 'Triage time', result: '45% faster' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', conflict: { by: { displayName: 'Lee Lead' }, version: removed.version } } });
  expect((await view(key)).record!.pilotMetrics).toEqual([]);
});

test('racing saves from one version: new items all land; edits of one item, exactly one wins', async () => {
  const { key, base } = await epicWithItems('Concurrent: racing');
  const added = await Promise.all(
    [ADMIN, LEAD, ADMIN, LEAD].map((user, i) => call('saveMetric', key, { baseVersion: base.version, metric: { name: `Racing metric ${i}`, result: '' } }, user)),
  );
  expect(added.map((r) => r.ok)).toEqual([true, true, true, true]);
  const afterAdds = await view(key);
  expect(afterAdds.version).toBe(base.version + 4);
  expect(afterAdds.record!.pilotMetrics.map((m) => m.name).sort()).toEqual(['Racing metric 0', 'Racing metric 1', 'Racing metric 2', 'Racing metric 3', 'Triage time']);

  const metric = afterAdds.record!.pilotMetrics[0];
  const edits = await Promise.all(
    [ADMIN, LEAD, ADMIN, LEAD].map((user, i) => call('saveMetric', key, { baseVersion: afterAdds.version, metric: { id: metric.id, name: metric.name, result: `Edit ${i}` } }, user)),
  );
  expect(edits.filter((r) => r.ok)).toHaveLength(1);
  expect(edits.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
  expect((await view(key)).version).toBe(afterAdds.version + 1);
});
