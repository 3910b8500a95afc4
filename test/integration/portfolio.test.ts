/**
 * The portfolio across projects, searched as the user: the dashboard gadget shows exactly the initiatives
 * of its configured projects the viewer may browse (Val cannot see CLM, Priya cannot see SUP), two gadgets
 * with different configurations side by side, and the global page's rows and flow metrics.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, MODULES, ok, resetStats, stats } from '../helpers/local-api';
import { DEMO_KEYS, SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(120_000);

let host: TestHost;
let dashboardId: string;
let bothProjects: string;
let supportOnly: string;

/** Jira REST v3 as a user (basic auth), Lee unless told. */
const rest = (method: string, path: string, body?: unknown, user = 'lead@example.com') => jira(host.url, method, `/rest/api/3${path}`, body, user);
/** What the gadget's edit view does with view.submit: the dashboard stores the configuration per gadget. */
async function configure(gadgetId: string, config: unknown) {
  const res = await fetch(`${host.url}/__shell/dashboards/${dashboardId}/gadgets/${gadgetId}/configuration`, {
    method: 'PUT', headers: { 'content-type': 'application/json', cookie: 'ph_user=lead@example.com' }, body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
}
const gadget = (gadgetId: string, user: string) => ({ moduleKey: MODULES.gadget, user, context: { dashboardId, gadgetId } });
const gadgetKeys = async (gadgetId: string, user: string) => ok(await invoke(host.url, 'getPortfolioPage', {}, gadget(gadgetId, user))).rows.map((r) => r.key);

const CLAIMS_INITIATIVES = [DEMO_KEYS.claimsFraud, DEMO_KEYS.claimsIntake, DEMO_KEYS.claimsSubrogation, DEMO_KEYS.claimsNotes];
const SUPPORT_INITIATIVES = [DEMO_KEYS.supportReplies, DEMO_KEYS.supportRouting, DEMO_KEYS.supportBot];

beforeAll(async () => {
  host = await startTestHost();
  await eventsIdle(host.url);
  const dashboard = await rest('POST', '/dashboard', { name: 'AI steering', sharePermissions: [{ type: 'loggedin' }], editPermissions: [] });
  dashboardId = String(dashboard.body.id);
  bothProjects = String((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget, position: { column: 0, row: 0 } })).body.id);
  supportOnly = String((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget, position: { column: 1, row: 0 } })).body.id);
  await configure(bothProjects, { projects: ['CLM', 'SUP'] });
  await configure(supportOnly, { projects: ['SUP'] });
});
afterAll(async () => {
  await host?.stop();
});

describe('the gadget configured for CLM and SUP', () => {
  test('lists exactly the initiatives of both projects for someone who can browse both (not the ordinary epics, not AIP)', async () => {
    expect(await gadgetKeys(bothProjects, 'lead@example.com')).toEqual([...CLAIMS_INITIATIVES, ...SUPPORT_INITIATIVES]);
  });

  test('Val, who cannot browse CLM, sees only SUP; Priya, who cannot browse SUP, sees only CLM', async () => {
    // What Jira itself lets each of them see, so the expectation is not the app's own word.
    expect((await rest('GET', '/project/CLM', undefined, 'viewer@example.com')).status).toBe(404);
    expect((await rest('GET', '/project/SUP', undefined, 'priya@example.com')).status).toBe(404);
    expect(await gadgetKeys(bothProjects, 'viewer@example.com')).toEqual(SUPPORT_INITIATIVES);
    expect(await gadgetKeys(bothProjects, 'priya@example.com')).toEqual(CLAIMS_INITIATIVES);
  });

  test('one search as the user, no request per project or per epic: issue types, the projects, one search page', async () => {
    await resetStats(host.url);
    const page = ok(await invoke(host.url, 'getPortfolioPage', {}, gadget(bothProjects, 'lead@example.com')));
    expect(page.jiraRequests).toBe(3);
    const byRoute = (await stats(host.url)).jira.byRoute;
    expect(byRoute['POST /rest/api/3/search/jql']).toBe(1);
    expect(byRoute['GET /rest/api/3/project/search']).toBe(1);
    expect(page.rows.find((r) => r.key === DEMO_KEYS.claimsFraud)?.project).toEqual({ id: '10001', key: 'CLM', name: 'Claims Automation' });
  });

  test('the payload cannot widen a configured gadget to other projects', async () => {
    const page = ok(await invoke(host.url, 'getPortfolioPage', { projectKeys: ['AIP'] }, gadget(supportOnly, 'lead@example.com')));
    expect(page.rows.map((r) => r.key)).toEqual(SUPPORT_INITIATIVES);
  });
});

test('two gadgets with different configurations on one dashboard answer each their own', async () => {
  expect(await gadgetKeys(supportOnly, 'lead@example.com')).toEqual(SUPPORT_INITIATIVES);
  expect(await gadgetKeys(bothProjects, 'lead@example.com')).toHaveLength(CLAIMS_INITIATIVES.length + SUPPORT_INITIATIVES.length);
  // Priya cannot browse the only project of the second gadget: nothing, and no error.
  expect(await gadgetKeys(supportOnly, 'priya@example.com')).toEqual([]);
});

test('a gadget nobody configured says to configure it; a bad configuration is refused the same way', async () => {
  const fresh = String((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget })).body.id);
  expect(await invoke(host.url, 'getPortfolioPage', {}, gadget(fresh, 'lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('edit the gadget') } });
  await configure(fresh, { projects: ['clm" OR project = AIP'] });
  expect(await invoke(host.url, 'getPortfolioPage', {}, gadget(fresh, 'lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('the global page lists every initiative the user can browse across projects, filtered by project on request', async () => {
  const page = ok(await invoke(host.url, 'getPortfolioPage', {}, { moduleKey: MODULES.portfolio, user: 'lead@example.com', context: {} }));
  const projects = new Set(page.rows.map((r) => r.project.key));
  expect([...projects].sort()).toEqual(['AIP', 'CLM', 'SUP']);
  expect(page.rows.map((r) => r.key)).toEqual(expect.arrayContaining([SEED_KEYS.nearlyReady, ...CLAIMS_INITIATIVES, ...SUPPORT_INITIATIVES]));
  expect(page.rows.map((r) => r.key)).not.toContain(SEED_KEYS.unlabelledEpic);
  const viewer = ok(await invoke(host.url, 'getPortfolioPage', {}, { moduleKey: MODULES.portfolio, user: 'viewer@example.com', context: {} }));
  expect(viewer.rows.some((r) => r.project.key === 'CLM')).toBe(false);
  const filtered = ok(await invoke(host.url, 'getPortfolioPage', { projectKeys: ['CLM'] }, { moduleKey: MODULES.portfolio, user: 'lead@example.com', context: {} }));
  expect(filtered.rows.map((r) => r.key)).toEqual(CLAIMS_INITIATIVES);
});

test('flow metrics per project and across the portfolio count only initiatives the user can browse', async () => {
  const lead = ok(await invoke(host.url, 'getPortfolioFlow', {}, { moduleKey: MODULES.portfolio, user: 'lead@example.com', context: {} }));
  expect(lead.complete).toBe(true);
  expect(lead.projects.map((p) => p.key).sort()).toEqual(['AIP', 'CLM', 'SUP']);
  expect(lead.portfolio.initiatives).toBe(lead.projects.reduce((n, p) => n + p.metrics.initiatives, 0));
  expect(lead.projects.find((p) => p.key === 'CLM')?.metrics.initiatives).toBe(CLAIMS_INITIATIVES.length);
  const val = ok(await invoke(host.url, 'getPortfolioFlow', {}, { moduleKey: MODULES.portfolio, user: 'viewer@example.com', context: {} }));
  expect(val.projects.map((p) => p.key).sort()).toEqual(['AIP', 'SUP']);
});
