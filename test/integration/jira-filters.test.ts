/**
 * The host's saved filters as Jira Cloud has them: created, read, searched, changed and deleted over REST v3;
 * seen by their owner and by whom they are shared with, "not available" (400, Jira's own words) to anyone
 * else; and usable in JQL (`filter = 10000`, by name, `in`, `!=`), where a filter the searching user cannot
 * see does not exist and one that leads back to itself is refused.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { jira } from '../helpers/local-api';
import { DEMO_FILTERS, DEMO_KEYS, SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(120_000);

let host: TestHost;
/** Jira REST v3 as a user (basic auth), Lee unless told. */
const rest = (method: string, path: string, body?: unknown, user = 'lead@example.com') => jira(host.url, method, `/rest/api/3${path}`, body, user);
const search = async (jql: string, user: string) => rest('POST', '/search/jql', { jql, fields: ['summary'], maxResults: 100 }, user);
const keysOf = (r: { body: Record<string, unknown> }) => (r.body.issues as Array<{ key: string }>).map((i) => i.key).sort();
const NOT_AVAILABLE = 'The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.';
const namesFound = async (user: string, query = '') =>
  ((await rest('GET', `/filter/search?maxResults=100${query}`, undefined, user)).body.values as Array<{ name: string }>).map((v) => v.name);

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

describe('the filter REST resource', () => {
  test('a filter is created for its owner with Jira\'s shape, and only the owner sees a filter shared with nobody', async () => {
    const created = await rest('POST', '/filter', { name: 'Lee pilots', jql: 'project = AIP AND labels = finance', description: 'Mine' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Lee pilots', jql: 'project = AIP AND labels = finance', description: 'Mine', sharePermissions: [] });
    expect(created.body.id).toMatch(/^\d+$/);
    expect(created.body.owner.accountId).toBe(SEED_ACCOUNTS.lead);
    const id = created.body.id as string;
    expect((await rest('GET', `/filter/${id}`)).body.name).toBe('Lee pilots');

    const other = await rest('GET', `/filter/${id}`, undefined, 'viewer@example.com');
    expect(other.status).toBe(400);
    expect(other.body.errorMessages).toEqual([NOT_AVAILABLE]);
    expect(await namesFound('viewer@example.com')).not.toContain('Lee pilots');
    expect(await namesFound('lead@example.com')).toContain('Lee pilots');
    expect((await rest('GET', '/filter/99999')).body.errorMessages).toEqual([NOT_AVAILABLE]);
  });

  test('shares: every logged-in user, the browsers of a project, one named user', async () => {
    const make = async (name: string, sharePermissions: unknown[]) =>
      (await rest('POST', '/filter', { name, jql: 'project = SUP', sharePermissions }, 'marcus@example.com')).body.id as string;
    const everyone = await make('Everyone', [{ type: 'authenticated' }]);
    const supBrowsers = await make('SUP browsers', [{ type: 'project', project: { id: '10002' } }]);
    const forVal = await make('For Val', [{ type: 'user', user: { accountId: SEED_ACCOUNTS.viewer } }]);
    const status = async (id: string, user: string) => (await rest('GET', `/filter/${id}`, undefined, user)).status;
    expect(await status(everyone, 'priya@example.com')).toBe(200);
    expect((await rest('GET', `/filter/${everyone}`, undefined, 'priya@example.com')).body.sharePermissions).toEqual([expect.objectContaining({ type: 'loggedin' })]);
    // Val browses SUP, Priya does not.
    expect(await status(supBrowsers, 'viewer@example.com')).toBe(200);
    expect(await status(supBrowsers, 'priya@example.com')).toBe(400);
    expect(await status(forVal, 'viewer@example.com')).toBe(200);
    expect(await status(forVal, 'lead@example.com')).toBe(400);
    expect(await namesFound('priya@example.com')).toEqual(expect.arrayContaining(['Everyone']));
    expect(await namesFound('priya@example.com')).not.toContain('SUP browsers');
  });

  test('search: a case-insensitive contains-match on the name, paged values, id and name unless expanded', async () => {
    const found = await rest('GET', '/filter/search?filterName=CUSTOMER', undefined, 'viewer@example.com');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ startAt: 0, maxResults: 50, total: 1, isLast: true });
    expect(found.body.values).toEqual([expect.objectContaining({ id: String(DEMO_FILTERS.customerFacing.id), name: 'Customer-facing AI' })]);
    expect(found.body.values[0].jql).toBeUndefined();
    const expanded = await rest('GET', '/filter/search?filterName=customer&expand=jql,owner', undefined, 'viewer@example.com');
    expect(expanded.body.values[0]).toMatchObject({ jql: DEMO_FILTERS.customerFacing.jql, owner: { accountId: SEED_ACCOUNTS.admin } });
    const paged = await rest('GET', '/filter/search?maxResults=1&startAt=0');
    expect(paged.body.values).toHaveLength(1);
    expect(paged.body.isLast).toBe(false);
  });

  test('the demo site holds a shared filter and a private one', async () => {
    expect(await namesFound('lead@example.com')).toContain('Customer-facing AI');
    expect(await namesFound('lead@example.com')).not.toContain('My claims initiatives');
    const mine = await rest('GET', '/filter/my', undefined, 'priya@example.com');
    expect((mine.body as unknown as Array<{ name: string }>).map((f) => f.name)).toEqual(['My claims initiatives']);
  });

  test('only the owner changes a filter; the owner or a Jira administrator deletes it', async () => {
    const id = (await rest('POST', '/filter', { name: 'To change', jql: 'project = AIP', sharePermissions: [{ type: 'authenticated' }] })).body.id as string;
    const byOther = await rest('PUT', `/filter/${id}`, { name: 'Taken over', jql: 'project = SUP' }, 'marcus@example.com');
    expect(byOther.status).toBe(400);
    expect((await rest('GET', `/filter/${id}`)).body).toMatchObject({ name: 'To change', jql: 'project = AIP' });
    const byOwner = await rest('PUT', `/filter/${id}`, { name: 'Changed', jql: 'project = AIP AND labels = sales' });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body).toMatchObject({ name: 'Changed', jql: 'project = AIP AND labels = sales' });
    expect((await rest('DELETE', `/filter/${id}`, undefined, 'marcus@example.com')).status).toBe(403);
    expect((await rest('DELETE', `/filter/${id}`)).status).toBe(204);
    expect((await rest('GET', `/filter/${id}`)).status).toBe(400);
  });

  test('invalid JQL, a missing name or a taken name are refused with Jira\'s messages and nothing is saved', async () => {
    const invalid = await rest('POST', '/filter', { name: 'Broken', jql: 'project = NOPE' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.jql).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect((await rest('POST', '/filter', { jql: 'project = AIP' })).body.errors.filterName).toBe('You must specify a name to save this filter as.');
    expect((await rest('POST', '/filter', { name: 'customer-facing ai', jql: 'project = AIP' })).body.errors.filterName).toBe('Filter with same name already exists.');
    expect(await namesFound('lead@example.com', '&filterName=Broken')).toEqual([]);
  });
});

describe('the JQL field filter', () => {
  const customerFacing = [SEED_KEYS.untouched, SEED_KEYS.shipped, DEMO_KEYS.supportReplies, DEMO_KEYS.supportBot].sort();

  test('filter = id applies the filter\'s condition for the searching user (what they may browse)', async () => {
    expect(keysOf(await search(`filter = ${DEMO_FILTERS.customerFacing.id}`, 'lead@example.com'))).toEqual(customerFacing);
    // Priya cannot browse SUP: the filter gives her only AIP's.
    expect(keysOf(await search(`filter = ${DEMO_FILTERS.customerFacing.id}`, 'priya@example.com'))).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped].sort());
  });

  test('by name, combined with other clauses, in a list and negated; the filter\'s ORDER BY is dropped', async () => {
    expect(keysOf(await search('filter = "Customer-facing AI" AND project = SUP ORDER BY key DESC', 'lead@example.com'))).toEqual([DEMO_KEYS.supportReplies, DEMO_KEYS.supportBot].sort());
    expect(keysOf(await search(`project = SUP AND issuetype = Epic AND filter != ${DEMO_FILTERS.customerFacing.id}`, 'lead@example.com'))).toEqual([DEMO_KEYS.supportRouting, DEMO_KEYS.supportKnowledge].sort());
    const priya = keysOf(await search(`filter in (${DEMO_FILTERS.customerFacing.id}, ${DEMO_FILTERS.priyaPrivate.id})`, 'priya@example.com'));
    expect(priya).toEqual(expect.arrayContaining([SEED_KEYS.untouched, DEMO_KEYS.claimsFraud]));
  });

  test('a filter the searching user cannot see, or that does not exist, is a 400 with Jira\'s text', async () => {
    const hidden = await search(`filter = ${DEMO_FILTERS.priyaPrivate.id}`, 'lead@example.com');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errorMessages).toEqual([`A value with ID '${DEMO_FILTERS.priyaPrivate.id}' does not exist for the field 'filter'.`]);
    const byName = await search('filter = "My claims initiatives"', 'lead@example.com');
    expect(byName.body.errorMessages).toEqual(["The value 'My claims initiatives' does not exist for the field 'filter'."]);
    expect((await search('filter = 424242', 'lead@example.com')).body.errorMessages).toEqual(["A value with ID '424242' does not exist for the field 'filter'."]);
  });

  test('a filter cannot refer to itself, directly or through another filter', async () => {
    const a = (await rest('POST', '/filter', { name: 'Cycle A', jql: 'project = AIP' })).body.id as string;
    const b = (await rest('POST', '/filter', { name: 'Cycle B', jql: `filter = ${a}` })).body.id as string;
    const self = await rest('PUT', `/filter/${a}`, { name: 'Cycle A', jql: `filter = ${a}` });
    expect(self.status).toBe(400);
    expect(self.body.errors.jql).toBe(`Field 'filter' with value '${a}' matches filter 'Cycle A' and causes a cyclical reference, this query can not be executed and should be edited.`);
    const through = await rest('PUT', `/filter/${a}`, { name: 'Cycle A', jql: `filter = ${b}` });
    expect(through.status).toBe(400);
    expect((await rest('GET', `/filter/${a}`)).body.jql).toBe('project = AIP');
  });
});
