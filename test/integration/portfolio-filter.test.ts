/**
 * The portfolio gadget configured with a saved filter (issue 15 item 1): it lists exactly the initiatives the
 * filter matches that the viewer may browse (Jira decides, the search runs as the viewer), in every call the
 * gadget makes; a viewer the filter is not shared with, or a deleted filter, gets a clear message instead of
 * rows; a private filter of someone else is refused even when its id is put into a configuration. The edit
 * view's choices come from what the user may browse and see.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, MODULES, ok } from '../helpers/local-api';
import { DEMO_FILTERS, DEMO_KEYS, SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(120_000);

let host: TestHost;
let dashboardId: string;

/** Jira REST v3 as a user (basic auth), Lee unless told. */
const rest = (method: string, path: string, body?: unknown, user = 'lead@example.com') => jira(host.url, method, `/rest/api/3${path}`, body, user);
async function addGadget(config: unknown): Promise<string> {
  const id = String((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget })).body.id);
  const res = await fetch(`${host.url}/__shell/dashboards/${dashboardId}/gadgets/${id}/configuration`, {
    method: 'PUT', headers: { 'content-type': 'application/json', cookie: 'ph_user=lead@example.com' }, body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
  return id;
}
const gadget = (gadgetId: string, user: string) => ({ moduleKey: MODULES.gadget, user, context: { dashboardId, gadgetId } });
const pageKeys = async (gadgetId: string, user: string) => ok(await invoke(host.url, 'getPortfolioPage', {}, gadget(gadgetId, user))).rows.map((r) => r.key).sort();
/** Jira's own answer for the same user: the filter's initiatives (epics with the demo's initiative label) they may browse. */
const jiraKeys = async (filterId: number | string, user: string) => {
  const res = await rest('POST', '/search/jql', { jql: `filter = ${filterId} AND issuetype = Epic AND labels = ai-initiative`, fields: ['summary'] }, user);
  return (res.body.issues as Array<{ key: string }>).map((i) => i.key).sort();
};

beforeAll(async () => {
  host = await startTestHost();
  await eventsIdle(host.url);
  dashboardId = String((await rest('POST', '/dashboard', { name: 'Filters', sharePermissions: [{ type: 'loggedin' }], editPermissions: [] })).body.id);
});
afterAll(async () => {
  await host?.stop();
});

describe('a gadget configured with the shared filter "Customer-facing AI"', () => {
  let id: string;
  beforeAll(async () => { id = await addGadget({ filterId: String(DEMO_FILTERS.customerFacing.id) }); });

  test('lists exactly the initiatives the filter matches that each viewer may browse', async () => {
    const lead = [SEED_KEYS.untouched, SEED_KEYS.shipped, DEMO_KEYS.supportReplies, DEMO_KEYS.supportBot].sort();
    expect(await jiraKeys(DEMO_FILTERS.customerFacing.id, 'lead@example.com')).toEqual(lead);
    expect(await pageKeys(id, 'lead@example.com')).toEqual(lead);
    // Priya cannot browse SUP: only AIP's.
    expect(await pageKeys(id, 'priya@example.com')).toEqual(await jiraKeys(DEMO_FILTERS.customerFacing.id, 'priya@example.com'));
    expect(await pageKeys(id, 'priya@example.com')).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped].sort());
  });

  test('the start, the rows of its plan and the flow metrics keep to the filter; the start names the filter', async () => {
    const start = ok(await invoke(host.url, 'getPortfolioStart', {}, gadget(id, 'lead@example.com')));
    expect(start.filter).toEqual({ id: String(DEMO_FILTERS.customerFacing.id), name: 'Customer-facing AI' });
    expect(start.rows.map((r) => r.key).sort()).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped, DEMO_KEYS.supportReplies, DEMO_KEYS.supportBot].sort());
    const rows = ok(await invoke(host.url, 'getPortfolioRows', { partitions: [{ from: '1', to: '999999' }] }, gadget(id, 'lead@example.com')));
    expect(rows.rows.map((r) => r.key).sort()).toEqual(start.rows.map((r) => r.key).sort());
    const flow = ok(await invoke(host.url, 'getPortfolioFlow', {}, gadget(id, 'lead@example.com')));
    expect(flow.portfolio.initiatives).toBe(4);
    expect(flow.projects.map((p) => p.key).sort()).toEqual(['AIP', 'SUP']);
  });

  test('the payload cannot swap the filter for projects', async () => {
    const page = ok(await invoke(host.url, 'getPortfolioPage', { projectKeys: ['CLM'] }, gadget(id, 'lead@example.com')));
    expect(page.rows.some((r) => r.project.key === 'CLM')).toBe(false);
  });
});

describe('a filter the viewer may not see', () => {
  test('someone else\'s private filter put into a configuration is refused with a clear message, not their data', async () => {
    const id = await addGadget({ filterId: String(DEMO_FILTERS.priyaPrivate.id) });
    for (const name of ['getPortfolioPage', 'getPortfolioStart', 'getPortfolioFlow'] as const) {
      const answer = await invoke(host.url, name, {}, gadget(id, 'lead@example.com'));
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/saved filter .* is not shared with you or no longer exists: edit the gadget/) } });
    }
    // Its owner sees her own initiatives through it.
    expect(await pageKeys(id, 'priya@example.com')).toEqual([DEMO_KEYS.claimsFraud]);
  });

  test('a deleted filter gives the same message', async () => {
    const created = await rest('POST', '/filter', { name: 'Short-lived', jql: 'project = SUP', sharePermissions: [{ type: 'authenticated' }] });
    const id = await addGadget({ filterId: String(created.body.id) });
    expect((await pageKeys(id, 'viewer@example.com')).length).toBeGreaterThan(0);
    expect((await rest('DELETE', `/filter/${String(created.body.id)}`)).status).toBe(204);
    expect(await invoke(host.url, 'getPortfolioStart', {}, gadget(id, 'viewer@example.com'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no longer exists') } });
  });
});

test('a configuration is projects or a filter, never both, never a filter that is not an id; old project configurations keep working', async () => {
  const both = await addGadget({ projects: ['SUP'], filterId: '10000' });
  expect(await invoke(host.url, 'getPortfolioPage', {}, gadget(both, 'lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('edit the gadget') } });
  const injected = await addGadget({ filterId: '10000 OR project = CLM' });
  expect(await invoke(host.url, 'getPortfolioPage', {}, gadget(injected, 'lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const projects = await addGadget({ projects: ['SUP'] });
  expect(await pageKeys(projects, 'lead@example.com')).toEqual([DEMO_KEYS.supportReplies, DEMO_KEYS.supportRouting, DEMO_KEYS.supportBot].sort());
});

describe('the edit view\'s choices', () => {
  // The edit view runs in the context of a gadget that has no configuration yet.
  let fresh: string;
  beforeAll(async () => { fresh = String((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget })).body.id); });
  const gadget = (_: string, user: string) => ({ moduleKey: MODULES.gadget, user, context: { dashboardId, gadgetId: fresh } });
  test('projects the user may browse, matching what they type', async () => {
    const lead = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'projects' }, gadget('new', 'lead@example.com')));
    expect(lead.projects.map((p) => p.key)).toEqual(['AIP', 'CLM', 'OPS', 'SUP']);
    const val = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'projects' }, gadget('new', 'viewer@example.com')));
    expect(val.projects.map((p) => p.key)).toEqual(['AIP', 'SUP']);
    const typed = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'projects', query: 'claims' }, gadget('new', 'lead@example.com')));
    expect(typed.projects).toEqual([{ id: '10001', key: 'CLM', name: 'Claims Automation' }]);
  });

  test('filters the user may see, searchable by name', async () => {
    const lead = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'filters', query: 'customer' }, gadget('new', 'lead@example.com')));
    expect(lead.filters).toEqual([{ id: String(DEMO_FILTERS.customerFacing.id), name: 'Customer-facing AI' }]);
    const leadAll = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'filters' }, gadget('new', 'lead@example.com')));
    expect(leadAll.filters.map((f) => f.name)).not.toContain('My claims initiatives');
    const priya = ok(await invoke(host.url, 'getGadgetChoices', { kind: 'filters', query: 'claims' }, gadget('new', 'priya@example.com')));
    expect(priya.filters.map((f) => f.name)).toEqual(['My claims initiatives']);
  });
});
