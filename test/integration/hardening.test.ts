/**
 * Attacks a new user could make through the host's doors (Jira REST as a member, the resolvers through
 * /__local/invoke): wrong types in the searchable summary, a browse-only delivery owner, the report read
 * without access to its project, impossible dates and control characters in settings.
 */
import { ROLE_IDS, SCOPE_LABEL, SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';
import { SUMMARY_PROPERTY_KEY } from '../../src/domain/report-types';
import type { HandoffView, ReportPage, ResolverName, Result } from '../../src/shared/contract';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, resetStats, searchKeys, stats } from '../helpers/local-api';
import { ADMIN, createEpic } from '../helpers/handoff-fixtures';
import { moveIssues } from '../helpers/jira-admin';

jest.setTimeout(120_000);

const LEAD = 'lead@example.com';
const VIEWER = 'viewer@example.com';
const project = { context: { projectKey: 'AIP' } };

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

const call = (name: ResolverName, issueKey: string, payload: unknown, user = ADMIN) => invoke(host.url, name, payload, { context: { issueKey }, user }) as Promise<Result<HandoffView>>;

async function reportRows(user = ADMIN): Promise<ReportPage['rows']> {
  const rows: ReportPage['rows'] = [];
  let nextPageToken: string | undefined;
  do {
    const page = ok(await invoke(host.url, 'getReportPage', nextPageToken ? { nextPageToken } : {}, { ...project, user }));
    rows.push(...page.rows);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return rows;
}

/** Every value of a row has the type the report page and the CSV export rely on. */
function expectWellTyped(row: ReportPage['rows'][number]): void {
  const isCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  expect({ key: row.key, types: {
    owner: row.owner === undefined || (typeof row.owner.displayName === 'string' && typeof row.owner.accountId === 'string' && typeof row.owner.accepted === 'boolean'),
    lastChange: row.lastChange === undefined || (typeof row.lastChange === 'string' && !Number.isNaN(Date.parse(row.lastChange))),
    missing: Array.isArray(row.missing) && row.missing.every((m) => typeof m === 'string'),
    counts: [row.missingCount, row.conditions.decided, row.conditions.total, row.kpis.agreed, row.kpis.total, row.workstreams.done, row.workstreams.total].every(isCount),
    purgatory: row.purgatoryDays === null || isCount(row.purgatoryDays),
  } }).toEqual({ key: row.key, types: { owner: true, lastChange: true, missing: true, counts: true, purgatory: true } });
}

describe('item 6: a searchable summary with wrong types, written by a member through Jira REST', () => {
  test('never reaches the report: the rows are repaired or read without it, and every other row is untouched', async () => {
    const before = await reportRows();
    const property = async (key: string) => (await jira(host.url, 'GET', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`)).body.value;
    const nearly = await property(SEED_KEYS.nearlyReady);
    const stalled = await property(SEED_KEYS.stalled);
    // Members can edit issues, so they can edit issue properties: the report must not trust them.
    const bad = [
      [SEED_KEYS.nearlyReady, { ...nearly, ownerName: 42 }],
      [SEED_KEYS.stalled, { ...stalled, updatedAt: ['2026-01-01'], missing: 'everything', conditionsTotal: -3 }],
      [SEED_KEYS.mostlyWithdrawn, { v: 1, level: 'deciding', missing: [{ html: '<b>' }], plannedCloseDate: '2026-02-30' }],
      [SEED_KEYS.untouched, { v: 1, level: 'ready', missing: Array.from({ length: 500 }, () => 'x'.repeat(60)) }],
    ] as const;
    for (const [key, value] of bad) {
      const put = await jira(host.url, 'PUT', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`, value, LEAD);
      expect([200, 201]).toContain(put.status);
    }
    const after = await reportRows(VIEWER);
    expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key));
    for (const row of after) expectWellTyped(row);
    const row = (key: string) => after.find((r) => r.key === key)!;
    expect(row(SEED_KEYS.nearlyReady).owner?.accountId).toBe(nearly.ownerAccountId);
    expect(row(SEED_KEYS.untouched).missing.length).toBeLessThanOrEqual(8);
    expect(JSON.stringify(row(SEED_KEYS.untouched)).length).toBeLessThan(4000);
    const untouchedRows = (rows: ReportPage['rows']) => rows.filter((r) => !bad.some(([key]) => key === r.key));
    expect(untouchedRows(after)).toEqual(untouchedRows(before));
  });
});

describe('item 8: a browse-only delivery owner', () => {
  test('can accept the ownership they were named for, so the epic can pass the gate', async () => {
    const key = await createEpic(host.url, 'Owner who can only browse');
    let view = ok(await call('setOwner', key, { baseVersion: 0, ownerAccountId: SEED_ACCOUNTS.viewer }, LEAD));
    expect(view.readiness.missing.map((m) => m.code)).toContain('owner-not-accepted');
    view = ok(await call('acceptOwnership', key, { baseVersion: view.version }, VIEWER));
    expect(view.record!.ownership.accepted?.by.accountId).toBe(SEED_ACCOUNTS.viewer);
    expect(view.readiness.missing.map((m) => m.code)).not.toContain('owner-not-accepted');
    // Browse-only is not enough for anything else, and only the named owner may accept.
    expect(await call('saveCondition', key, { baseVersion: view.version, condition: { kind: 'other', name: 'x' } }, VIEWER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const other = await createEpic(host.url, 'Owner named, someone else accepts');
    const named = ok(await call('setOwner', other, { baseVersion: 0, ownerAccountId: SEED_ACCOUNTS.lead }, LEAD));
    expect(await call('acceptOwnership', other, { baseVersion: named.version }, VIEWER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Only Lee Lead, the named delivery owner, can accept.' } });
  });

  test('someone who cannot even browse the epic cannot be named, and the message says why', async () => {
    const key = await createEpic(host.url, 'Owner without access');
    const removed = await jira(host.url, 'DELETE', `/rest/api/3/project/AIP/role/${ROLE_IDS.viewers}?user=${SEED_ACCOUNTS.viewer}`);
    expect(removed.status).toBe(204);
    try {
      const r = await call('setOwner', key, { baseVersion: 0, ownerAccountId: SEED_ACCOUNTS.viewer }, LEAD);
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `Val Viewer cannot see ${key}, so they could never accept delivery ownership. Name someone who can browse this project.`,
          fieldErrors: { ownerAccountId: `Val Viewer cannot see ${key}, so they could never accept delivery ownership. Name someone who can browse this project.` },
        },
      });
    } finally {
      await jira(host.url, 'POST', `/rest/api/3/project/AIP/role/${ROLE_IDS.viewers}`, { user: [SEED_ACCOUNTS.viewer] });
    }
  });
});

describe('item 9: the report of a project the caller cannot browse', () => {
  test('answers NOT_FOUND and no settings figures', async () => {
    const settings = ok(await invoke(host.url, 'getProjectSettings', {}, project)).settings;
    ok(await invoke(host.url, 'saveProjectSettings', { settings: { ...settings, stallDays: 23 } }, project));
    const removed = await jira(host.url, 'DELETE', `/rest/api/3/project/AIP/role/${ROLE_IDS.viewers}?user=${SEED_ACCOUNTS.viewer}`);
    expect(removed.status).toBe(204);
    try {
      const r = await invoke(host.url, 'getReportPage', {}, { ...project, user: VIEWER });
      expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'This project does not exist or you do not have permission to see it.' } });
      expect(JSON.stringify(r)).not.toContain('23');
    } finally {
      await jira(host.url, 'POST', `/rest/api/3/project/AIP/role/${ROLE_IDS.viewers}`, { user: [SEED_ACCOUNTS.viewer] });
    }
    expect(ok(await invoke(host.url, 'getReportPage', {}, { ...project, user: VIEWER })).stallDays).toBe(23);
  });
});

describe('item 10: impossible calendar dates', () => {
  test('are refused wherever a date is accepted, naming the date, and nothing is stored', async () => {
    const key = await createEpic(host.url, 'Impossible dates');
    let view = ok(await call('saveCondition', key, { baseVersion: 0, condition: { kind: 'tooling', name: 'Vendor sandbox' } }));
    view = ok(await call('saveKpi', key, { baseVersion: view.version, kpi: { name: 'Latency p95', category: 'latency', direction: 'lower-is-better', status: 'proposed' } }));
    const attempts: Array<[ResolverName, unknown, string, string]> = [
      ['savePilot', { baseVersion: view.version, plannedCloseDate: '2026-02-31', actualCloseDate: null, pilotChampionAccountId: null }, 'plannedCloseDate', '2026-02-31'],
      ['savePilot', { baseVersion: view.version, plannedCloseDate: null, actualCloseDate: '2026-04-31', pilotChampionAccountId: null }, 'actualCloseDate', '2026-04-31'],
      ['decideCondition', { baseVersion: view.version, conditionId: view.record!.conditions[0].id, decision: { status: 'permanent', rationale: 'r', sustainedBy: 's', reviewDate: '2026-02-30' } }, 'decision.reviewDate', '2026-02-30'],
      ['saveKpi', { baseVersion: view.version, kpi: { id: view.record!.kpis[0].id, name: 'Latency p95', category: 'latency', direction: 'lower-is-better', status: 'proposed', firstReviewDate: '2027-02-29' } }, 'kpi.firstReviewDate', '2027-02-29'],
    ];
    for (const [name, payload, field, date] of attempts) {
      const r = await call(name, key, payload);
      expect({ name, r }).toEqual({ name, r: { ok: false, error: expect.objectContaining({ code: 'VALIDATION', fieldErrors: { [field]: `${date} is not a date in the calendar` } }) } });
    }
    expect((ok(await call('getHandoff', key, {}))).version).toBe(view.version);
  });
});

describe('item 13: the initiative-label setting', () => {
  test('refuses control characters with a clear message, and the report keeps working for everyone', async () => {
    const { settings } = ok(await invoke(host.url, 'getProjectSettings', {}, project));
    const r = await invoke(host.url, 'saveProjectSettings', { settings: { ...settings, initiativeLabel: 'x\u0000' } }, project);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'settings.initiativeLabel': 'A label cannot contain control characters (such as a null byte or an escape)' } } });
    expect(ok(await invoke(host.url, 'getProjectSettings', {}, project)).settings.version).toBe(settings.version);
    expect((await reportRows(LEAD)).length).toBeGreaterThan(0);
  });
});

describe('item 5: a forged searchable summary', () => {
  const path = (key: string) => `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`;
  const property = async (key: string) => {
    const r = await jira(host.url, 'GET', path(key));
    return r.status === 404 ? undefined : r.body.value;
  };
  const forge = async (key: string, value: unknown) => expect([200, 201]).toContain((await jira(host.url, 'PUT', path(key), value, LEAD)).status);

  /** An epic with one undecided condition: what the app itself publishes for it. */
  async function undecidedEpic(summary: string): Promise<{ key: string; truth: Record<string, unknown> }> {
    const key = await createEpic(host.url, summary);
    ok(await call('saveCondition', key, { baseVersion: 0, condition: { kind: 'data-access', name: 'Direct claims DB access' } }));
    await eventsIdle(host.url);
    return { key, truth: await property(key) };
  }
  const forgeries = (truth: Record<string, unknown>) => [
    { ...truth, level: 'ready' },
    { ...truth, level: 'ready', missingCount: 0, missing: [] },
    { ...truth, ownerName: 'Someone else' },
  ];

  test('is rewritten from storage when the panel shows the handoff', async () => {
    const { key, truth } = await undecidedEpic('Forged summary: panel view');
    expect(truth).toMatchObject({ level: 'deciding', version: 1 });
    for (const forged of forgeries(truth)) {
      await forge(key, forged);
      ok(await call('getHandoff', key, {}, VIEWER));
      expect(await property(key)).toEqual(truth);
    }
    expect(await searchKeys(host.url, `key = ${key} AND handoffLevel = "ready"`)).toEqual([]);
  });

  test('is removed from an epic that has no handoff and is no initiative', async () => {
    await forge(SEED_KEYS.unlabelledEpic, { v: 1, level: 'ready', missingCount: 0, missing: [] });
    ok(await call('getHandoff', SEED_KEYS.unlabelledEpic, {}, VIEWER));
    expect(await property(SEED_KEYS.unlabelledEpic)).toBeUndefined();
  });

  test('is rewritten by the next issue event on the epic', async () => {
    const { key, truth } = await undecidedEpic('Forged summary: trigger');
    for (const forged of forgeries(truth)) {
      await forge(key, forged);
      expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${key}`, { fields: { labels: [SCOPE_LABEL, `touched-${Date.now()}`] } })).status).toBe(204);
      await eventsIdle(host.url);
      expect(await property(key)).toEqual(truth);
    }
  });

  test('is not believed by the report, which rewrites the rows it can tell are forged', async () => {
    const { key, truth } = await undecidedEpic('Forged summary: report');
    const before = await reportRows();
    const row = before.find((r) => r.key === key)!;
    expect(row).toMatchObject({ level: 'deciding', missingCount: 4 });
    for (const forged of forgeries(truth).slice(0, 2)) {
      await forge(key, forged);
      const after = await reportRows(VIEWER);
      expect(after.find((r) => r.key === key)).toEqual(row);
      expect(await property(key)).toEqual(truth);
    }
    // Rows it cannot fault cost nothing: no record is read and nothing is written.
    await eventsIdle(host.url);
    await resetStats(host.url);
    await reportRows(VIEWER);
    const s = await stats(host.url);
    expect(s.kvs.byModule['readiness-report']).toBe(1);
    expect(Object.keys(s.jira.byRoute).filter((route) => route.includes('/properties/'))).toEqual([]);
  });
});

describe('item 7: the audit export', () => {
  const MARCUS = 'marcus@example.com';
  async function exported(user: string): Promise<Array<{ issueKey?: string; issueId?: string; summary: string }>> {
    const entries: Array<{ issueKey?: string; issueId?: string; summary: string }> = [];
    let cursor: string | undefined;
    do {
      const page = ok(await invoke(host.url, 'exportAuditTrail', { format: 'json', ...(cursor ? { cursor } : {}) }, { ...project, user }));
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    return entries;
  }

  test('leaves out the entries of an epic moved where the caller cannot browse it, checking in batches as the caller', async () => {
    const key = await createEpic(host.url, 'Audit: moved out of sight');
    const view = ok(await call('saveCondition', key, { baseVersion: 0, condition: { kind: 'data-access', name: 'Secret data source' } }));
    const issueId = view.epic.id;
    expect((await exported(MARCUS)).some((e) => e.issueId === issueId)).toBe(true);
    // OPS: Marcus Webb has no role there, Lee Lead is a member.
    await moveIssues(host.url, [key], { project: 'OPS', issueType: 'Epic' });
    await eventsIdle(host.url);

    await resetStats(host.url);
    const forMarcus = await exported(MARCUS);
    expect(forMarcus.filter((e) => e.issueId === issueId)).toEqual([]);
    expect(JSON.stringify(forMarcus)).not.toContain('Secret data source');
    expect(forMarcus.length).toBeGreaterThan(0);
    const pages = (await stats(host.url)).invocations['readiness-report:exportAuditTrail']?.count ?? 0;
    const checks = (await stats(host.url)).jira.byRoute['POST /rest/api/3/permissions/check'] ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(checks).toBe(pages);
    expect((await exported(LEAD)).filter((e) => e.issueId === issueId).length).toBeGreaterThan(0);
  });
});
