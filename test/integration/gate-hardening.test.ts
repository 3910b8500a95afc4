/**
 * Attacks on the gate's scope through the host's own doors (the workflow settings screen's save, Jira's
 * transition endpoint, the panel's resolvers): an unreadable configuration must not open the gate, and a
 * record emptied by removals must not trap an epic. One Jira and one storage request per decision.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { couldNotVerifyMessage } from '../../src/domain/gate';
import { eventsIdle, invoke, jira, ok, resetStats, setKvsFault, stats } from '../helpers/local-api';
import { ADMIN, createEpic, DONE_TRANSITION, transition } from '../helpers/handoff-fixtures';
import { changeIssueType } from '../helpers/jira-admin';

jest.setTimeout(120_000);

const GATE = 'production-handoff-gate';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await setKvsFault(host.url, 'ok').catch(() => undefined);
  await host.stop();
});

/** The shell's workflow settings page as an admin: the id of the seeded gate rule. */
async function gateRuleId(): Promise<string> {
  const html = await (await fetch(`${host.url}/projects/AIP/settings/workflow`, { headers: { cookie: `ph_user=${ADMIN}` } })).text();
  const id = /data-rule-id="(\d+)"/.exec(html)?.[1];
  if (!id) throw new Error('No validator rule on the workflow page');
  return id;
}

/** Saves the rule's configuration the way the configuration screen's onConfigure hands it to Jira: a JSON string. */
async function saveGateConfig(config: unknown): Promise<void> {
  const res = await fetch(`${host.url}/projects/AIP/settings/workflow/rules/${await gateRuleId()}/config`, {
    method: 'POST',
    headers: { cookie: `ph_user=${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ configuration: JSON.stringify(config) }),
  });
  if (res.status !== 200) throw new Error(`Saving the gate configuration answered ${res.status}`);
}

describe('an unreadable validator configuration', () => {
  afterEach(async () => {
    await saveGateConfig({ scopeLabel: 'ai-initiative' });
  });

  test('blocks an epic carrying the configured scope label instead of falling back to the defaults', async () => {
    // Written by a newer configuration screen (an extra field) before a rollback: the strict parser refuses it.
    await saveGateConfig({ scopeLabel: 'genai-pilot', requireWorkstreamsDone: false, requireSecurityReview: true });
    const key = await createEpic(host.url, 'Gate: newer configuration', ['genai-pilot']);
    await resetStats(host.url);
    const r = await transition(host.url, key, DONE_TRANSITION);
    expect(r.status).toBe(400);
    expect(r.body?.errorMessages?.join(' ')).toMatch(new RegExp(`^Production handoff for ${key} could not be verified: the gate's configuration could not be read`));
    const s = await stats(host.url);
    expect(s.jira.byModule[GATE]).toBe(1);
    expect(s.kvs.byModule[GATE]).toBe(1);
  });

  test('still lets an epic pass that is in scope by no reading of the configuration', async () => {
    await saveGateConfig({ scopeLabel: 'genai-pilot', requireSecurityReview: true });
    const key = await createEpic(host.url, 'Gate: ordinary epic, newer configuration', ['platform']);
    expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
  });

  test('blocks every epic when not even the scope label can be read', async () => {
    await saveGateConfig('{"scopeLabel": "genai-pilot"');
    const key = await createEpic(host.url, 'Gate: broken configuration', ['platform']);
    const r = await transition(host.url, key, DONE_TRANSITION);
    expect(r.status).toBe(400);
    expect(r.body?.errorMessages?.join(' ')).toContain("the gate's configuration could not be read");
  });
});

test('a record emptied by removals does not bring an unlabelled epic into scope', async () => {
  const key = await createEpic(host.url, 'Gate: condition added and removed', []);
  const ctx = { context: { issueKey: key }, user: ADMIN };
  let view = ok(await invoke(host.url, 'saveCondition', { baseVersion: 0, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, ctx));
  // While it holds a condition, the handoff is started and the gate keeps the epic from Done.
  expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(400);
  view = ok(await invoke(host.url, 'removeCondition', { baseVersion: view.version, conditionId: view.record!.conditions[0].id }, ctx));
  expect(view.record).not.toBeNull();
  await resetStats(host.url);
  const r = await transition(host.url, key, DONE_TRANSITION);
  expect({ status: r.status, body: r.body }).toEqual({ status: 204, body: undefined });
  const s = await stats(host.url);
  expect(s.jira.byModule[GATE]).toBe(1);
  expect(s.kvs.byModule[GATE]).toBe(1);
});

describe('item 1: the type-change detour', () => {
  test('an epic with an undecided handoff, retyped as a Task, cannot reach Done, so it cannot come back as a shipped epic', async () => {
    const epicKey = await createEpic(host.url, 'Gate: type-change detour');
    ok(await invoke(host.url, 'saveCondition', { baseVersion: 0, condition: { kind: 'data-access', name: 'Direct claims DB access' } }, { context: { issueKey: epicKey }, user: ADMIN }));
    // The workflow is shared, so the Task meets the gate on Done too.
    const taskKey = await changeIssueType(host.url, epicKey, 'Task');
    await eventsIdle(host.url);
    await resetStats(host.url);
    const r = await transition(host.url, taskKey, DONE_TRANSITION);
    expect(r.status).toBe(400);
    expect(r.body?.errorMessages?.join(' ')).toMatch(new RegExp(`^Production handoff for ${taskKey} is not decided: 1 pilot condition has no decision \\(Direct claims DB access\\)`));
    const s = await stats(host.url);
    expect(s.jira.byModule[GATE]).toBe(1);
    expect(s.kvs.byModule[GATE]).toBe(1);
    const back = await changeIssueType(host.url, taskKey, 'Epic');
    const status = await jira<{ fields: { status: { statusCategory: { key: string } } } }>(host.url, 'GET', `/rest/api/3/issue/${back}?fields=status`);
    expect(status.body.fields.status.statusCategory.key).not.toBe('done');
  });

  test('an issue without a handoff record passes with one Jira and one storage request; with storage down only an issue carrying a handoff summary is blocked', async () => {
    const taskKey = await changeIssueType(host.url, await createEpic(host.url, 'Gate: retyped before any handoff'), 'Task');
    await eventsIdle(host.url);
    await resetStats(host.url);
    expect((await transition(host.url, taskKey, DONE_TRANSITION)).status).toBe(204);
    const s = await stats(host.url);
    expect(s.jira.byModule[GATE]).toBe(1);
    expect(s.kvs.byModule[GATE]).toBe(1);

    const detourKey = await createEpic(host.url, 'Gate: detour while storage is down');
    ok(await invoke(host.url, 'saveCondition', { baseVersion: 0, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, { context: { issueKey: detourKey }, user: ADMIN }));
    const retyped = await changeIssueType(host.url, detourKey, 'Task');
    await eventsIdle(host.url);
    await setKvsFault(host.url, 'fail');
    try {
      const blocked = await transition(host.url, retyped, DONE_TRANSITION);
      expect(blocked.status).toBe(400);
      expect(blocked.body?.errorMessages).toContain(couldNotVerifyMessage(retyped));
    } finally {
      await setKvsFault(host.url, 'ok');
    }
  });
});
