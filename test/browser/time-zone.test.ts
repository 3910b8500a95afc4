/**
 * A user far from UTC sees the right day in the panel: the Custom UI sends the time zone Jira gives it
 * (view.getContext().timezone, the user's profile zone) and the pilot clock counts in it. Kiritimati
 * (UTC+14) and Pago Pago (UTC-11) are 25 hours apart, so at any moment one of them is on another
 * calendar day than UTC: counting in UTC fails one of the two.
 */
import { SEED_KEYS } from '../../local/jira/seed';
import { addDays, isoToday } from '../../src/domain/dates';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import { createEpic } from '../helpers/handoff-fixtures';
import { invoke, ok } from '../helpers/local-api';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';
const LEAD = 'lead@example.com';

const suite = browserSuite(['panel']);

async function setTimeZone(email: string, timeZone: string): Promise<void> {
  const res = await fetch(`${suite.host.url}/__local/users/time-zone`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, timeZone }) });
  if (res.status !== 200) throw new Error(`time-zone hook answered ${res.status}: ${await res.text()}`);
}

test.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])('a user in %s sees the pilot close in 3 days when it closes 3 days from their today', async (timeZone) => {
  await setTimeZone(LEAD, timeZone);
  const epic = await createEpic(suite.host.url, `Time zone ${timeZone}`);
  const today = isoToday(new Date(), timeZone);
  const ctx = { context: { issueKey: epic }, user: LEAD };
  const view = ok(await invoke(suite.host.url, 'getHandoff', {}, ctx));
  ok(await invoke(suite.host.url, 'savePilot', { baseVersion: view.version, plannedCloseDate: addDays(today, 3), actualCloseDate: null, pilotChampionAccountId: null }, ctx));
  const { context, page } = await suite.open(LEAD, `/browse/${epic}`);
  try {
    await addIssuePanel(page);
    const clock = page.frameLocator(PANEL).getByTestId('pilot-clock');
    await clock.waitFor(WAIT);
    const expected = isoToday(new Date(), timeZone) === today ? 3 : 2;
    expect(await clock.textContent()).toContain(`Pilot closes in ${expected} days`);
  } finally {
    await context.close();
    await setTimeZone(LEAD, 'America/New_York');
  }
});

test('the frame is told the user’s profile time zone', async () => {
  await setTimeZone(LEAD, 'Pacific/Auckland');
  const { context, page } = await suite.open(LEAD, `/browse/${SEED_KEYS.nearlyReady}`);
  try {
    await page.frameLocator(PANEL).getByTestId('readiness-level').waitFor(WAIT);
    const frame = page.frames().find((f) => f.url().includes('/__ui/panel/'))!;
    expect(await frame.evaluate('window.__PH_CONTEXT__.timezone')).toBe('Pacific/Auckland');
  } finally {
    await context.close();
    await setTimeZone(LEAD, 'America/New_York');
  }
});
