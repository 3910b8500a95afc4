/**
 * The forcing function in a browser against the local host: an admin sets the reminders and creates a KPI
 * feed token in the report's Settings; the daily run's result shows in the panel's reminder line; a reading
 * posted to the feed shows in the KPI's chart and status; the report's "KPIs on track" column and "KPI off
 * track" flag follow. Needs the Custom UI built and /usr/bin/chromium.
 */
import type { FrameLocator } from 'playwright-core';
import { SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import type { HandoffView, Result } from '../../src/shared/contract';

jest.setTimeout(120_000);
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';
const REPORT = 'iframe[src*="/__ui/report/"]';

const suite = browserSuite(['panel', 'report']);

async function invoke<T>(functionKey: string, payload: unknown, context: Record<string, string>, user = 'admin@example.com'): Promise<T> {
  const moduleKey = context.issueKey ? 'production-handoff-panel' : 'readiness-report';
  const res = await fetch(`${suite.host.url}/__local/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ moduleKey, functionKey, payload, context, user }) });
  const result = (await res.json()) as Result<T>;
  if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function openSettings(email: string) {
  const { context, page } = await suite.open(email, '/projects/AIP/apps/readiness-report');
  const report = page.frameLocator(REPORT);
  await report.getByTestId('tab-settings').click();
  await report.getByTestId('reminder-settings').waitFor(WAIT);
  return { context, page, report };
}

async function openPanel(issueKey: string, email = 'admin@example.com') {
  const { context, page } = await suite.open(email, `/browse/${issueKey}`);
  if ((await page.locator('.quick-add').count()) > 0) await addIssuePanel(page);
  const panel = page.frameLocator(PANEL);
  await panel.getByTestId('readiness-level').waitFor(WAIT);
  return { context, page, panel };
}

const kpiRow = (panel: FrameLocator, name: string) => panel.getByTestId('kpi-row').filter({ hasText: name });

test('an admin turns a reminder off, changes its days and names the sponsor contact; a member sees them read-only', async () => {
  const { context, page, report } = await openSettings('admin@example.com');
  try {
    await report.getByTestId('reminder-stalled--hidden-checkbox').uncheck();
    await report.locator('#reminder-pilot-closing-days').fill('0');
    await report.getByTestId('reminder-settings-save').click();
    await report.getByTestId('reminder-pilot-closing-days-error').waitFor(WAIT);
    expect(await report.getByTestId('reminder-pilot-closing-days-error').textContent()).toBe('Days before the close must be from 1 to 90 days');
    await report.locator('#reminder-pilot-closing-days').fill('21');
    const sponsor = report.locator('#reminder-sponsor-input');
    await sponsor.click();
    await sponsor.pressSequentially('Lee');
    await report.getByRole('option', { name: 'Lee Lead' }).first().waitFor(WAIT);
    await sponsor.press('Enter');
    await report.getByTestId('reminder-settings-save').click();
    await report.getByTestId('reminder-settings-saved').waitFor(WAIT);
    const stored = await invoke<{ settings: { reminders: Record<string, unknown> } }>('getProjectSettings', {}, { projectKey: 'AIP' });
    expect(stored.settings.reminders).toMatchObject({ stalled: { enabled: false }, pilotClosing: { enabled: true, days: 21 }, sponsorContact: { accountId: SEED_ACCOUNTS.lead, displayName: 'Lee Lead' } });
    // After a reload the form shows what is stored.
    await page.reload();
    const again = page.frameLocator(REPORT);
    await again.getByTestId('tab-settings').click();
    await again.getByTestId('reminder-settings').waitFor(WAIT);
    expect(await again.locator('#reminder-pilot-closing-days').inputValue()).toBe('21');
    expect(await again.getByTestId('reminder-stalled--hidden-checkbox').isChecked()).toBe(false);
  } finally {
    await context.close();
  }
  const lead = await openSettings('lead@example.com');
  try {
    expect(await lead.report.getByTestId('reminder-stalled--hidden-checkbox').isDisabled()).toBe(true);
    expect(await lead.report.getByTestId('reminder-settings-save').count()).toBe(0);
    expect(await lead.report.getByTestId('kpi-feed-settings').count()).toBe(0);
  } finally {
    await lead.context.close();
  }
});

test('an admin creates a KPI feed token, sees it once, and revokes it', async () => {
  const { context, page, report } = await openSettings('admin@example.com');
  try {
    await report.getByTestId('kpi-feed-settings').waitFor(WAIT);
    expect(await report.getByTestId('kpi-feed-url').textContent()).toMatch(/\/x1\//);
    await report.locator('#kpi-feed-token-name').fill('Grafana');
    await report.getByTestId('kpi-feed-create').click();
    const token = (await report.getByTestId('kpi-feed-token').textContent({ timeout: 20_000 })) ?? '';
    expect(token).toMatch(/^phk_/);
    const row = report.getByTestId('kpi-feed-token-row').filter({ hasText: 'Grafana' });
    expect(await row.textContent()).toContain('Active');
    // Shown once: a reload lists the token by name only.
    await page.reload();
    const again = page.frameLocator(REPORT);
    await again.getByTestId('tab-settings').click();
    const listed = again.getByTestId('kpi-feed-token-row').filter({ hasText: 'Grafana' });
    await listed.waitFor(WAIT);
    expect(await again.locator('body').textContent()).not.toContain(token);
    await listed.getByRole('button', { name: 'Revoke the token Grafana' }).click();
    await again.getByTestId('kpi-feed-token-row').filter({ hasText: 'Revoked' }).waitFor(WAIT);
  } finally {
    await context.close();
  }
});

test('after the daily run the panel says what was last sent to whom, and what is due next', async () => {
  const run = await fetch(`${suite.host.url}/__local/scheduled/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ moduleKey: 'reminders-daily', force: true }) });
  expect(run.status).toBe(200);
  const { context, panel } = await openPanel(SEED_KEYS.nearlyReady);
  try {
    await panel.getByTestId('reminder-line').waitFor(WAIT);
    expect(await panel.getByTestId('reminder-last-sent').textContent()).toMatch(/^Reminder last sent .* to (Priya Raman, Marcus Webb|Marcus Webb, Priya Raman) \(pilot closing\)\.$/);
    expect(await panel.getByTestId('reminder-next').textContent()).toMatch(/^Next reminder on .*: Marcus Webb is reminded to accept delivery ownership/);
  } finally {
    await context.close();
  }
});

test('a reading posted to the KPI feed appears in the chart and changes the KPI\'s status; the report counts it and flags one off track', async () => {
  const created = await invoke<{ token: string; view: { url: string } }>('createFeedToken', { name: 'Datadog' }, { projectKey: 'AIP' });
  const shipped = await invoke<HandoffView>('getHandoff', {}, { issueKey: SEED_KEYS.shipped });
  const kpi = shipped.record!.kpis.find((k) => k.name === 'Summary acceptance without edits')!;
  const today = ((await (await fetch(`${suite.host.url}/__local/clock`)).json()) as { now: string }).now.slice(0, 10);
  const posted = await fetch(created.view.url, { method: 'POST', headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ issue: SEED_KEYS.shipped, kpiId: kpi.id, reading: { date: today, value: 78 } }) });
  expect(posted.status).toBe(201);

  const { context, panel } = await openPanel(SEED_KEYS.shipped);
  try {
    // The KPI section and its rows start folded to one line each: the status chip is on the row's line.
    await panel.locator('#metrics-toggle').click();
    const row = kpiRow(panel, kpi.name);
    await row.getByTestId('kpi-status').waitFor(WAIT);
    expect(await row.getByTestId('kpi-status').textContent()).toBe('On track');
    await panel.locator(`#kpi-${kpi.id}-toggle`).click();
    await row.getByTestId('kpi-chart-toggle').click();
    await row.getByTestId('kpi-chart').waitFor(WAIT);
    expect(await row.getByTestId('kpi-chart-point').count()).toBe(1);
    expect(await row.getByTestId('kpi-chart-point').textContent()).toMatch(/^78\b/);
    expect(await row.getByTestId('kpi-chart-target').count()).toBe(1);
    expect(await row.getByTestId('kpi-chart-horizon').count()).toBe(1);
    // The epic is Done, its handoff locked; an editor still adds readings: a lower one today puts it behind.
    await row.getByTestId('add-reading').click();
    await row.getByTestId('reading-date').fill(today);
    await row.getByTestId('reading-value').fill('60');
    await row.getByTestId('reading-save').click();
    await row.locator('[data-testid="kpi-status"]', { hasText: 'Off track' }).waitFor(WAIT);
    // One point a day, the latest recorded: the chart loads again with the new version and shows 60, not 78.
    await row.getByTestId('kpi-chart-point').filter({ hasText: /^60\b/ }).waitFor(WAIT);
    expect(await row.getByTestId('kpi-chart-point').count()).toBe(1);
  } finally {
    await context.close();
  }

  const { context: ctx, page } = await suite.open('admin@example.com', '/projects/AIP/apps/readiness-report');
  try {
    // Wide enough for every column: at 1,100 px the KPI columns fold into the row's line.
    await page.setViewportSize({ width: 1440, height: 900 });
    const report = page.frameLocator(REPORT);
    const row = report.locator(`[data-testid="report-row"][data-key="${SEED_KEYS.shipped}"]`);
    await row.waitFor(WAIT);
    expect(await row.getByTestId('kpi-progress-cell').textContent()).toBe('0/1');
    expect(await row.locator('[data-flag="kpi-off-track"]').textContent()).toBe('KPI off track');
    const other = report.locator(`[data-testid="report-row"][data-key="${SEED_KEYS.ready}"]`);
    expect(await other.locator('[data-flag="kpi-off-track"]').count()).toBe(0);
  } finally {
    await ctx.close();
  }
});
