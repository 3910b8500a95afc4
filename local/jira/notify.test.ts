import type { Database } from '../db';
import { JiraError } from './errors';
import { deliver, ensureOutboxSchema, listOutbox, resolveNotification } from './notify';
import { DEMO_KEYS, SEED_ACCOUNTS, SEED_KEYS } from './seed';
import { APP, seededDb, userPrincipal } from './test-support';

let db: Database;
beforeEach(() => {
  db = seededDb({ demoProjects: true });
  ensureOutboxSchema(db);
});
afterEach(() => db.close());

function refusal(fn: () => unknown): JiraError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JiraError) return e;
    throw e;
  }
  throw new Error('expected a JiraError');
}

const users = (...ids: string[]) => ids.map((accountId) => ({ accountId }));

describe('recipients, as Jira works them out', () => {
  test('reporter, assignee and named users, once each; the subject defaults to key and summary', () => {
    // AIP-1: reporter Lee, assignee Priya.
    const n = resolveNotification(db, APP, SEED_KEYS.nearlyReady, {
      textBody: 'Due soon', to: { reporter: true, assignee: true, users: users(SEED_ACCOUNTS.priya, SEED_ACCOUNTS.marcus) },
    });
    expect(n.recipients.map((u) => u.email)).toEqual(['lead@example.com', 'priya@example.com', 'marcus@example.com']);
    expect(n.subject).toBe('AIP-1: Claims triage assistant: move from pilot to production');
    expect(n.withheld).toEqual([]);
  });

  test('watchers are the reporter (Jira\'s autowatch); nobody votes on the local site', () => {
    expect(resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { watchers: true, voters: true } }).recipients.map((u) => u.email)).toEqual(['lead@example.com']);
  });

  test('a user who cannot browse the issue gets nothing, silently (Val cannot see CLM)', () => {
    const n = resolveNotification(db, APP, DEMO_KEYS.claimsFraud, { textBody: 'x', to: { users: users(SEED_ACCOUNTS.viewer, SEED_ACCOUNTS.lead) } });
    expect(n.recipients.map((u) => u.email)).toEqual(['lead@example.com']);
    expect(n.withheld).toEqual([{ accountId: SEED_ACCOUNTS.viewer, reason: 'cannot browse the issue' }]);
  });

  test('restrict.permissions keeps only recipients holding them (BROWSE is Jira\'s old name for Browse Projects)', () => {
    const n = resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { users: users(SEED_ACCOUNTS.viewer, SEED_ACCOUNTS.lead) }, restrict: { permissions: [{ key: 'EDIT_ISSUES' }, { key: 'BROWSE' }] } });
    expect(n.recipients.map((u) => u.email)).toEqual(['lead@example.com']);
    expect(n.withheld[0]).toMatchObject({ accountId: SEED_ACCOUNTS.viewer });
  });
});

describe('what Jira refuses', () => {
  test('404 when the issue does not exist or the caller cannot browse it', () => {
    expect(refusal(() => resolveNotification(db, APP, 'AIP-999', { to: { reporter: true } })).status).toBe(404);
    expect(refusal(() => resolveNotification(db, userPrincipal('viewer'), DEMO_KEYS.claimsFraud, { to: { reporter: true } })).status).toBe(404);
  });

  test('400 for an invalid recipient: unknown account, the assignee of an unassigned issue, any group', () => {
    const unknown = refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { users: users('557058:nobody') } }));
    expect(unknown.status).toBe(400);
    expect(unknown.errorMessages[0]).toMatch(/recipient is invalid.*557058:nobody/);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.untouched, { to: { assignee: true } })).errorMessages[0]).toMatch(/unassigned/);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { groups: [{ name: 'jira-users' }] } })).status).toBe(400);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { users: [{ displayName: 'Lee' }] } })).status).toBe(400);
  });

  test('400 when the recipient is the calling user', () => {
    const e = refusal(() => resolveNotification(db, userPrincipal('lead'), SEED_KEYS.nearlyReady, { to: { reporter: true } }));
    expect(e.status).toBe(400);
    expect(e.errorMessages[0]).toMatch(/themselves/);
  });

  test('400 for an invalid request: no body object, no recipients, wrong types', () => {
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, 'hello')).status).toBe(400);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { textBody: 'x' })).errorMessages[0]).toMatch(/to is required/);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { reporter: false } })).errorMessages[0]).toMatch(/no recipients/);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { reporter: 'yes' } })).status).toBe(400);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { subject: 5, to: { reporter: true } })).status).toBe(400);
    expect(refusal(() => resolveNotification(db, APP, SEED_KEYS.nearlyReady, { to: { reporter: true }, restrict: { permissions: [{ key: 'FLY' }] } })).status).toBe(400);
  });
});

test('the outbox holds one message per recipient, newest first, as sent', () => {
  const first = resolveNotification(db, APP, SEED_KEYS.nearlyReady, { subject: 'First', textBody: 't', htmlBody: '<p>h</p>', to: { reporter: true, assignee: true } });
  expect(deliver(db, APP, first)).toBe(2);
  const second = resolveNotification(db, userPrincipal('admin'), SEED_KEYS.stalled, { subject: 'Second', textBody: 'later', to: { assignee: true } });
  deliver(db, userPrincipal('admin'), second);
  const all = listOutbox(db);
  expect(all.map((m) => [m.subject, m.to.emailAddress])).toEqual([['Second', 'lead@example.com'], ['First', 'priya@example.com'], ['First', 'lead@example.com']]);
  expect(all[2]).toMatchObject({ issue: { key: 'AIP-1' }, from: { accountId: null }, textBody: 't', htmlBody: '<p>h</p>' });
  expect(all[0].from).toEqual({ accountId: SEED_ACCOUNTS.admin, displayName: 'Avery Admin' });
  expect(listOutbox(db, { to: 'priya@example.com' }).map((m) => m.subject)).toEqual(['First']);
  expect(listOutbox(db, { issue: 'AIP-4' }).map((m) => m.subject)).toEqual(['Second']);
});
