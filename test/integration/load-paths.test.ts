/**
 * What each action asks of the platform, and in which order (issue 12: on Forge each request costs real
 * time, so independent requests must not wait for each other). Not timing: a held request shows what the
 * app already asked for while it waits, and the host's stats count the requests of one action.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, MODULES, ok, resetStats, stats, type HostStatsSnapshot } from '../helpers/local-api';
import { holdAppJiraRequest, releaseHeldRequest, waitUntilHeld } from '../helpers/jira-admin';
import { createEpic } from '../helpers/handoff-fixtures';
import { SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(60_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({ env: { LOCAL_EVENT_DELAY_MS: '0', LOCAL_EVENT_DUPLICATE: '0' } });
});
afterAll(async () => {
  await host.stop();
});

const panel = (issueKey: string, user = 'admin@example.com') => ({ context: { issueKey }, user });
/** The app's own requests from one module's invocations (not the platform's context look-ups). */
const jiraOf = (s: HostStatsSnapshot, moduleKey: string) => s.jira.byModule[moduleKey] ?? 0;
const kvsOf = (s: HostStatsSnapshot, moduleKey: string) => s.kvs.byModule[moduleKey] ?? 0;

/** Polls the host's stats until `ready` holds, for at most `ms`; answers the last snapshot. */
async function statsWhen(ready: (s: HostStatsSnapshot) => boolean, ms = 3000): Promise<HostStatsSnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await stats(host.url);
    if (ready(s) || Date.now() > deadline) return s;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the panel', () => {
  test('opening it reads the epic, the caller and storage while the permission check is still out', async () => {
    await resetStats(host.url);
    await holdAppJiraRequest(host.url, 'GET', '/mypermissions');
    const answer = invoke(host.url, 'getHandoff', {}, panel(SEED_KEYS.nearlyReady));
    try {
      await waitUntilHeld(host.url);
      // The held request is counted once it passes: the epic and the caller (2 Jira) and the record (1 KVS) are not held.
      const s = await statsWhen((x) => jiraOf(x, MODULES.panel) >= 2 && kvsOf(x, MODULES.panel) >= 1);
      expect({ jira: jiraOf(s, MODULES.panel), kvs: kvsOf(s, MODULES.panel) }).toEqual({ jira: 2, kvs: 1 });
    } finally {
      await releaseHeldRequest(host.url);
    }
    const view = ok(await answer);
    expect(view.epic.key).toBe(SEED_KEYS.nearlyReady);
    expect(view.permissions.canEdit).toBe(true);
  });

  test('what was read before the permission answered is never shown to someone who may not see it', async () => {
    const epic = await createEpic(host.url, 'Load paths: an epic Val may see but not change');
    const forbidden = await invoke(host.url, 'saveMetric', { baseVersion: 0, metric: { name: 'Nope', result: '' } }, panel(epic, 'viewer@example.com'));
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await invoke(host.url, 'getHandoff', {}, { context: { issueKey: 'CLM-1' }, user: 'viewer@example.com' });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
