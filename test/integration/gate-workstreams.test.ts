/**
 * The gate's "require workstreams done" policy, configured the way an admin does it (the workflow
 * settings page saves the configuration screen's string): a decided epic is still blocked while its
 * workstream issues are open, with a message saying how many, and passes once they are all done.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, ok } from '../helpers/local-api';
import { createEpic, decideHandoff, DONE_TRANSITION, transition } from '../helpers/handoff-fixtures';

jest.setTimeout(120_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

/** The seeded gate rule on the Done transition (read from the host's own database file). */
function gateRuleId(): number {
  const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'), { readonly: true });
  try {
    const row = db.prepare("SELECT id FROM workflow_validators WHERE module_key = 'production-handoff-gate'").get() as { id: number } | undefined;
    if (!row) throw new Error('The seed has no gate rule');
    return row.id;
  } finally {
    db.close();
  }
}

async function configureGate(configuration: object): Promise<void> {
  const r = await fetch(`${host.url}/projects/AIP/settings/workflow/rules/${gateRuleId()}/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'ph_user=admin@example.com' },
    body: JSON.stringify({ configuration: JSON.stringify(configuration) }),
  });
  expect(r.status).toBe(200);
}

test('a decided epic waits for its workstreams when the gate requires them done', async () => {
  await configureGate({ scopeLabel: 'ai-initiative', requireWorkstreamsDone: true });
  const epic = await createEpic(host.url, 'Gate: workstreams must be done');
  await decideHandoff(host.url, epic);

  const noWorkstreams = await transition(host.url, epic, DONE_TRANSITION);
  expect(noWorkstreams.status).toBe(400);
  expect(noWorkstreams.body?.errorMessages?.[0]).toMatch(/workstream issues have not been created/i);

  const created = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: epic } }));
  const keys = created.created.map((c) => c.issueKey);
  expect(keys).toHaveLength(5);
  for (const key of keys.slice(0, 3)) expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
  const twoOpen = await transition(host.url, epic, DONE_TRANSITION);
  expect(twoOpen.status).toBe(400);
  expect(twoOpen.body?.errorMessages?.[0]).toMatch(/2 of 5 workstreams are not done/);

  for (const key of keys.slice(3)) expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect((await transition(host.url, epic, DONE_TRANSITION)).status).toBe(204);
});

test('with sub-tasks required too, finished workstream issues are not enough until every sub-task under them is done', async () => {
  await configureGate({ scopeLabel: 'ai-initiative', requireWorkstreamsDone: true, requireSubtasksDone: true });
  const epic = await createEpic(host.url, 'Gate: sub-tasks must be done');
  await decideHandoff(host.url, epic);
  const created = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: epic } }));
  const subtasks = created.subtasks.created.map((s) => s.issueKey);
  expect(subtasks.length).toBeGreaterThan(1);
  for (const c of created.created) expect((await transition(host.url, c.issueKey, DONE_TRANSITION)).status).toBe(204);
  for (const key of subtasks.slice(1)) expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);

  const oneOpen = await transition(host.url, epic, DONE_TRANSITION);
  expect(oneOpen.status).toBe(400);
  expect(oneOpen.body?.errorMessages?.[0]).toBe(`Production handoff for ${epic} is not decided: 1 of ${subtasks.length} sub-tasks is not done. Decide them in the Production Handoff panel on ${epic}.`);

  expect((await transition(host.url, subtasks[0], DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect((await transition(host.url, epic, DONE_TRANSITION)).status).toBe(204);
});
