/**
 * The readiness report agrees with the panel: every row's level equals what getHandoff computes for
 * that epic. Project settings are read by anyone who can browse and changed only by project admins,
 * version-checked and audited.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, ok, resetStats, stats } from '../helpers/local-api';
import { ADMIN, createEpic, decideHandoff } from '../helpers/handoff-fixtures';
import { SEED_KEYS } from '../../local/jira/seed';
import { auditTrailCsv } from '../../src/domain/audit';
import type { AuditEntry } from '../../src/domain/record';

jest.setTimeout(120_000);

let host: TestHost;
let added: string[] = [];
beforeAll(async () => {
  host = await startTestHost();
  // Mixed states on top of the seed: one decided epic, one being decided.
  const decided = await createEpic(host.url, 'Report: decided initiative');
  await decideHandoff(host.url, decided);
  const deciding = await createEpic(host.url, 'Report: initiative being decided');
  added = [decided, deciding];
  const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: deciding } }));
  ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, { context: { issueKey: deciding } }));
  // The new epics' issue events reach the trigger late: let them finish before requests are counted.
  await eventsIdle(host.url);
});
afterAll(async () => {
  await host.stop();
});

const project = { context: { projectKey: 'AIP' } };

test('each report row has the readiness level the panel computes for its epic', async () => {
  await resetStats(host.url);
  const page = ok(await invoke(host.url, 'getReportPage', {}, project));
  expect(page.nextPageToken).toBeUndefined();
  // One search page, the caller's browse permission on the project, and the project's issue types
  // (epics are found by hierarchy level 1, not by name).
  expect(page.jiraRequests).toBe(3);
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql']).toBe(1);
  const levels = new Set<string>();
  for (const row of page.rows) {
    const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: row.key } }));
    expect({ key: row.key, level: row.level }).toEqual({ key: row.key, level: view.readiness.level });
    expect(row.missingCount).toBe(view.readiness.missing.length);
    levels.add(row.level);
  }
  // The labelled seeded initiatives and the two added here; the unlabelled AIP-7 is not an initiative.
  expect(page.rows.map((r) => r.key)).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.untouched, SEED_KEYS.stalled, SEED_KEYS.ready, SEED_KEYS.shipped, ...added]);
  expect([...levels]).toEqual(expect.arrayContaining(['ready', 'deciding', 'not-started']));
});

test('initiatives are the labelled epics plus any epic with a handoff; an empty label lists every epic', async () => {
  const keys = async () => ok(await invoke(host.url, 'getReportPage', {}, project)).rows.map((r) => r.key);
  expect(await keys()).not.toContain(SEED_KEYS.unlabelledEpic);
  const settings = ok(await invoke(host.url, 'getProjectSettings', {}, project)).settings;
  const everyEpic = ok(await invoke(host.url, 'saveProjectSettings', { settings: { ...settings, initiativeLabel: '' } }, project)).settings;
  expect(await keys()).toContain(SEED_KEYS.unlabelledEpic);
  ok(await invoke(host.url, 'saveProjectSettings', { settings: { ...everyEpic, initiativeLabel: 'ai-initiative' } }, project));
  expect(await keys()).not.toContain(SEED_KEYS.unlabelledEpic);
  // Starting a handoff on the unlabelled epic makes it an initiative.
  const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: SEED_KEYS.unlabelledEpic } }));
  ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind: 'other', name: 'Shared GPU quota' } }, { context: { issueKey: SEED_KEYS.unlabelledEpic } }));
  expect(await keys()).toContain(SEED_KEYS.unlabelledEpic);
  // A label that could break out of the JQL string is refused by validation.
  const bad = await invoke(host.url, 'saveProjectSettings', { settings: { ...everyEpic, version: everyEpic.version + 1, initiativeLabel: 'x" OR project = 1' } }, project);
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('a viewer sees the same rows (Jira filters by browse permission, no per-epic check)', async () => {
  const admin = ok(await invoke(host.url, 'getReportPage', {}, project));
  const viewer = ok(await invoke(host.url, 'getReportPage', {}, { ...project, user: 'viewer@example.com' }));
  expect(viewer.rows.map((r) => r.key)).toEqual(admin.rows.map((r) => r.key));
});

test('paging follows nextPageToken one Jira page at a time', async () => {
  const first = ok(await invoke(host.url, 'getReportPage', { maxPages: 1 }, project));
  expect(first.jiraRequests).toBe(3);
  expect(first.rows.length).toBeGreaterThan(0);
});

test('settings: a lead may read but not save; an admin saves; a stale version is a conflict; the change is audited', async () => {
  const lead = ok(await invoke(host.url, 'getProjectSettings', {}, { ...project, user: 'lead@example.com' }));
  expect(lead.canAdminister).toBe(false);
  const changed = { ...lead.settings, stallDays: 21 };

  const refused = await invoke(host.url, 'saveProjectSettings', { settings: changed }, { ...project, user: 'lead@example.com' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');

  const saved = ok(await invoke(host.url, 'saveProjectSettings', { settings: changed }, { ...project, user: ADMIN }));
  expect(saved.settings.stallDays).toBe(21);
  expect(saved.settings.version).toBe(lead.settings.version + 1);
  expect(ok(await invoke(host.url, 'getProjectSettings', {}, { ...project, user: 'viewer@example.com' })).settings.stallDays).toBe(21);

  const stale = await invoke(host.url, 'saveProjectSettings', { settings: { ...changed, stallDays: 30 } }, { ...project, user: ADMIN });
  expect(stale.ok).toBe(false);
  if (!stale.ok) {
    expect(stale.error.code).toBe('CONFLICT');
    expect(stale.error.conflict?.version).toBe(saved.settings.version);
  }

  // The report page joins the trail's pages and builds the file; so does this test.
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = ok(await invoke(host.url, 'exportAuditTrail', { format: 'csv', ...(cursor ? { cursor } : {}) }, { ...project, user: ADMIN }));
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  const csv = auditTrailCsv(entries);
  expect(csv.split('\r\n')[0]).toBe('"At","By","Account id","Issue","Version","Action","Summary","Changes"');
  expect(csv).toMatch(/saveProjectSettings/);
  expect(csv).toMatch(/settings\.stallDays: 14 → 21/);
  expect(entries.map((e) => e.action)).toContain('saveProjectSettings');
  const viewerExport = await invoke(host.url, 'exportAuditTrail', { format: 'csv' }, { ...project, user: 'viewer@example.com' });
  expect(viewerExport.ok).toBe(false);
});
