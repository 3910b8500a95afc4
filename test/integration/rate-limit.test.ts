/**
 * Jira's rate limits, end to end: when Jira answers 429 with Retry-After, the app's Jira gateway waits
 * as told and retries, so the user's action still succeeds; when the limit outlasts the retries, the
 * user gets a clear JIRA_ERROR and nothing is half-written.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';
import { SEED_KEYS } from '../../local/jira/seed';

jest.setTimeout(60_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

const setFaults = async (body: unknown) => {
  const r = await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  return (await r.json()) as { jiraRateLimited: number; jiraRateLimit: { count: number } };
};
const faults = async () => (await (await fetch(`${host.url}/__local/faults`)).json()) as { jiraRateLimited: number; jiraRateLimit: { count: number } };
const epic = { context: { issueKey: SEED_KEYS.untouched } };

test('two 429s with Retry-After: 1 are waited out and the read succeeds', async () => {
  const expected = ok(await invoke(host.url, 'getHandoff', {}, epic));
  await setFaults({ jiraRateLimit: { count: 2, retryAfterSeconds: 1 } });
  const started = Date.now();
  const view = ok(await invoke(host.url, 'getHandoff', {}, epic));
  const elapsed = Date.now() - started;
  expect(view.epic.key).toBe(expected.epic.key);
  expect(view.readiness.level).toBe(expected.readiness.level);
  expect((await faults()).jiraRateLimited).toBe(2);
  // Retry-After was honoured: at least one second per 429 (the calls may overlap, so not two full seconds).
  expect(elapsed).toBeGreaterThanOrEqual(1000);
});

test('a save under rate limiting still lands exactly once', async () => {
  const before = ok(await invoke(host.url, 'getHandoff', {}, epic));
  await setFaults({ jiraRateLimit: { count: 1, retryAfterSeconds: 1 } });
  const saved = ok(await invoke(host.url, 'saveMetric', { baseVersion: before.version, metric: { name: 'Draft acceptance rate', result: '64%' } }, epic));
  expect(saved.version).toBe(before.version + 1);
  expect(saved.record!.pilotMetrics.filter((m) => m.name === 'Draft acceptance rate')).toHaveLength(1);
  expect((await faults()).jiraRateLimited).toBe(1);
});

test('a limit that outlasts the retries answers JIRA_ERROR and changes nothing', async () => {
  const before = ok(await invoke(host.url, 'getHandoff', {}, epic));
  await setFaults({ jiraRateLimit: { count: 1000, retryAfterSeconds: 0 } });
  const r = await invoke(host.url, 'saveMetric', { baseVersion: before.version, metric: { name: 'Never saved', result: '' } }, epic);
  await setFaults({ jiraRateLimit: { count: 0 } });
  expect(r).toMatchObject({ ok: false, error: { code: 'JIRA_ERROR' } });
  const after = ok(await invoke(host.url, 'getHandoff', {}, epic));
  expect(after.version).toBe(before.version);
  expect(JSON.stringify(after.record)).toBe(JSON.stringify(before.record));
});
