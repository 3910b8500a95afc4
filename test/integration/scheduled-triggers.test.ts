/**
 * Scheduled triggers run on the host clock as Forge runs them: the first run about 5 minutes after
 * deployment, then once per interval, each run at most once, with Forge's event, context and no user.
 */
import { startMiniHost, type MiniHost } from '../helpers/mini-host';
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import { LOCAL_CLOUD_ID } from '../../local/forge/app';

jest.setTimeout(60_000);
let mini: MiniHost;

beforeAll(async () => {
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
});
afterAll(async () => {
  await mini?.stop();
});

const run = (body: unknown = {}) => mini.call('POST', '/__local/scheduled/run', body);
const advance = async (days: number) => expect((await mini.call('POST', '/__local/clock', { advanceDays: days })).status).toBe(200);
const setConfig = (value: unknown) => mini.invoke('kvsCall', { op: 'set', key: 'sched:config', value });
/** Every run the fixture's scheduled function recorded in KVS. */
const recordedRuns = async () => {
  const page = await mini.invoke('kvsCall', { op: 'query', prefix: 'sched:run:', limit: 100 });
  return (page.body.value.results as Array<{ value: any }>).map((r) => r.value); // eslint-disable-line @typescript-eslint/no-explicit-any
};
const ranKeys = (r: { body: { ran: Array<{ moduleKey: string }> } }) => r.body.ran.map((x) => x.moduleKey);

test('nothing is due before the start time (5 minutes after deployment); the license filter skips a development install', async () => {
  const state = (await mini.call('GET', '/__local/scheduled')).body;
  expect(state.mode).toBe('manual');
  const daily = state.schedules.find((s: { moduleKey: string }) => s.moduleKey === 'mini-daily');
  const offset = Date.parse(daily.startsAt) - Date.parse(state.now);
  expect(offset).toBeGreaterThan(4 * 60_000);
  expect(offset).toBeLessThanOrEqual(5 * 60_000);
  const r = await run();
  expect(r.status).toBe(200);
  expect(r.body.ran).toEqual([]);
  expect(r.body.skipped).toEqual(expect.arrayContaining([
    expect.objectContaining({ moduleKey: 'mini-daily', reason: 'not due', nextDueAt: daily.startsAt }),
    { moduleKey: 'mini-licensed-weekly', reason: 'app not licensed' },
  ]));
  expect(await recordedRuns()).toEqual([]);
});

test('a day later it runs once, with the event and context Forge gives a scheduled trigger, and no user', async () => {
  await advance(1);
  const r = await run();
  expect(ranKeys(r)).toEqual(['mini-daily']);
  expect(r.body.ran[0]).toMatchObject({ outcome: 'ok', forced: false, recordedStatus: 424 }); // no statusCode returned: Forge records 424
  const [rec] = await recordedRuns();
  expect(rec.event).toEqual({ context: { cloudId: LOCAL_CLOUD_ID, moduleKey: 'mini-daily' }, contextToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
  expect(rec.context).toEqual({ principal: null, installContext: `ari:cloud:jira::site/${LOCAL_CLOUD_ID}`, keys: expect.arrayContaining(['installContext']) });
  expect(rec.moduleKey).toBe('mini-daily');
  expect(rec.runtimeAaid).toBeNull();
  expect(rec.asUserError).toBe('NEEDS_AUTHENTICATION_ERR'); // @forge/api's NeedsAuthenticationError
  // The function's own timeout (timeoutSeconds: 60), not the 25 s of a UI invocation.
  expect(rec.remainingMs).toBeGreaterThan(55_000);
  expect(rec.remainingMs).toBeLessThanOrEqual(60_000);
});

test('at most once per interval: a second run the same day does nothing', async () => {
  const r = await run();
  expect(r.body.ran).toEqual([]);
  expect(r.body.skipped).toContainEqual(expect.objectContaining({ moduleKey: 'mini-daily', reason: 'not due' }));
  expect(await recordedRuns()).toHaveLength(1);
});

test('ten days later it runs once, not ten times (missed intervals are not made up)', async () => {
  await advance(10);
  expect(ranKeys(await run())).toEqual(['mini-daily']);
  expect(ranKeys(await run())).toEqual([]);
  expect(await recordedRuns()).toHaveLength(2);
});

test('overlapping checks never run the same interval twice: the second sees it running', async () => {
  await setConfig({ delayMs: 400 });
  await advance(1);
  const [a, b] = await Promise.all([run(), run()]);
  expect([...ranKeys(a), ...ranKeys(b)]).toEqual(['mini-daily']);
  const skipped = [...a.body.skipped, ...b.body.skipped].find((s: { moduleKey: string }) => s.moduleKey === 'mini-daily');
  expect(skipped.reason).toBe('running');
  expect(await recordedRuns()).toHaveLength(3);
});

test('force makes duplicate invocations on purpose (Forge: "a small chance of duplicated invocations")', async () => {
  const r = await run({ moduleKey: 'mini-daily', force: true, copies: 2 });
  expect(r.body.ran).toHaveLength(2);
  expect(r.body.ran.every((x: { forced: boolean }) => x.forced)).toBe(true);
  // They overlapped: each started before the other finished.
  const [x, y] = r.body.ran;
  expect(Date.parse(x.startedAt)).toBeLessThan(Date.parse(y.finishedAt));
  expect(Date.parse(y.startedAt)).toBeLessThan(Date.parse(x.finishedAt));
  expect(await recordedRuns()).toHaveLength(5);
  // The schedule itself is untouched: this interval already ran.
  expect(ranKeys(await run())).toEqual([]);
});

test('a failing run is recorded and not retried; the returned statusCode is what the platform records', async () => {
  await setConfig({ fail: true });
  await advance(1);
  const failed = await run();
  expect(failed.body.ran[0]).toMatchObject({ moduleKey: 'mini-daily', outcome: 'error', recordedStatus: 500, error: 'scheduled run failed on purpose' });
  expect(ranKeys(await run())).toEqual([]);
  await setConfig({ statusCode: 204 });
  await advance(1);
  expect((await run()).body.ran[0]).toMatchObject({ outcome: 'ok', recordedStatus: 204 });
  const state = (await mini.call('GET', '/__local/scheduled')).body.schedules.find((s: { moduleKey: string }) => s.moduleKey === 'mini-daily');
  expect(state.lastRun).toMatchObject({ outcome: 'ok', recordedStatus: 204 });
});

test('a reminder sent from the schedule reaches the outbox, stamped with the host clock', async () => {
  await mini.call('DELETE', '/__local/outbox');
  await setConfig({ notify: { issueKey: 'AIP-1', accountId: SEED_ACCOUNTS.priya } });
  await advance(1);
  expect(ranKeys(await run())).toEqual(['mini-daily']);
  const outbox = (await mini.call('GET', '/__local/outbox')).body;
  expect(outbox.messages).toHaveLength(1);
  const hostNow = Date.parse((await mini.call('GET', '/__local/clock')).body.now);
  expect(outbox.messages[0]).toMatchObject({ to: { accountId: SEED_ACCOUNTS.priya, emailAddress: 'priya@example.com' }, issue: { key: 'AIP-1' }, from: { accountId: null } });
  expect(Math.abs(Date.parse(outbox.messages[0].sentAt) - hostNow)).toBeLessThan(10_000);
  expect(outbox.messages[0].subject).toBe(`Reminder ${new Date(hostNow).toISOString().slice(0, 10)}`);
});

test('refuses unknown schedules and bad requests', async () => {
  expect((await run({ moduleKey: 'nope' })).status).toBe(400);
  expect((await run({ force: true })).status).toBe(400);
  expect((await run({ moduleKey: 'mini-daily', force: true, copies: 50 })).status).toBe(400);
  expect((await run({ force: 'yes' })).status).toBe(400);
});

test('a restarted host keeps to the schedule; auto mode runs what became due by itself', async () => {
  await setConfig({});
  await mini.restart({ scheduledTriggers: 'auto' });
  const before = (await recordedRuns()).length;
  expect(ranKeys(await run())).toEqual([]);
  await advance(1);
  // The clock move itself sets the auto check going; wait for it to finish.
  for (let i = 0; i < 50 && (await recordedRuns()).length === before; i++) await new Promise((r) => setTimeout(r, 100));
  await mini.call('GET', '/__local/scheduled/idle');
  expect(await recordedRuns()).toHaveLength(before + 1);
  expect(ranKeys(await run())).toEqual([]);
});
