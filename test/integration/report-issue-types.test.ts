/**
 * The report finds initiatives by hierarchy level, like everything else in the app: on a site that
 * renamed "Epic" and added a second level-1 type, every level-1 initiative is listed and no task is.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, resetStats, stats } from '../helpers/local-api';
import { addEpicLevelType } from '../helpers/jira-admin';
import { ISSUE_TYPE_IDS, SCOPE_LABEL, SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(120_000);

let host: TestHost;
let feature: string;
beforeAll(async () => {
  host = await startTestHost();
  const renamed = await jira(host.url, 'PUT', `/rest/api/3/issuetype/${ISSUE_TYPE_IDS.epic}`, { name: 'Initiative' });
  expect(renamed).toMatchObject({ status: 200, body: { id: ISSUE_TYPE_IDS.epic, name: 'Initiative', hierarchyLevel: 1 } });
  const featureType = await addEpicLevelType(host.url, 'Feature');
  const created = await jira<{ key: string }>(host.url, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, issuetype: { id: featureType }, summary: 'Document intake assistant', labels: [SCOPE_LABEL] },
  });
  expect(created.status).toBe(201);
  feature = created.body.key;
  // The new epic's issue event reaches the trigger (which searches) before anything is counted.
  await eventsIdle(host.url);
});
afterAll(async () => {
  await host.stop();
});

const project = { context: { projectKey: 'AIP' } };
const SEEDED = [SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.untouched, SEED_KEYS.stalled, SEED_KEYS.ready, SEED_KEYS.shipped];

test('only a Jira admin renames an issue type', async () => {
  const r = await jira(host.url, 'PUT', `/rest/api/3/issuetype/${ISSUE_TYPE_IDS.epic}`, { name: 'Epic' }, 'lead@example.com');
  expect(r.status).toBe(403);
});

test('the report lists every level-1 initiative, whatever the types are called', async () => {
  for (const user of ['admin@example.com', 'viewer@example.com']) {
    const page = ok(await invoke(host.url, 'getReportPage', {}, { ...project, user }));
    expect(page.rows.map((r) => r.key)).toEqual([...SEEDED, feature]);
  }
  // The second level-1 type is an epic to the panel too.
  const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: feature } }));
  expect(view.epic.isEpic).toBe(true);
});

test('the level-1 types cost one Jira request a call, not one per epic', async () => {
  await resetStats(host.url);
  const page = ok(await invoke(host.url, 'getReportPage', {}, project));
  // The search, the project's issue types and the caller's browse permission on the project.
  expect(page.jiraRequests).toBe(3);
  const byRoute = (await stats(host.url)).jira.byRoute;
  expect(byRoute['POST /rest/api/3/search/jql']).toBe(1);
});
