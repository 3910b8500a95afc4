/**
 * The handoff record's resolvers through the local host (real @forge packages, real KVS transactions,
 * real Jira permissions): filling an epic to ready, refusals that store nothing, conflicts that say who
 * and when, acceptance only by the named owner, and the JQL-searchable summary agreeing with the panel.
 */
import { DEMO_KEYS, SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';
import type { HandoffView, ResolverName, Result } from '../../src/shared/contract';
import { SUMMARY_PROPERTY_KEY } from '../../src/domain/report-types';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, searchKeys, setKvsFault } from '../helpers/local-api';
import { readKvs } from '../helpers/kvs-rows';
import { createEpic } from '../helpers/handoff-fixtures';

jest.setTimeout(180_000);

const ADMIN = 'admin@example.com';
const LEAD = 'lead@example.com';
const VIEWER = 'viewer@example.com';
const MARCUS = 'marcus@example.com';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

const call = (name: ResolverName, issueKey: string, payload: unknown, user = ADMIN) => invoke(host.url, name, payload, { context: { issueKey }, user }) as Promise<Result<HandoffView>>;
const view = async (issueKey: string, user = ADMIN) => ok(await call('getHandoff', issueKey, {}, user));
const stored = (issueId: string) => readKvs(host.dataDir).entities.find((e) => e.entity_name === 'handoff' && e.key === issueId)?.value;

test('an untouched epic is filled to ready; every save is versioned, in history and in the searchable summary', async () => {
  const key = SEED_KEYS.untouched;
  let v = await view(key);
  expect(v.record).toBeNull();
  expect(v.version).toBe(0);
  expect(v.readiness.level).toBe('not-started');

  v = ok(await call('saveCondition', key, { baseVersion: 0, condition: { kind: 'data-access', name: 'Direct read access to the claims database', grantedBy: 'CIO' } }));
  expect(v.version).toBe(1);
  const conditionId = v.record!.conditions[0].id;
  // A client-sent "decided" stamp is dropped: the server names the caller and the time.
  v = ok(await call('decideCondition', key, {
    baseVersion: 1,
    conditionId,
    decision: { status: 'withdrawn', rationale: 'Production reads the governed feed', productionPath: 'Standard data request', leadTimeDays: 30, decided: { by: { accountId: SEED_ACCOUNTS.marcus, displayName: 'Forged' }, at: '2000-01-01' } },
  }));
  const decision = v.record!.conditions[0].decision;
  expect(decision.status === 'withdrawn' && decision.decided.by).toEqual({ accountId: SEED_ACCOUNTS.admin, displayName: 'Avery Admin' });
  expect(decision.status === 'withdrawn' && decision.decided.at).not.toBe('2000-01-01');

  for (const kpi of [
    { name: 'Triage accuracy in production ≥ 92%', category: 'model-quality', direction: 'higher-is-better', horizon: { count: 2, unit: 'quarter' }, status: 'agreed' },
    { name: 'Average claim handling time', category: 'business-outcome', direction: 'lower-is-better', horizon: { count: 3, unit: 'quarter' }, status: 'agreed' },
  ]) {
    v = ok(await call('saveKpi', key, { baseVersion: v.version, kpi }));
  }
  expect(v.readiness.kpiFlags.map((f) => f.kind)).toContain('beyond-next-quarter');
  v = ok(await call('setOwner', key, { baseVersion: v.version, ownerAccountId: SEED_ACCOUNTS.admin }));
  expect(v.record!.ownership.deliveryOwner).toEqual({ accountId: SEED_ACCOUNTS.admin, displayName: 'Avery Admin' });
  expect(v.readiness.level).toBe('deciding');
  v = ok(await call('acceptOwnership', key, { baseVersion: v.version }));
  expect(v.readiness).toMatchObject({ level: 'ready', answered: true, missing: [] });
  expect(v.version).toBe(6);

  const history = ok(await invoke(host.url, 'getHistory', {}, { context: { issueKey: key } }));
  // Oldest first, one page here (the panel joins pages and shows the newest first).
  expect(history.nextCursor).toBeUndefined();
  expect(history.entries.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(history.entries.map((e) => e.action)).toEqual(['saveCondition', 'decideCondition', 'saveKpi', 'saveKpi', 'setOwner', 'acceptOwnership']);
  expect(history.entries[1].summary).toContain('Decided a pilot condition');
  expect(history.entries[1].changes).toContainEqual(expect.objectContaining({ to: 'withdrawn' }));

  const property = await jira(host.url, 'GET', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`);
  expect(property.status).toBe(200);
  expect(property.body.value).toMatchObject({ level: 'ready', missingCount: 0, version: 6, ownerAccepted: 'yes' });

  const brief = ok(await invoke(host.url, 'getBrief', {}, { context: { issueKey: key } }));
  expect(brief.markdown).toContain('Direct read access to the claims database');
  expect(brief.markdown).toContain('Average claim handling time');
  // The link to the epic comes from Jira's serverInfo (the site's address), in both flavours.
  expect(brief.markdown).toContain(`Epic: [${key}](${host.url}/browse/${key})`);
  expect(brief.html).toContain(`<a href="${host.url}/browse/${key}">${key}</a>`);
  expect(brief.html).toMatch(/<table[^>]*><thead><tr><th[^>]*>Condition<\/th>/);
});

test('a viewer\'s change is refused with FORBIDDEN and nothing is stored', async () => {
  const key = SEED_KEYS.nearlyReady;
  const before = await view(key);
  const rowBefore = stored(before.epic.id);
  expect(rowBefore).toBeDefined();
  const asViewer = await view(key, VIEWER);
  expect(asViewer.permissions.canEdit).toBe(false);
  const attempts: Array<[ResolverName, unknown]> = [
    ['saveCondition', { baseVersion: before.version, condition: { kind: 'other', name: 'Sneaky' } }],
    ['removeCondition', { baseVersion: before.version, conditionId: before.record!.conditions[0].id }],
    ['setOwner', { baseVersion: before.version, ownerAccountId: SEED_ACCOUNTS.viewer }],
    ['acceptOwnership', { baseVersion: before.version }],
  ];
  for (const [name, payload] of attempts) {
    const r = await call(name, key, payload, VIEWER);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  const after = await view(key);
  expect(JSON.stringify(after.record)).toBe(JSON.stringify(before.record));
  expect(stored(before.epic.id)).toBe(rowBefore);
});

test('an edit of an item changed since the editor\'s version is refused with CONFLICT naming who changed it and when; the newer record stays', async () => {
  const key = SEED_KEYS.ready;
  let mine = await view(key, ADMIN);
  mine = ok(await call('saveMetric', key, { baseVersion: mine.version, metric: { name: 'Invoices reviewed per hour', result: '3x' } }, ADMIN));
  const metric = mine.record!.pilotMetrics.find((m) => m.name === 'Invoices reviewed per hour')!;
  const theirs = ok(await call('saveMetric', key, { baseVersion: mine.version, metric: { id: metric.id, name: metric.name, result: '4x' } }, LEAD));
  const r = await call('saveMetric', key, { baseVersion: mine.version, metric: { id: metric.id, name: metric.name, result: 'Stale edit' } }, ADMIN);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('CONFLICT');
  expect(r.error.conflict).toMatchObject({ version: theirs.version, by: { displayName: 'Lee Lead' }, at: theirs.record!.updated.at });
  expect(r.error.message).toMatch(/^Lee Lead changed the pilot metric “Invoices reviewed per hour” (at|on) .*, after you opened it\. Your changes are still on screen: review theirs and save again\.$/);
  const now = await view(key);
  expect(now.version).toBe(theirs.version);
  expect(now.record!.pilotMetrics.find((m) => m.id === metric.id)?.result).toBe('4x');
});

test('only the named delivery owner can accept, and naming another owner resets acceptance', async () => {
  const key = SEED_KEYS.mostlyWithdrawn;
  let v = ok(await call('setOwner', key, { baseVersion: (await view(key)).version, ownerAccountId: SEED_ACCOUNTS.marcus }, LEAD));
  const refused = await call('acceptOwnership', key, { baseVersion: v.version }, LEAD);
  expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only Marcus Webb, the named delivery owner, can accept.' } });
  v = ok(await call('acceptOwnership', key, { baseVersion: v.version }, MARCUS));
  expect(v.record!.ownership.accepted?.by.displayName).toBe('Marcus Webb');
  expect(v.permissions.isOwner).toBe(true);
  v = ok(await call('setOwner', key, { baseVersion: v.version, ownerAccountId: SEED_ACCOUNTS.priya }, LEAD));
  expect(v.record!.ownership.accepted).toBeUndefined();
  expect(v.readiness.missing.map((m) => m.code)).toContain('owner-not-accepted');
});

test('named users must exist in Jira, and only epics have handoffs', async () => {
  const key = SEED_KEYS.stalled;
  const before = await view(key);
  const r = await call('setOwner', key, { baseVersion: before.version, ownerAccountId: 'no-such-account' });
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { ownerAccountId: 'No Jira user with this account id' } } });
  expect(await call('getHandoff', SEED_KEYS.story, {})).toMatchObject({ ok: false, error: { code: 'NOT_AN_EPIC' } });
  expect(await call('saveCondition', SEED_KEYS.story, { baseVersion: 0, condition: { kind: 'other', name: 'x' } })).toMatchObject({ ok: false, error: { code: 'NOT_AN_EPIC' } });
  expect((await view(key)).version).toBe(before.version);
});

test('a record that would outgrow storage is refused with TOO_LARGE, never truncated', async () => {
  const key = SEED_KEYS.unlabelledEpic;
  let v = await view(key);
  let refused: Result<HandoffView> | undefined;
  for (let i = 0; i < 40 && !refused; i++) {
    const r = await call('saveCondition', key, { baseVersion: v.version, condition: { kind: 'other', name: `Condition ${i} ${'€'.repeat(150)}`, details: '€'.repeat(2000), grantedBy: '€'.repeat(200) } });
    if (r.ok) v = r.data;
    else refused = r;
  }
  expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  const after = await view(key);
  expect(after.version).toBe(v.version);
  expect(after.record!.conditions.every((c) => c.details.length === 2000)).toBe(true);
});

test('JQL on the searchable summary finds exactly the epics the panel calls missing / ready', async () => {
  // Ask JQL first: reading a handoff can itself publish a missing summary, which must not help the test.
  // AIP's epics are compared one by one below; the demo's other projects have initiatives of their own.
  const missingByJql = (await searchKeys(host.url, `project = AIP AND issue.property[${SUMMARY_PROPERTY_KEY}].missingCount > 0`)).sort();
  const readyByJql = (await searchKeys(host.url, `project = AIP AND issue.property[${SUMMARY_PROPERTY_KEY}].level = "ready"`)).sort();
  const epics = await searchKeys(host.url, 'project = AIP AND issuetype = Epic');
  expect(epics.length).toBeGreaterThanOrEqual(7);
  const levels = new Map<string, HandoffView>();
  for (const key of epics) levels.set(key, await view(key));
  // Initiatives: epics with a handoff record or the initiative label. Only they carry a summary.
  const labelled = new Set(await searchKeys(host.url, 'project = AIP AND issuetype = Epic AND labels = "ai-initiative"'));
  const initiatives = [...levels.values()].filter((v) => v.record !== null || labelled.has(v.epic.key));
  const expectedMissing = initiatives.filter((v) => v.readiness.missing.length > 0).map((v) => v.epic.key).sort();
  const expectedReady = initiatives.filter((v) => v.readiness.level === 'ready').map((v) => v.epic.key).sort();
  expect(expectedReady).toContain(SEED_KEYS.untouched);
  expect(expectedMissing).toEqual(expect.arrayContaining([SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.stalled]));
  expect(missingByJql).toEqual(expectedMissing);
  expect(readyByJql).toEqual(expectedReady);
  expect((await searchKeys(host.url, 'project = AIP AND handoffLevel = "shipped"')).sort()).toEqual([SEED_KEYS.shipped]);
  expect((await searchKeys(host.url, 'handoffLevel = "shipped"')).sort()).toEqual([SEED_KEYS.shipped, DEMO_KEYS.claimsIntake].sort());
});

test('saves racing to change one item from the same version: exactly one wins, the others are CONFLICTs (the storage transaction decides)', async () => {
  const key = await createEpic(host.url, 'Racing saves');
  const base = ok(await call('saveMetric', key, { baseVersion: 0, metric: { name: 'Racing metric', result: '' } }));
  const id = base.record!.pilotMetrics[0].id;
  const results = await Promise.all(
    [ADMIN, LEAD, ADMIN, LEAD].map((user, i) => call('saveMetric', key, { baseVersion: base.version, metric: { id, name: 'Racing metric', result: `Result ${i}` } }, user)),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
  const after = await view(key);
  expect(after.version).toBe(base.version + 1);
  const history = ok(await invoke(host.url, 'getHistory', {}, { context: { issueKey: key } }));
  expect(history.entries.filter((e) => e.version === base.version + 1)).toHaveLength(1);
});

test('when storage fails the change answers STORAGE_ERROR without internals, and nothing is half-written', async () => {
  const key = SEED_KEYS.nearlyReady;
  const before = await view(key);
  const rows = readKvs(host.dataDir);
  await setKvsFault(host.url, 'fail');
  try {
    const r = await call('saveMetric', key, { baseVersion: before.version, metric: { name: 'During an outage', result: '' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    expect(JSON.stringify(r)).not.toMatch(/Injected|sqlite|\.ts:/);
  } finally {
    await setKvsFault(host.url, 'ok');
  }
  expect(readKvs(host.dataDir)).toEqual(rows);
  expect((await view(key)).version).toBe(before.version);
});

test('an initiative older than the app (no summary, no record) gets its "not started" summary on the first view; an ordinary epic gets none', async () => {
  const property = (key: string) => jira(host.url, 'GET', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`);
  const older = await createEpic(host.url, 'Initiative from before the app');
  const ordinary = await createEpic(host.url, 'Ordinary epic', []);
  await eventsIdle(host.url);
  // As if no event had ever published it: the app was installed after the epic was created.
  for (const key of [older, ordinary]) await jira(host.url, 'DELETE', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`);
  expect((await property(older)).status).toBe(404);

  await view(older, 'viewer@example.com');
  await view(ordinary, 'viewer@example.com');
  expect((await property(older)).body.value).toMatchObject({ v: 1, level: 'not-started', version: 0, missingCount: 4 });
  expect((await property(ordinary)).status).toBe(404);
  expect(await searchKeys(host.url, `key in (${older}, ${ordinary}) AND handoffLevel = "not-started"`)).toEqual([older]);
});

test('the view says whether the epic is an initiative, when a Done epic shipped, and its workstream counts', async () => {
  const ordinary = await view(await createEpic(host.url, 'An ordinary epic', []));
  expect([ordinary.initiative, ordinary.record]).toEqual([false, null]);
  expect((await view(SEED_KEYS.nearlyReady)).initiative).toBe(true);
  const shipped = await view(SEED_KEYS.shipped);
  expect(shipped.epic.statusCategory).toBe('done');
  expect(Date.parse(shipped.epic.doneAt ?? '')).not.toBeNaN();
  expect(shipped.workstreams).toEqual({ done: expect.any(Number), total: expect.any(Number), subtasksDone: expect.any(Number), subtasksTotal: expect.any(Number) });
  expect((await view(SEED_KEYS.nearlyReady)).epic.doneAt).toBeUndefined();
});
