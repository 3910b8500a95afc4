/**
 * KPI readings, from the panel and from a monitoring system through the KPI feed (a Forge web trigger with a
 * per-project token): the token shown once and stored hashed, every refusal a clear 4xx with nothing stored,
 * a stored reading changing the KPI's status in the panel and the report, versioned and audited.
 */
import { createHash } from 'node:crypto';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';
import { readKvs, type KvsSnapshot } from '../helpers/kvs-rows';
import { SEED_KEYS } from '../../local/jira/seed';
import { addDays } from '../../src/domain/dates';
import type { HandoffView } from '../../src/shared/contract';

jest.setTimeout(120_000);

let host: TestHost;
let today: string;
const AIP = { context: { projectKey: 'AIP' } };
const CLM = { context: { projectKey: 'CLM' } };
const panel = (issueKey: string, user = 'admin@example.com') => ({ context: { issueKey }, user });
const view = async (issueKey: string, user = 'admin@example.com'): Promise<HandoffView> => ok(await invoke(host.url, 'getHandoff', {}, panel(issueKey, user)));

interface FeedAnswer {
  status: number;
  body: { error?: string; message?: string; fieldErrors?: Record<string, string>; progress?: { status: string; sentence: string } };
}
async function post(url: string, body: unknown, token?: string, method = 'POST'): Promise<FeedAnswer> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
/** Every page of the project's audit trail. */
async function auditTrail(format: 'csv' | 'json' = 'json') {
  const entries = [];
  let cursor: string | undefined;
  do {
    const page = ok(await invoke(host.url, 'exportAuditTrail', { format, ...(cursor ? { cursor } : {}) }, AIP));
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}
/** Storage minus what the feed may touch without storing a reading: locks, and nothing else. */
const stored = (): KvsSnapshot => readKvs(host.dataDir);

beforeAll(async () => {
  host = await startTestHost();
  today = ((await (await fetch(`${host.url}/__local/clock`)).json()) as { now: string }).now.slice(0, 10);
});
afterAll(async () => {
  await host?.stop();
});

describe('feed tokens (report page → Settings)', () => {
  let url: string;
  let token: string;
  let tokenId: string;
  let kpiId: string;

  test('only a project admin creates one; it is shown once and stored hashed', async () => {
    expect(await invoke(host.url, 'createFeedToken', { name: 'Datadog' }, { ...AIP, user: 'lead@example.com' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const lead = ok(await invoke(host.url, 'getFeedTokens', {}, { ...AIP, user: 'lead@example.com' }));
    expect(lead).toMatchObject({ tokens: [], canAdminister: false });
    const created = ok(await invoke(host.url, 'createFeedToken', { name: 'Datadog claims-prod' }, AIP));
    ({ token, tokenId } = created);
    url = created.view.url;
    expect(token).toMatch(/^phk_[A-Za-z0-9_-]{43}$/);
    expect(url).toMatch(new RegExp(`^${host.url}/x1/`));
    expect(created.view.tokens).toEqual([{ tokenId, name: 'Datadog claims-prod', createdAt: expect.any(String), createdBy: { accountId: expect.any(String), displayName: 'Avery Admin' } }]);
    const listed = ok(await invoke(host.url, 'getFeedTokens', {}, AIP));
    expect(JSON.stringify(listed)).not.toContain(token);
    const kvs = JSON.stringify(stored());
    expect(kvs).not.toContain(token);
    expect(kvs).toContain(createHash('sha256').update(token).digest('hex'));
    // Created in the project's audit trail.
    kpiId = (await view(SEED_KEYS.shipped)).record!.kpis.find((k) => k.name === 'Summary acceptance without edits')!.id;
    expect((await auditTrail()).some((e) => e.action === 'createFeedToken' && e.summary.includes('Datadog claims-prod'))).toBe(true);
  });

  test('a wrong token is 401, a request without one 401, and nothing is stored', async () => {
    const before = stored();
    const reading = { issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 79 } };
    const none = await post(url, reading);
    expect(none).toMatchObject({ status: 401, body: { error: 'UNAUTHORIZED' } });
    const wrong = await post(url, reading, `phk_${'A'.repeat(43)}`);
    expect(wrong).toMatchObject({ status: 401, body: { error: 'UNAUTHORIZED' } });
    expect(await post(url, reading, 'not-even-shaped')).toMatchObject({ status: 401 });
    expect(await post(url, reading, token, 'GET')).toMatchObject({ status: 405 });
    expect(stored()).toEqual(before);
  });

  test('malformed values, and a KPI or epic outside the token\'s project, are 4xx with the reason, and nothing is stored', async () => {
    const before = stored();
    const cases: Array<[unknown, number, RegExp]> = [
      ['{not json', 400, /must be JSON/],
      [{ issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: '79' } }, 400, /reading\.value: Value must be a number/],
      [{ issue: SEED_KEYS.shipped, kpiId, reading: { date: '2026-02-30', value: 1 } }, 400, /not a date in the calendar/],
      [{ issue: SEED_KEYS.shipped, kpiId, reading: { date: addDays(today, 2), value: 1 } }, 400, /cannot be dated after today/],
      [{ issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 1, by: 'someone' } }, 400, /reading\.by/],
      [{ issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 1e300 } }, 400, /between/],
      [{ issue: 'AIP-1; DROP', kpiId, reading: { date: today, value: 1 } }, 400, /issue must be/],
      [{ issue: SEED_KEYS.shipped, kpiId: 'nope', reading: { date: today, value: 1 } }, 404, /does not exist on this epic/],
      [{ issue: 'CLM-1', kpiId, reading: { date: today, value: 1 } }, 404, /no issue CLM-1 in this token's project/],
      [{ issue: 'AIP-999', kpiId, reading: { date: today, value: 1 } }, 404, /no issue AIP-999/],
      [{ issue: SEED_KEYS.story, kpiId, reading: { date: today, value: 1 } }, 404, /not an epic/],
    ];
    for (const [body, status, message] of cases) {
      const r = await post(url, body, token);
      expect({ body, status: r.status, message: r.body.message }).toEqual({ body, status, message: expect.stringMatching(message) });
    }
    expect(stored()).toEqual(before);
  });

  test('a reading posted with the token appears in the panel\'s chart and changes the KPI\'s status, in the panel and the report', async () => {
    // AIP-6 is Done (its handoff locked), yet its KPIs govern production: readings are taken.
    const before = await view(SEED_KEYS.shipped);
    expect(before.kpiProgress[kpiId].status).toBe('no-data');
    const r = await post(url, { issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 79, note: 'Weekly audit sample', source: 'Datadog' } }, token);
    expect(r.status).toBe(201);
    expect(r.body.progress).toMatchObject({ status: 'on-track' });
    const after = await view(SEED_KEYS.shipped);
    expect(after.version).toBe(before.version + 1);
    expect(after.kpiProgress[kpiId]).toMatchObject({ status: 'on-track', sentence: expect.stringContaining('on track') });
    const page = ok(await invoke(host.url, 'getKpiReadings', { kpiId }, panel(SEED_KEYS.shipped, 'viewer@example.com')));
    expect(page.readings).toEqual([{ id: expect.any(String), kpiId, date: today, value: 79, note: 'Weekly audit sample', source: 'Datadog', recorded: { via: 'feed', tokenId, at: expect.any(String) } }]);
    const report = ok(await invoke(host.url, 'getReportPage', {}, AIP));
    const shipped = report.rows.find((x) => x.key === SEED_KEYS.shipped)!;
    expect(shipped.kpiProgress).toMatchObject({ onTrack: 1, due: 1 });
    expect(shipped.flags).not.toContain('kpi-off-track');

    // A lower reading the same day, recorded later, is the latest: behind the path, so off track.
    expect((await post(url, { issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 60 } }, token)).body.progress).toMatchObject({ status: 'off-track' });
    const report2 = ok(await invoke(host.url, 'getReportPage', {}, AIP));
    const row2 = report2.rows.find((x) => x.key === SEED_KEYS.shipped)!;
    expect(row2.kpiProgress).toMatchObject({ onTrack: 0, due: 1, offTrack: 1 });
    expect(row2.flags).toContain('kpi-off-track');
    // The brief lists the latest reading.
    const brief = ok(await invoke(host.url, 'getBrief', {}, panel(SEED_KEYS.shipped)));
    expect(brief.markdown).toMatch(/Summary acceptance without edits.*60.*on /s);
  });

  test('readings are versioned and audited like every change, and exported with the audit trail', async () => {
    const history = ok(await invoke(host.url, 'getHistory', {}, panel(SEED_KEYS.shipped)));
    const entry = history.entries.filter((e) => e.action === 'addKpiReading').at(-2)!;
    expect(entry.by.displayName).toBe('KPI feed "Datadog claims-prod"');
    expect(entry.changes[0]).toEqual({ field: "KPI 'Summary acceptance without edits' reading", to: `${today}: 79; note: Weekly audit sample; source: Datadog; via the KPI feed (token ${tokenId})` });
    expect((await auditTrail('csv')).filter((e) => e.action === 'addKpiReading' && e.issueKey === SEED_KEYS.shipped)).toHaveLength(2);
  });

  test('a revoked token is 403 and nothing is stored; the panel adds readings as an editor, never as a viewer', async () => {
    const revoked = ok(await invoke(host.url, 'revokeFeedToken', { tokenId }, AIP));
    expect(revoked.tokens[0]).toMatchObject({ tokenId, revokedAt: expect.any(String), revokedBy: { displayName: 'Avery Admin' } });
    const before = stored();
    const r = await post(url, { issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 80 } }, token);
    expect(r).toMatchObject({ status: 403, body: { error: 'TOKEN_REVOKED' } });
    expect(stored()).toEqual(before);

    const aip1 = await view(SEED_KEYS.nearlyReady, 'lead@example.com');
    const kpi = aip1.record!.kpis[0].id;
    const payload = { baseVersion: aip1.version, kpiId: kpi, reading: { date: today, value: 93.5, note: 'First audit' } };
    expect(await invoke(host.url, 'addKpiReading', payload, panel(SEED_KEYS.nearlyReady, 'viewer@example.com'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const added = ok(await invoke(host.url, 'addKpiReading', payload, panel(SEED_KEYS.nearlyReady, 'lead@example.com')));
    expect(added.record!.kpiReadings![kpi]).toEqual({ count: 1, latest: { date: today, value: 93.5, at: expect.any(String) } });
    // The same version again is someone else's newer save: a conflict, nothing stored twice.
    expect(await invoke(host.url, 'addKpiReading', payload, panel(SEED_KEYS.nearlyReady, 'lead@example.com'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const page = ok(await invoke(host.url, 'getKpiReadings', { kpiId: kpi }, panel(SEED_KEYS.nearlyReady)));
    expect(page.readings.map((x) => x.value)).toEqual([93.5]);
  });

  test('a token of another project cannot reach this one\'s epics', async () => {
    const clm = ok(await invoke(host.url, 'createFeedToken', { name: 'CLM BI' }, CLM));
    const r = await post(clm.view.url, { issue: SEED_KEYS.shipped, kpiId, reading: { date: today, value: 1 } }, clm.token);
    expect(r).toMatchObject({ status: 404, body: { message: expect.stringMatching(/in this token's project/) } });
  });
});
