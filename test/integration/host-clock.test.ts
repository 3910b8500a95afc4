/**
 * The host clock: `POST /__local/clock` moves the local host and the app running in it in time; the app's
 * own Date, Jira's timestamps and JQL, KVS TTL expiry and the Custom UI frames follow it; timers still work.
 */
import { startMiniHost, type MiniHost } from '../helpers/mini-host';

jest.setTimeout(60_000);
const DAY = 86_400_000;
/** Real time: this test runs in the host's process, so its own Date follows the host clock too. */
const realNow = () => performance.timeOrigin + performance.now();
let mini: MiniHost;

beforeAll(async () => {
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
});
afterAll(async () => {
  await mini?.stop();
});

const clock = async (body?: unknown) => (body === undefined ? mini.call('GET', '/__local/clock') : mini.call('POST', '/__local/clock', body));
const appNow = async () => (await mini.invoke('now')).body as { now: string; dateNow: number };

test('runs on real time until moved', async () => {
  const r = await clock();
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ offsetMs: 0, moved: false });
  expect(Math.abs(Date.parse(r.body.now) - realNow())).toBeLessThan(5_000);
  expect(Math.abs((await appNow()).dateNow - realNow())).toBeLessThan(5_000);
});

describe('moved 30 days ahead', () => {
  beforeAll(async () => {
    const r = await clock({ advanceDays: 30 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ offsetMs: 30 * DAY, moved: true });
  });

  test("the app's new Date() and Date.now() are 30 days ahead, and flowing", async () => {
    const real = realNow();
    const a = await appNow();
    expect(a.dateNow - real).toBeGreaterThanOrEqual(30 * DAY - 1_000);
    expect(a.dateNow - real).toBeLessThan(30 * DAY + 5_000);
    expect(Date.parse(a.now)).toBeGreaterThanOrEqual(real + 30 * DAY - 1_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await appNow()).dateNow).toBeGreaterThan(a.dateNow);
  });

  test('timers still count real time: a resolver that waits still answers, with its own time budget', async () => {
    const started = performance.now();
    const r = await mini.invoke('whoami', { delayMs: 300 });
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.body.remainingMs).toBeGreaterThan(20_000);
    expect(r.body.remainingMs).toBeLessThanOrEqual(25_000);
  });

  test("Jira stamps new issues with the host clock, and JQL's relative dates use it", async () => {
    const created = await mini.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: 'Written in the future' } }, 'admin@example.com');
    expect(created.status).toBe(201);
    const issue = await mini.call('GET', `/rest/api/3/issue/${created.body.key}?fields=created,updated`, undefined, 'admin@example.com');
    const stamp = Date.parse(String(issue.body.fields.created).replace(/\+0000$/, 'Z'));
    expect(stamp - realNow()).toBeGreaterThan(29 * DAY);
    const found = await mini.call('POST', '/rest/api/3/search/jql', { jql: 'project = AIP AND created >= -1d', fields: ['summary'] }, 'admin@example.com');
    expect(found.body.issues.map((i: { key: string }) => i.key)).toEqual([created.body.key]);
    const info = await mini.call('GET', '/rest/api/3/serverInfo', undefined, 'admin@example.com');
    expect(Date.parse(String(info.body.serverTime).replace(/\+0000$/, 'Z')) - realNow()).toBeGreaterThan(29 * DAY);
  });

  test('KVS TTL expires on the host clock: the key lingers, then a sweep after its expiry removes it', async () => {
    const set = await mini.invoke('kvsCall', { op: 'set', key: 'ttl:clock', value: 1, options: { ttl: { value: 1, unit: 'DAYS' } } });
    expect(set.body).toEqual({ ok: true, value: null });
    const meta = await mini.invoke('kvsCall', { op: 'get', key: 'ttl:clock', options: { metadataFields: ['EXPIRE_TIME'] } });
    expect(Date.parse(meta.body.value.expireTime) - realNow()).toBeGreaterThan(30 * DAY);
    expect((await mini.call('POST', '/__local/kvs/sweep')).body.swept).toBe(0);
    expect((await clock({ advanceDays: 2 })).status).toBe(200);
    expect((await mini.invoke('kvsCall', { op: 'get', key: 'ttl:clock' })).body).toEqual({ ok: true, value: 1 });
    expect((await mini.call('POST', '/__local/kvs/sweep')).body.swept).toBe(1);
    expect((await mini.invoke('kvsCall', { op: 'get', key: 'ttl:clock' })).body).toEqual({ ok: true, value: null });
  });

  test('the shell shows the moved clock (Custom UI frames: test/browser/dashboard.test.ts)', async () => {
    const shell = await (await fetch(`${mini.url}/jira/clock`, { headers: { cookie: 'ph_user=admin@example.com' } })).text();
    expect(shell).toContain('id="clock-offset"');
    expect(shell).toMatch(/\+32\.00 days/);
  });
});

test('refuses unclear requests with the reason, and changes nothing', async () => {
  const before = (await clock()).body.offsetMs;
  for (const body of [{}, { now: 'tomorrow' }, { advanceDays: '1' }, { now: '2027-01-01', advanceDays: 1 }, { reset: 'yes' }]) {
    const r = await clock(body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toEqual(expect.any(String));
  }
  expect((await clock()).body.offsetMs).toBe(before);
});

test('jumps to a given moment, survives a restart of the host, and goes back to real time', async () => {
  const r = await clock({ now: '2027-03-01T09:00:00Z' });
  expect(Math.abs(Date.parse(r.body.now) - Date.parse('2027-03-01T09:00:00Z'))).toBeLessThan(5_000);
  await mini.restart({ scheduledTriggers: 'manual' });
  const after = (await clock()).body;
  expect(after.moved).toBe(true);
  expect(Math.abs(Date.parse(after.now) - Date.parse('2027-03-01T09:00:00Z'))).toBeLessThan(30_000);
  expect(Math.abs(Date.parse((await appNow()).now) - Date.parse('2027-03-01T09:00:00Z'))).toBeLessThan(30_000);
  const reset = await clock({ reset: true });
  expect(reset.body).toMatchObject({ offsetMs: 0, moved: false });
  expect(Math.abs((await appNow()).dateNow - realNow())).toBeLessThan(5_000);
});
