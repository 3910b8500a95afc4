/**
 * The daily reminders, end to end on the local host: its clock moved past each due date, its scheduled
 * trigger run, Jira's notify answered into the outbox. One message per person per run, each due item once,
 * across reruns, Forge's duplicate invocations, a storage failure mid-run, and app storage reset mid-run.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok, setKvsFault } from '../helpers/local-api';
import { holdAppJiraRequest, releaseHeldRequest, waitUntilHeld } from '../helpers/jira-admin';
import { readKvs } from '../helpers/kvs-rows';
import { SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';
import { addDays, humanDate } from '../../src/domain/dates';

jest.setTimeout(180_000);

const MODULE = 'reminders-daily';
let host: TestHost;
let day0: string;

interface OutboxMessage {
  id: number;
  sentAt: string;
  issue: { key: string };
  to: { accountId: string; displayName: string };
  subject: string;
  textBody: string;
  htmlBody: string;
}

const local = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${host.url}/__local${p}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${p} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
};
const outbox = async (): Promise<OutboxMessage[]> => ((await local('GET', '/outbox')).messages as OutboxMessage[]).sort((a, b) => a.id - b.id);
/** Sets the host clock to 09:00 UTC on a day counted from the seed day. */
const onDay = (n: number) => local('POST', '/clock', { now: `${addDays(day0, n)}T09:00:00.000Z` });
/** Runs the schedule as Forge would on that day (forced: the schedule's own bookkeeping is the host's, tested elsewhere). */
const runNow = (copies = 1) => local('POST', '/scheduled/run', { moduleKey: MODULE, force: true, copies });
/** The lines of a text body that name a due item (they start with "- "). */
const itemLines = (m: OutboxMessage) => m.textBody.split('\n').filter((l) => l.startsWith('- '));
/** Ledger entries in app storage: one per reminder item and recipient. */
const ledger = () => readKvs(host.dataDir).entities.filter((e) => e.entity_name === 'reminder-sent').map((e) => ({ key: e.key, ...JSON.parse(e.value) }));

function perRecipient(messages: OutboxMessage[]): Map<string, OutboxMessage[]> {
  const out = new Map<string, OutboxMessage[]>();
  for (const m of messages) out.set(m.to.accountId, [...(out.get(m.to.accountId) ?? []), m]);
  return out;
}

/** Every (recipient, item) told so far, from the ledger: never one twice is what the ledger's keys mean. */
function expectNoItemTwice(messages: OutboxMessage[]) {
  const told = messages.flatMap((m) => itemLines(m).map((l) => `${m.to.accountId} ${m.subject.match(/\((.*)\)/)?.[1]} ${l.replace(/\d+ days?/g, 'N days')}`));
  expect(new Set(told).size).toBe(told.length);
}

beforeAll(async () => {
  host = await startTestHost({ env: { SCHEDULED_TRIGGERS: 'manual' } });
  day0 = (await local('GET', '/clock')).now.slice(0, 10);
  await local('DELETE', '/outbox');
});
afterAll(async () => {
  await host?.stop();
});

test('a run puts one message per person in the outbox, naming each item due for them, linked to its epic; a second run that day adds none', async () => {
  await onDay(0);
  const first = await runNow();
  expect(first.ran[0]).toMatchObject({ outcome: 'ok', recordedStatus: 200 });
  const messages = await outbox();
  const byPerson = perRecipient(messages);
  for (const [, theirs] of byPerson) expect(theirs).toHaveLength(1);
  // AIP-1 closes in 12 days with a condition undecided: its champion (Priya) and its named owner (Marcus).
  // AIP-6 (Done) has a KPI whose first review passed without a reading: its owner is free text, so the
  // delivery owner (Priya) is told, and the line names the KPI.
  const priya = byPerson.get(SEED_ACCOUNTS.priya)![0];
  const marcus = byPerson.get(SEED_ACCOUNTS.marcus)![0];
  expect(itemLines(priya)).toEqual([expect.stringMatching(/^- The pilot closes in 12 days, on .*, with \d questions? open\.$/), expect.stringMatching(/^- Summary acceptance without edits has no reading for its first review on /)]);
  expect(priya.subject).toBe(`Production handoff: 2 reminders (${SEED_KEYS.nearlyReady} and ${SEED_KEYS.shipped})`);
  expect(priya.textBody).toContain(`/browse/${SEED_KEYS.nearlyReady}`);
  expect(priya.htmlBody).toContain(`/browse/${SEED_KEYS.shipped}">${SEED_KEYS.shipped}</a>`);
  expect(itemLines(marcus)).toEqual([expect.stringMatching(/^- The pilot closes in 12 days/)]);
  expect([...byPerson.keys()].sort()).toEqual([SEED_ACCOUNTS.marcus, SEED_ACCOUNTS.priya].sort());
  // Sent through Jira's notify as the app, for the epic: the outbox says who sent it and through which issue.
  expect(messages.every((m) => m.issue.key === SEED_KEYS.nearlyReady || m.issue.key === SEED_KEYS.shipped)).toBe(true);
  expect(ledger().every((e) => e.status === 'sent')).toBe(true);
  expect(ledger()).toHaveLength(3);

  const again = await runNow();
  expect(again.ran[0]).toMatchObject({ outcome: 'ok' });
  expect(await outbox()).toHaveLength(messages.length);

  // The panel says what was last sent, to whom, and what falls due next.
  const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: SEED_KEYS.nearlyReady }, user: 'lead@example.com' }));
  expect(view.reminders.lastSent).toEqual({ at: expect.any(String), to: expect.arrayContaining(['Priya Raman', 'Marcus Webb']), kinds: ['pilot-closing'] });
  expect(view.reminders.dueNow).toEqual([]);
  expect(view.reminders.next).toMatchObject({ on: addDays(day0, 5), kind: 'owner-not-accepted' });
});

test('an admin\'s reminder settings apply from the next run, to epics whose summary was written before the change', async () => {
  await onDay(1);
  const before = (await outbox()).length;
  const settings = ok(await invoke(host.url, 'getProjectSettings', {}, { context: { projectKey: 'AIP' } })).settings;
  const { sponsorContact: _none, ...reminders } = settings.reminders;
  // A viewer and a member cannot change them; the admin can.
  const asLead = await invoke(host.url, 'saveReminderSettings', { baseVersion: settings.version, reminders, sponsorContactAccountId: null }, { context: { projectKey: 'AIP' }, user: 'lead@example.com' });
  expect(asLead).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const saved = ok(await invoke(host.url, 'saveReminderSettings', { baseVersion: settings.version, reminders: { ...reminders, pilotClosing: { enabled: true, days: 30 } }, sponsorContactAccountId: SEED_ACCOUNTS.lead }, { context: { projectKey: 'AIP' } }));
  expect(saved.settings.reminders).toMatchObject({ pilotClosing: { enabled: true, days: 30 }, sponsorContact: { accountId: SEED_ACCOUNTS.lead, displayName: 'Lee Lead' } });
  // AIP-2 closes on day 20: with 14 days its first reminder was day 6, which its summary says; with 30 it is due now.
  // The new sponsor contact hears of AIP-4, in pilot purgatory since long before (nobody else was there to tell).
  await runNow();
  const fresh = perRecipient((await outbox()).slice(before));
  expect([...fresh.keys()].sort()).toEqual([SEED_ACCOUNTS.marcus, SEED_ACCOUNTS.lead].sort());
  expect(fresh.get(SEED_ACCOUNTS.marcus)).toEqual([expect.objectContaining({ subject: `Production handoff: 1 reminder (${SEED_KEYS.mostlyWithdrawn})` })]);
  expect(itemLines(fresh.get(SEED_ACCOUNTS.marcus)![0])).toEqual([expect.stringMatching(/^- The pilot closes in 19 days/)]);
  expect(itemLines(fresh.get(SEED_ACCOUNTS.lead)![0])).toEqual([expect.stringMatching(/^- The pilot closed on .* in pilot purgatory for 1\d\d days\.$/)]);
  // The general settings form cannot undo them: it keeps the stored reminder settings whatever it sends.
  const general = ok(await invoke(host.url, 'saveProjectSettings', { settings: { ...saved.settings, reminders: { ...saved.settings.reminders, stalled: { enabled: false } } } }, { context: { projectKey: 'AIP' } }));
  expect(general.settings.reminders.stalled).toEqual({ enabled: true });
});

test('with the clock moved past each due date, each run sends what fell due, once; Forge\'s duplicate invocations send nothing twice', async () => {
  let seen = (await outbox()).length;
  for (const day of [3, 6, 13, 15, 40]) {
    await onDay(day);
    // Three invocations at once: the run lock lets one work, the ledger would stop the others anyway.
    const r = await runNow(3);
    expect(r.ran.map((x: { outcome: string }) => x.outcome)).toEqual(['ok', 'ok', 'ok']);
    const messages = await outbox();
    const fresh = messages.slice(seen);
    for (const [, theirs] of perRecipient(fresh)) expect(theirs).toHaveLength(1);
    seen = messages.length;
    await runNow();
    expect(await outbox()).toHaveLength(seen);
  }
  const all = await outbox();
  expectNoItemTwice(all);
  const lines = all.flatMap(itemLines).join('\n');
  // Day 6: AIP-2 closes within 14 days (its champion, Marcus); AIP-1's owner has not accepted after 5 days.
  expect(lines).toMatch(/^- Marcus Webb was named delivery owner on .* and has not accepted yet/m);
  // Day 13: AIP-1's pilot closed with questions open, to its owner and the project's sponsor contact (Lee); day 15: no change for 14 days.
  expect(lines).toMatch(/The pilot closed on .* with \d questions? open: in pilot purgatory for \d+ days?\./);
  expect(all.some((m) => m.to.accountId === SEED_ACCOUNTS.lead && m.subject.includes(SEED_KEYS.nearlyReady) && /The pilot closed on/.test(m.textBody))).toBe(true);
  expect(lines).toMatch(/No change to the handoff for \d+ days/);
  // Everything told is in the ledger as sent, one entry per item and recipient, and on the epics themselves.
  expect(ledger().length).toBe(all.flatMap(itemLines).length);
});

test('a storage failure mid-run, then a rerun: what Jira took is not sent again, the rest goes out once', async () => {
  await onDay(100);
  await local('DELETE', '/outbox');
  const before = ledger().length;
  await holdAppJiraRequest(host.url, 'POST', '/notify');
  const running = runNow();
  await waitUntilHeld(host.url);
  await setKvsFault(host.url, 'fail');
  await releaseHeldRequest(host.url);
  const failed = await running;
  expect(failed.ran[0].recordedStatus).toBe(500);
  await setKvsFault(host.url, 'ok');
  const afterFailure = await outbox();
  expect(afterFailure).toHaveLength(1);

  // The failed run's lock could not be released: it frees itself after its TTL (5.5 minutes).
  await local('POST', '/clock', { advanceMs: 6 * 60_000 });
  const rerun = await runNow();
  expect(rerun.ran[0]).toMatchObject({ outcome: 'ok', recordedStatus: 200 });
  const messages = await outbox();
  expect(messages.length).toBeGreaterThan(1);
  for (const [, theirs] of perRecipient(messages)) expect(theirs).toHaveLength(1);
  expectNoItemTwice(messages);
  expect(ledger().length).toBeGreaterThan(before);
  await runNow();
  expect(await outbox()).toHaveLength(messages.length);
});

/** Deletes app storage behind the running host's back: the reminders ledger only, or everything (a reset). */
function wipe(what: 'ledger' | 'all'): number {
  const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'));
  try {
    if (what === 'ledger') return db.prepare("DELETE FROM kvs_entity WHERE entity_name = 'reminder-sent'").run().changes;
    return db.transaction(() => ['kvs', 'kvs_entity', 'kvs_secret'].reduce((n, t) => n + db.prepare(`DELETE FROM ${t}`).run().changes, 0))();
  } finally {
    db.close();
  }
}

test('the ledger lost (storage restored from before the run): the epics remember what was sent, so a rerun sends nothing', async () => {
  await onDay(130);
  await local('DELETE', '/outbox');
  await runNow();
  const sent = await outbox();
  expect(sent.length).toBeGreaterThan(0);
  expect(wipe('ledger')).toBeGreaterThan(0);
  expect(ledger()).toEqual([]);
  await runNow();
  expect(await outbox()).toHaveLength(sent.length);
});

test('a permanent condition\'s review date passed: who sustains it is named, and the delivery owner is told, once, even after Jira refused every message of the first run', async () => {
  // AIP-1's "Weekly 30-minute slot with the VP of Claims" is permanent, to be reviewed on day 180; its
  // sustainer is free text, so the reminder goes to the delivery owner (Marcus) and names them.
  await onDay(181);
  await local('DELETE', '/outbox');
  // Jira refuses to send (outgoing mail off: 403): each message is still tried, the run reports the failures,
  // and the claims are given back, so nothing counts as sent.
  await local('POST', '/outbox/settings', { outgoingMail: false });
  const notifies = async () => (await local('GET', '/stats')).jira.byRoute['POST /rest/api/3/issue/{issueIdOrKey}/notify'] ?? 0;
  const before = await notifies();
  const refused = await runNow();
  expect(refused.ran[0].recordedStatus).toBe(500);
  const tried = (await notifies()) - before;
  await local('POST', '/outbox/settings', { outgoingMail: true });
  expect(await outbox()).toEqual([]);
  await runNow();
  const messages = await outbox();
  expect(messages.length).toBeGreaterThan(1);
  expect(tried).toBe(messages.length);
  for (const [, theirs] of perRecipient(messages)) expect(theirs).toHaveLength(1);
  const marcus = perRecipient(messages).get(SEED_ACCOUNTS.marcus)!;
  expect(marcus).toHaveLength(1);
  expect(marcus[0].subject).toContain(SEED_KEYS.nearlyReady);
  expect(itemLines(marcus[0])).toContainEqual(`- The permanent pilot condition "Weekly 30-minute slot with the VP of Claims" (sustained by VP of Claims, as a standing monthly review) was due for review on ${humanDate(addDays(day0, 180))}.`);
  await runNow();
  expect(await outbox()).toHaveLength(messages.length);
});

test('app storage reset while a message is with Jira: that message is not sent twice, and nothing is sent for epics storage no longer knows', async () => {
  // Something new falls due on day 200: AIP-1 changes on day 182 (a KPI reading), then nothing for 18 days (stalled).
  await onDay(182);
  const aip1 = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: SEED_KEYS.nearlyReady }, user: 'lead@example.com' }));
  ok(await invoke(host.url, 'addKpiReading', { baseVersion: aip1.version, kpiId: aip1.record!.kpis[0].id, reading: { date: addDays(day0, 182), value: 93 } }, { context: { issueKey: SEED_KEYS.nearlyReady }, user: 'lead@example.com' }));
  await onDay(200);
  await local('DELETE', '/outbox');
  await holdAppJiraRequest(host.url, 'POST', '/notify');
  const running = runNow();
  await waitUntilHeld(host.url);
  wipe('all');
  await releaseHeldRequest(host.url);
  await running;
  const during = await outbox();
  for (const [, theirs] of perRecipient(during)) expect(theirs).toHaveLength(1);
  await local('POST', '/clock', { advanceMs: 6 * 60_000 });
  await runNow();
  expect(await outbox()).toHaveLength(during.length);
});
