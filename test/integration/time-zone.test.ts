/**
 * "Today" follows the viewer's time zone. Forge gives a resolver no time zone, so the Custom UI sends the
 * user's (view.getContext().timezone) with each call; the server validates it and counts days in it.
 * Pacific/Kiritimati (UTC+14) and Pacific/Pago_Pago (UTC-11) are 25 hours apart: at any moment at least
 * one of them is on another calendar day than UTC, so counting in UTC fails one of these checks.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';
import { createEpic } from '../helpers/handoff-fixtures';
import { addDays, isoToday } from '../../src/domain/dates';

jest.setTimeout(120_000);

const ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'] as const;

let host: TestHost;
let epic: string;
beforeAll(async () => {
  host = await startTestHost();
  epic = await createEpic(host.url, 'Time zones: forecasting assistant');
});
afterAll(async () => {
  await host.stop();
});

const onEpic = () => ({ context: { issueKey: epic } });

test.each(ZONES)('the pilot clock counts days in the viewer’s zone (%s)', async (timeZone) => {
  const today = isoToday(new Date(), timeZone);
  const before = ok(await invoke(host.url, 'getHandoff', { timeZone }, onEpic()));
  const saved = ok(await invoke(host.url, 'savePilot', { timeZone, baseVersion: before.version, plannedCloseDate: addDays(today, 3), actualCloseDate: null, pilotChampionAccountId: null }, onEpic()));
  // The zone's midnight may pass between the two reads: then the day moved on, and so did the count.
  const expected = isoToday(new Date(), timeZone) === today ? 3 : 2;
  expect(saved.readiness.pilot.sentence).toContain(`Pilot closes in ${expected} days`);
  const read = ok(await invoke(host.url, 'getHandoff', { timeZone }, onEpic()));
  expect(read.readiness.pilot.closesInDays).toBe(expected);
});

test.each(ZONES)('the report’s today is the viewer’s today (%s)', async (timeZone) => {
  const page = ok(await invoke(host.url, 'getReportPage', { timeZone }, { context: { projectKey: 'AIP' } }));
  expect([isoToday(new Date(Date.now() - 60_000), timeZone), isoToday(new Date(), timeZone)]).toContain(page.today);
});

test('a time zone that is not one is refused clearly, on every resolver', async () => {
  for (const timeZone of ['Mars/Olympus_Mons', '', 'UTC; DROP', 42, 'x'.repeat(200)]) {
    const r = await invoke(host.url, 'getHandoff', { timeZone }, onEpic());
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { timeZone: expect.any(String) } } });
  }
  const report = await invoke(host.url, 'getReportPage', { timeZone: 'Nowhere/Special' }, { context: { projectKey: 'AIP' } });
  expect(report).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('without a time zone the server counts in UTC, as the gate and the issue-event trigger do', async () => {
  const page = ok(await invoke(host.url, 'getReportPage', {}, { context: { projectKey: 'AIP' } }));
  expect([isoToday(new Date(Date.now() - 60_000), 'UTC'), isoToday(new Date(), 'UTC')]).toContain(page.today);
});
