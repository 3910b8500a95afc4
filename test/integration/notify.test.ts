/**
 * Jira's `POST /rest/api/3/issue/{issueIdOrKey}/notify` as Jira answers it, and the host's outbox that
 * keeps every e-mail it would have sent, one entry per recipient.
 */
import { startMiniHost, type MiniHost } from '../helpers/mini-host';
import { DEMO_KEYS, SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(60_000);
let mini: MiniHost;

beforeAll(async () => {
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
});
afterAll(async () => {
  await mini?.stop();
});
beforeEach(async () => {
  await mini.call('DELETE', '/__local/outbox');
});

const notify = (issueKey: string, body: unknown, user = 'admin@example.com') => mini.call('POST', `/rest/api/3/issue/${issueKey}/notify`, body, user);
const outbox = async (query = '') => (await mini.call('GET', `/__local/outbox${query}`)).body;
const users = (...ids: string[]) => ids.map((accountId) => ({ accountId }));

test('204, and one message per recipient in the outbox with subject, text, HTML, issue and time', async () => {
  const r = await notify(SEED_KEYS.nearlyReady, {
    subject: 'Pilot closes in 14 days', textBody: 'Two questions are open.', htmlBody: '<p>Two questions are <b>open</b>.</p>',
    to: { reporter: true, assignee: true, users: users(SEED_ACCOUNTS.marcus) },
  });
  expect(r.status).toBe(204);
  expect(r.body).toBeUndefined();
  const box = await outbox();
  expect(box.count).toBe(3);
  expect(box.messages.map((m: { to: { emailAddress: string } }) => m.to.emailAddress).sort()).toEqual(['lead@example.com', 'marcus@example.com', 'priya@example.com']);
  expect(box.messages[0]).toMatchObject({
    subject: 'Pilot closes in 14 days', textBody: 'Two questions are open.', htmlBody: '<p>Two questions are <b>open</b>.</p>',
    issue: { key: 'AIP-1', id: '10000' }, from: { accountId: SEED_ACCOUNTS.admin, displayName: 'Avery Admin' },
  });
  expect(Math.abs(Date.parse(box.messages[0].sentAt) - Date.now())).toBeLessThan(10_000);
  expect((await outbox(`?to=${SEED_ACCOUNTS.marcus}`)).count).toBe(1);
});

test('newest first; DELETE empties the outbox', async () => {
  await notify(SEED_KEYS.nearlyReady, { subject: 'first', textBody: '1', to: { users: users(SEED_ACCOUNTS.lead) } });
  await notify(SEED_KEYS.stalled, { subject: 'second', textBody: '2', to: { users: users(SEED_ACCOUNTS.lead) } });
  expect((await outbox()).messages.map((m: { subject: string }) => m.subject)).toEqual(['second', 'first']);
  expect((await mini.call('DELETE', '/__local/outbox')).body).toEqual({ removed: 2 });
  expect((await outbox()).count).toBe(0);
});

test('a recipient who cannot browse the issue gets nothing, and the outbox says why', async () => {
  // Val Viewer has no access to CLM.
  expect((await notify(DEMO_KEYS.claimsFraud, { textBody: 'x', to: { users: users(SEED_ACCOUNTS.viewer, SEED_ACCOUNTS.lead) } })).status).toBe(204);
  const box = await outbox();
  expect(box.messages.map((m: { to: { accountId: string } }) => m.to.accountId)).toEqual([SEED_ACCOUNTS.lead]);
  expect(box.withheld).toEqual([expect.objectContaining({ accountId: SEED_ACCOUNTS.viewer, issueKey: DEMO_KEYS.claimsFraud, reason: 'cannot browse the issue' })]);
});

test('400 for an unknown account, the assignee of an unassigned issue, the caller themselves, a missing "to"; nothing is sent', async () => {
  const unknown = await notify(SEED_KEYS.nearlyReady, { textBody: 'x', to: { users: users('000000000000000000000000') } });
  expect(unknown.status).toBe(400);
  expect(unknown.body).toEqual({ errorMessages: [expect.stringMatching(/recipient is invalid/)], errors: {} });
  expect((await notify(SEED_KEYS.untouched, { textBody: 'x', to: { assignee: true } })).status).toBe(400);
  expect((await notify(SEED_KEYS.nearlyReady, { textBody: 'x', to: { reporter: true } }, 'lead@example.com')).status).toBe(400);
  expect((await notify(SEED_KEYS.nearlyReady, { textBody: 'x' })).status).toBe(400);
  const broken = await fetch(`${mini.url}/rest/api/3/issue/AIP-1/notify`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('admin@example.com:x').toString('base64')}` }, body: '{"to":' });
  expect(broken.status).toBe(400);
  expect((await outbox()).count).toBe(0);
});

test('404 for an unknown issue and for one the caller cannot browse; 401 without credentials', async () => {
  expect((await notify('AIP-999', { to: { reporter: true } })).status).toBe(404);
  expect((await notify(DEMO_KEYS.claimsFraud, { to: { reporter: true } }, 'viewer@example.com')).status).toBe(404);
  expect((await mini.call('POST', `/rest/api/3/issue/${SEED_KEYS.nearlyReady}/notify`, { to: { reporter: true } })).status).toBe(401);
});

test('403 while outgoing mail is off', async () => {
  expect((await mini.call('POST', '/__local/outbox/settings', { outgoingMail: false })).body).toEqual({ outgoingMail: false });
  const r = await notify(SEED_KEYS.nearlyReady, { textBody: 'x', to: { reporter: true } });
  expect(r.status).toBe(403);
  expect(r.body.errorMessages).toEqual(['Outgoing mail is disabled.']);
  await mini.call('POST', '/__local/outbox/settings', { outgoingMail: true });
  expect((await notify(SEED_KEYS.nearlyReady, { textBody: 'x', to: { reporter: true } })).status).toBe(204);
});

test('the app sends through the real @forge/api: asApp as the app, asUser as the invoking user', async () => {
  await mini.call('POST', '/__local/stats/reset');
  const asApp = await mini.invoke('notify', { issueKey: SEED_KEYS.ready, body: { textBody: 'from the app', to: { assignee: true } } });
  expect(asApp.body).toEqual({ status: 204, body: null });
  const asUser = await mini.invoke('notify', { asUser: true, issueKey: SEED_KEYS.ready, body: { textBody: 'from Lee', to: { assignee: true } } }, { user: 'lead@example.com' });
  expect(asUser.body).toEqual({ status: 204, body: null });
  const box = await outbox();
  expect(box.messages.map((m: { from: { displayName: string }; textBody: string }) => [m.from.displayName, m.textBody])).toEqual([['Lee Lead', 'from Lee'], ['Production Handoff (app)', 'from the app']]);
  const stats = (await mini.call('GET', '/__local/stats')).body;
  expect(stats.jira.byRouteAndPrincipal['POST /rest/api/3/issue/{issueIdOrKey}/notify']).toMatchObject({ app: 1, user: 1 });
});

test('the shell lists the messages newest first, HTML in a sandboxed frame and text escaped', async () => {
  await notify(SEED_KEYS.nearlyReady, { subject: 'Escaped <b>subject</b>', textBody: '<script>alert(1)</script>', htmlBody: '<p onclick="x()">Hi <script>alert(2)</script></p>', to: { users: users(SEED_ACCOUNTS.lead) } });
  const page = await (await fetch(`${mini.url}/jira/outbox`, { headers: { cookie: 'ph_user=admin@example.com' } })).text();
  expect(page).toContain('Escaped &lt;b&gt;subject&lt;/b&gt;');
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page).toMatch(/<iframe class="mail-html" title="[^"]*" sandbox="" srcdoc="[^"]*&lt;script&gt;alert\(2\)/);
  expect(page).not.toContain('<script>alert');
});
