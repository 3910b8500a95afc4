/**
 * Dashboards (Jira REST) with the app's Forge gadgets, each gadget's configuration and extension context,
 * and the app's global page; the browser side is test/browser/dashboard.test.ts.
 */
import { startMiniHost, type MiniHost } from '../helpers/mini-host';
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import { LOCAL_ENVIRONMENT_ID } from '../../local/forge/app';

jest.setTimeout(60_000);
let mini: MiniHost;
let dashboardId: string;
const APP_ID = '11111111-2222-4333-8444-555555555555';

beforeAll(async () => {
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
});
afterAll(async () => {
  await mini?.stop();
});

const rest = (method: string, path: string, body?: unknown, user = 'lead@example.com') => mini.call(method, `/rest/api/3${path}`, body, user);
const gadgetWhoami = (gadgetId: number | string, user = 'lead@example.com', entryPoint?: string, dashboard = dashboardId) =>
  mini.invoke('whoami', {}, { moduleKey: 'mini-gadget', user, context: { dashboardId: dashboard, gadgetId: String(gadgetId), ...(entryPoint ? { entryPoint } : {}) } });

describe('dashboards REST', () => {
  test('creates a dashboard owned by the caller, private unless shared', async () => {
    const r = await rest('POST', '/dashboard', { name: 'AI steering', description: 'Weekly', sharePermissions: [], editPermissions: [] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: 'AI steering', owner: { accountId: SEED_ACCOUNTS.lead }, isWritable: true, sharePermissions: [] });
    dashboardId = r.body.id;
    expect(Number(dashboardId)).toBeGreaterThanOrEqual(10000);
    expect((await rest('GET', `/dashboard/${dashboardId}`, undefined, 'priya@example.com')).status).toBe(404);
    expect((await rest('GET', '/dashboard', undefined, 'priya@example.com')).body.total).toBe(0);
  });

  test('refuses a dashboard without a name or share lists', async () => {
    expect((await rest('POST', '/dashboard', { sharePermissions: [], editPermissions: [] })).body.errors).toHaveProperty('name');
    expect((await rest('POST', '/dashboard', { name: 'x' })).status).toBe(400);
    expect((await rest('POST', '/dashboard', { name: 'x', sharePermissions: [{ type: 'group', group: { name: 'jira-users' } }], editPermissions: [] })).status).toBe(400);
  });

  test('adds gadgets of the app by module key; a new gadget at the top of a column pushes the others down', async () => {
    const first = await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: 'mini-gadget', position: { column: 0, row: 0 }, color: 'green' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ moduleKey: `ari:cloud:ecosystem::extension/${APP_ID}/${LOCAL_ENVIRONMENT_ID}/static/mini-gadget`, title: 'Mini gadget', color: 'green', position: { column: 0, row: 0 } });
    const second = await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: first.body.moduleKey, position: { column: 0, row: 0 }, title: 'Claims only' });
    const third = await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: 'mini-gadget', position: { column: 1, row: 0 } });
    const list = (await rest('GET', `/dashboard/${dashboardId}/gadget`)).body.gadgets as Array<{ id: number; title: string; position: { column: number; row: number } }>;
    expect(list.map((g) => [g.id, g.position.column, g.position.row])).toEqual([[second.body.id, 0, 0], [first.body.id, 0, 1], [third.body.id, 1, 0]]);
  });

  test('refuses unknown module keys, columns past the layout, bad colours; only the owner changes the dashboard', async () => {
    expect((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: 'mini-panel' })).status).toBe(400);
    expect((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: 'mini-gadget', position: { column: 2, row: 0 } })).status).toBe(400);
    expect((await rest('POST', `/dashboard/${dashboardId}/gadget`, { moduleKey: 'mini-gadget', color: 'pink' })).status).toBe(400);
    await rest('POST', '/dashboard', { name: 'Shared', sharePermissions: [{ type: 'loggedin' }], editPermissions: [] });
    const shared = (await rest('GET', '/dashboard', undefined, 'priya@example.com')).body.dashboards[0];
    expect(shared).toMatchObject({ name: 'Shared', isWritable: false });
    expect((await rest('POST', `/dashboard/${shared.id}/gadget`, { moduleKey: 'mini-gadget' }, 'priya@example.com')).status).toBe(403);
    expect((await rest('DELETE', `/dashboard/${shared.id}`, undefined, 'priya@example.com')).status).toBe(403);
  });
});

describe("a gadget's context and configuration", () => {
  let gadgets: Array<{ id: number }>;
  beforeAll(async () => {
    gadgets = (await rest('GET', `/dashboard/${dashboardId}/gadget`)).body.gadgets;
  });

  test('the resolver sees extension {type, gadgetConfiguration, dashboard, gadget, location}; entryPoint only in the edit view', async () => {
    const view = await gadgetWhoami(gadgets[0].id);
    expect(view.status).toBe(200);
    expect(view.body.extension).toEqual({
      type: 'jira:dashboardGadget', gadgetConfiguration: {}, dashboard: { id: dashboardId }, gadget: { id: String(gadgets[0].id) },
      location: `${mini.url}/jira/dashboards/${dashboardId}`,
    });
    expect(view.body.localId).toContain(String(gadgets[0].id));
    expect((await gadgetWhoami(gadgets[0].id, 'lead@example.com', 'edit')).body.extension.entryPoint).toBe('edit');
  });

  test('saving a configuration (what view.submit does) is per gadget and shows in its context', async () => {
    const save = (gadgetId: number, config: unknown, cookieUser = 'lead@example.com') => fetch(`${mini.url}/__shell/dashboards/${dashboardId}/gadgets/${gadgetId}/configuration`, {
      method: 'PUT', headers: { 'content-type': 'application/json', cookie: `ph_user=${cookieUser}` }, body: JSON.stringify(config),
    });
    expect((await save(gadgets[0].id, { label: 'Claims', projects: ['CLM'], refresh: 15 })).status).toBe(200);
    expect((await save(gadgets[1].id, { label: 'Support', projects: ['SUP'] })).status).toBe(200);
    expect((await gadgetWhoami(gadgets[0].id)).body.extension.gadgetConfiguration).toEqual({ label: 'Claims', projects: ['CLM'], refresh: 15 });
    expect((await gadgetWhoami(gadgets[1].id)).body.extension.gadgetConfiguration).toEqual({ label: 'Support', projects: ['SUP'] });
    // Jira's rules for what the edit view submits: an object; refresh a positive whole number of minutes; 32,768 characters.
    expect((await save(gadgets[0].id, ['not', 'an', 'object'])).status).toBe(400);
    expect((await save(gadgets[0].id, { refresh: 0 })).status).toBe(400);
    expect((await save(gadgets[0].id, { blob: 'x'.repeat(33_000) })).status).toBe(400);
    // Only someone who may change the dashboard saves; the stored configuration is unchanged.
    expect((await save(gadgets[0].id, { label: 'hijacked' }, 'priya@example.com')).status).toBe(404);
    expect((await gadgetWhoami(gadgets[0].id)).body.extension.gadgetConfiguration.label).toBe('Claims');
  });

  test("a gadget is not found for someone who cannot see its dashboard, or through another dashboard's id", async () => {
    expect((await gadgetWhoami(gadgets[0].id, 'priya@example.com')).status).toBe(404);
    const other = (await rest('POST', '/dashboard', { name: 'Other', sharePermissions: [], editPermissions: [] })).body.id;
    expect((await gadgetWhoami(gadgets[0].id, 'lead@example.com', undefined, other)).status).toBe(404);
  });

  test('removing a gadget removes its configuration with it', async () => {
    expect((await rest('DELETE', `/dashboard/${dashboardId}/gadget/${gadgets[2].id}`)).status).toBe(204);
    expect((await gadgetWhoami(gadgets[2].id)).status).toBe(404);
  });
});

test('the global page: extension {type, location} at /jira/apps/{appId}/{envId}', async () => {
  const r = await mini.invoke('whoami', {}, { moduleKey: 'mini-global', context: {} });
  expect(r.status).toBe(200);
  expect(r.body.extension).toEqual({ type: 'jira:globalPage', location: `${mini.url}/jira/apps/${APP_ID}/${LOCAL_ENVIRONMENT_ID}` });
  const apps = await (await fetch(`${mini.url}/jira/apps`, { headers: { cookie: 'ph_user=lead@example.com' } })).text();
  expect(apps).toContain(`href="/jira/apps/${APP_ID}/${LOCAL_ENVIRONMENT_ID}"`);
  expect((await fetch(`${mini.url}/jira/apps/${APP_ID}/wrong-env`)).status).toBe(404);
});
