/**
 * The readiness report agrees with the panel: every row's level equals what getHandoff computes for
 * that epic. Project settings are read by anyone who can browse and changed only by project admins,
 * version-checked and audited.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok, resetStats, stats } from '../helpers/local-api';
import { ADMIN, createEpic, decideHandoff } from '../helpers/handoff-fixtures';

jest.setTimeout(120_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
  // Mixed states on top of the seed: one decided epic, one being decided.
  await decideHandoff(host.url, await createEpic(host.url, 'Report: decided initiative'));
  const deciding = await createEpic(host.url, 'Report: initiative being decided');
  const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: deciding } }));
  ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, { context: { issueKey: deciding } }));
});
afterAll(async () => {
  await host.stop();
});

const project = { context: { projectKey: 'AIP' } };

test('each report row has the readiness level the panel computes for its epic', async () => {
  await resetStats(host.url);
  const page = ok(await invoke(host.url, 'getReportPage', {}, project));
  expect(page.nextPageToken).toBeUndefined();
  expect(page.jiraRequests).toBe(1);
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql']).toBe(1);
  const levels = new Set<string>();
  for (const row of page.rows) {
    const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: row.key } }));
    expect({ key: row.key, level: row.level }).toEqual({ key: row.key, level: view.readiness.level });
    expect(row.missingCount).toBe(view.readiness.missing.length);
    levels.add(row.level);
  }
  expect(page.rows.length).toBeGreaterThanOrEqual(9);
  expect(levels).toEqual(expect.objectContaining({ size: expect.any(Number) }));
  expect([...levels]).toEqual(expect.arrayContaining(['ready', 'deciding', 'not-started']));
});

test('a viewer sees the same rows (Jira filters by browse permission, no per-epic check)', async () => {
  const admin = ok(await invoke(host.url, 'getReportPage', {}, project));
  const viewer = ok(await invoke(host.url, 'getReportPage', {}, { ...project, user: 'viewer@example.com' }));
  expect(viewer.rows.map((r) => r.key)).toEqual(admin.rows.map((r) => r.key));
});

test('paging follows nextPageToken one Jira page at a time', async () => {
  const first = ok(await invoke(host.url, 'getReportPage', { maxPages: 1 }, project));
  expect(first.jiraRequests).toBe(1);
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

  const csv = ok(await invoke(host.url, 'exportAuditTrail', { format: 'csv' }, { ...project, user: ADMIN }));
  expect(csv.content.split('\r\n')[0]).toBe('At,By,Account id,Issue,Version,Action,Summary,Changes');
  expect(csv.content).toMatch(/saveProjectSettings/);
  expect(csv.content).toMatch(/settings\.stallDays: 14 → 21/);
  const json = ok(await invoke(host.url, 'exportAuditTrail', { format: 'json' }, { ...project, user: ADMIN }));
  expect(JSON.parse(json.content)).toHaveLength(json.entries);
  expect(json.entries).toBe(csv.entries);

  const viewerExport = await invoke(host.url, 'exportAuditTrail', { format: 'csv' }, { ...project, user: 'viewer@example.com' });
  expect(viewerExport.ok).toBe(false);
});
