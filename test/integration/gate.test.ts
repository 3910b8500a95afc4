/**
 * The handoff gate through Jira's own transition endpoint on the local host: the validator blocks an
 * undecided in-scope epic with a message naming what is missing, never blocks a story, fails closed
 * when app storage cannot be read, ignores a hand-edited readiness property, and lets a decided epic pass.
 */
import { SEED_KEYS } from '../../local/jira/seed';
import { couldNotVerifyMessage } from '../../src/domain/gate';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, jira, ok, setKvsFault, stats, resetStats } from '../helpers/local-api';
import { createEpic, decideHandoff, DONE_TRANSITION, IN_PROGRESS_TRANSITION, transition } from '../helpers/handoff-fixtures';

jest.setTimeout(120_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await setKvsFault(host.url, 'ok').catch(() => undefined);
  await host.stop();
});

const statusOf = async (key: string) => (await jira<{ fields: { status: { name: string } } }>(host.url, 'GET', `/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name;

const GATE = 'production-handoff-gate';

test('an undecided in-scope epic cannot move to Done, and the message names what is missing', async () => {
  const key = await createEpic(host.url, 'Gate: undecided initiative');
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect(r.status).toBe(400);
  const message = r.body?.errorMessages?.join(' ') ?? '';
  expect(message).toContain(`Production handoff for ${key} is not decided`);
  expect(message).toMatch(/no pilot conditions are recorded/i);
  expect(message).toMatch(/operational KPI/);
  expect(message).toMatch(/business KPI/);
  expect(message).toMatch(/delivery owner/i);
  expect(await statusOf(key)).not.toBe('Done');
});

test('a story in the same workflow moves to Done freely', async () => {
  const r = await transition(host.url, SEED_KEYS.story, DONE_TRANSITION);
  expect(r.status).toBe(204);
  expect(await statusOf(SEED_KEYS.story)).toBe('Done');
  await transition(host.url, SEED_KEYS.story, IN_PROGRESS_TRANSITION);
});

test('when app storage cannot be read, an in-scope epic is blocked with the could-not-verify message; a story still passes', async () => {
  const key = await createEpic(host.url, 'Gate: storage down');
  await setKvsFault(host.url, 'fail');
  try {
    const blocked = await transition(host.url, key, DONE_TRANSITION);
    expect(blocked.status).toBe(400);
    expect(blocked.body?.errorMessages).toContain(couldNotVerifyMessage(key));
    const story = await transition(host.url, SEED_KEYS.story, DONE_TRANSITION);
    expect(story.status).toBe(204);
  } finally {
    await setKvsFault(host.url, 'ok');
    await transition(host.url, SEED_KEYS.story, IN_PROGRESS_TRANSITION);
  }
  expect(await statusOf(key)).not.toBe('Done');
});

test('a hand-written "ready" readiness property does not let an undecided epic pass', async () => {
  const key = await createEpic(host.url, 'Gate: forged property');
  const put = await jira(host.url, 'PUT', `/rest/api/3/issue/${key}/properties/production-handoff-readiness`, { v: 1, level: 'ready', missingCount: 0, missing: [] });
  expect([200, 201, 204]).toContain(put.status);
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect(r.status).toBe(400);
  expect(r.body?.errorMessages?.join(' ')).toContain('is not decided');
});

test('a decided epic moves to Done with one Jira request and one storage read for the decision', async () => {
  const key = await createEpic(host.url, 'Gate: decided initiative');
  await decideHandoff(host.url, key);
  await resetStats(host.url);
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect(r.status).toBe(204);
  expect(await statusOf(key)).toBe('Done');
  const s = await stats(host.url);
  expect(s.validatorRuns).toBe(1);
  // Requests the gate's invocation made (the epic's trigger runs after the transition and counts apart).
  expect(s.jira.byModule[GATE]).toBe(1);
  expect(s.kvs.byModule[GATE]).toBe(1);
});

test('a decided epic whose pilot has no actual close date is asked for it at Done, and passes once it is recorded', async () => {
  const key = await createEpic(host.url, 'Gate: pilot close date');
  const view = await decideHandoff(host.url, key, { pilotClosed: false });
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect(r.status).toBe(400);
  expect(r.body?.errorMessages?.join(' ')).toBe(
    `Production handoff for ${key}: the pilot's actual close date is not recorded. Record it in the Production Handoff panel on ${key} (its header asks for it), then move the epic to Done.`,
  );
  ok(await invoke(host.url, 'savePilot', { baseVersion: view.version, plannedCloseDate: null, actualCloseDate: '2026-02-01', pilotChampionAccountId: null }, { context: { issueKey: key } }));
  expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
});

test('an epic without the scope label and without a record is not the gate\'s business', async () => {
  const key = await createEpic(host.url, 'Gate: ordinary epic', []);
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect(r.status).toBe(204);
});
