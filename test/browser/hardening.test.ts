/**
 * The hardening attacks a user sees in the browser: a damaged searchable summary must not take the
 * report down, a failed load must not show figures or say "Nothing was saved", a removal that takes a
 * decision or KPI links with it asks first, and the audit trail and history arrive whole, page by page.
 * Needs the Custom UI built (npm run build) and /usr/bin/chromium.
 */
import fs from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { SUMMARY_PROPERTY_KEY } from '../../src/domain/report-types';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import { createEpic } from '../helpers/handoff-fixtures';
import { invoke, jira, ok, resetStats, setKvsFault, stats } from '../helpers/local-api';

jest.setTimeout(120_000);

const ADMIN = 'admin@example.com';
const LEAD = 'lead@example.com';
const VIEWER = 'viewer@example.com';
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';
const REPORT = 'iframe[src*="/__ui/report/"]';

const suite = browserSuite(['panel', 'report']);

async function openReport(email: string): Promise<{ page: Page; report: FrameLocator; close: () => Promise<void> }> {
  const { context, page } = await suite.open(email, '/projects/AIP/apps/readiness-report');
  return { page, report: page.frameLocator(REPORT), close: () => context.close() };
}

async function openPanel(email: string, issueKey: string): Promise<{ page: Page; panel: FrameLocator; close: () => Promise<void> }> {
  const { context, page } = await suite.open(email, `/browse/${issueKey}`);
  await addIssuePanel(page);
  return { page, panel: page.frameLocator(PANEL), close: () => context.close() };
}

describe('item 6: a damaged searchable summary', () => {
  it('does not take the report down for anyone: rows show, filters work, the CSV exports', async () => {
    const url = suite.host.url;
    const path = (key: string) => `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY_KEY}`;
    const nearly = (await jira(url, 'GET', path(SEED_KEYS.nearlyReady))).body.value;
    const stalled = (await jira(url, 'GET', path(SEED_KEYS.stalled))).body.value;
    // Owners nobody else has, so their numeric "names" reach the owner filter's sort; a date list with a comma reaches the CSV.
    expect((await jira(url, 'PUT', path(SEED_KEYS.nearlyReady), { ...nearly, ownerAccountId: 'forged-owner-1', ownerName: 42 }, LEAD)).status).toBe(200);
    expect((await jira(url, 'PUT', path(SEED_KEYS.stalled), { ...stalled, ownerAccountId: 'forged-owner-2', ownerName: 7, updatedAt: ['2026-01-01, 10:00'] }, LEAD)).status).toBe(200);
    const { page, report, close } = await openReport(VIEWER);
    try {
      await report.getByTestId('report-count').waitFor(WAIT);
      await report.getByTestId('report-progress').waitFor({ state: 'detached', ...WAIT });
      const keys = await report.locator('[data-testid="report-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
      expect(keys).toEqual(expect.arrayContaining([SEED_KEYS.nearlyReady, SEED_KEYS.stalled]));
      const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('export-csv').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.trimEnd().split('\r\n')).toHaveLength(keys.length + 1);
    } finally {
      await close();
    }
  });
});

describe('item 15: a load that fails', () => {
  afterEach(async () => {
    await setKvsFault(suite.host.url, 'ok');
  });

  it('shows the report without any figures, says what failed, and loads on "Try again"', async () => {
    await setKvsFault(suite.host.url, 'fail');
    const { report, close } = await openReport(ADMIN);
    try {
      const banner = report.getByTestId('report-error');
      await banner.waitFor(WAIT);
      expect(await banner.innerText()).toContain('The report could not be loaded');
      expect(await banner.innerText()).toContain('read the project settings');
      expect(await banner.innerText()).not.toContain('Nothing was saved');
      for (const figure of ['summary-chart', 'report-count', 'report-row', 'report-empty', 'export-csv']) {
        expect({ figure, shown: await report.getByTestId(figure).count() }).toEqual({ figure, shown: 0 });
      }
      await setKvsFault(suite.host.url, 'ok');
      await banner.getByRole('button', { name: 'Try again' }).click();
      await report.getByTestId('report-count').waitFor(WAIT);
      expect(await report.getByTestId('report-error').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('in the panel says the handoff could not be loaded, not that nothing was saved', async () => {
    await setKvsFault(suite.host.url, 'fail');
    const { panel, close } = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
    try {
      const banner = panel.getByTestId('error-banner');
      await banner.waitFor(WAIT);
      const text = await banner.innerText();
      expect(text).toContain('The production handoff could not be loaded');
      expect(text).not.toContain('Nothing was saved');
      await setKvsFault(suite.host.url, 'ok');
      await banner.getByRole('button', { name: 'Try again' }).click();
      await panel.getByTestId('readiness-level').waitFor(WAIT);
    } finally {
      await close();
    }
  });
});

describe('item 16: removals that take more than the item', () => {
  it('ask first and say what else changes: a decided condition\'s decision, the KPIs that replaced a pilot metric', async () => {
    const url = suite.host.url;
    const key = await createEpic(url, 'Removals that ask first');
    const ctx = { context: { issueKey: key }, user: ADMIN };
    let view = ok(await invoke(url, 'saveCondition', { baseVersion: 0, condition: { kind: 'data-access', name: 'Direct claims DB access' } }, ctx));
    view = ok(await invoke(url, 'decideCondition', { baseVersion: view.version, conditionId: view.record!.conditions[0].id, decision: { status: 'withdrawn', rationale: 'The governed feed is enough', productionPath: 'Standard data request', leadTimeDays: 20 } }, ctx));
    view = ok(await invoke(url, 'saveMetric', { baseVersion: view.version, metric: { name: 'Triage time', result: '42% faster' } }, ctx));
    view = ok(await invoke(url, 'saveKpi', { baseVersion: view.version, kpi: { name: 'Triage latency p95', category: 'latency', direction: 'lower-is-better', status: 'proposed', replacesMetricId: view.record!.pilotMetrics[0].id } }, ctx));
    const version = view.version;
    const current = async () => ok(await invoke(url, 'getHandoff', {}, ctx));

    const { panel, close } = await openPanel(ADMIN, key);
    try {
      // Sections open folded to one line, rows to one line with their actions on expand.
      await panel.locator('#conditions-toggle').click();
      const condition = panel.getByTestId('condition-row').first();
      await condition.waitFor(WAIT);
      await condition.locator('button[aria-expanded]').first().click();
      await condition.getByRole('button', { name: 'Remove condition Direct claims DB access' }).click();
      const ask = panel.getByTestId('confirm-remove');
      await ask.waitFor(WAIT);
      expect(await ask.getAttribute('role')).toBe('alertdialog');
      const said = await ask.innerText();
      expect(said).toContain('Remove the condition “Direct claims DB access”?');
      expect(said).toMatch(/decision \(withdrawn\), the rationale and its production path \(Standard data request\) are removed/);
      expect((await current()).version).toBe(version);
      await ask.getByRole('button', { name: 'Keep it' }).click();
      await ask.waitFor({ state: 'detached', ...WAIT });
      expect((await current()).record!.conditions).toHaveLength(1);

      await condition.getByRole('button', { name: 'Remove condition Direct claims DB access' }).click();
      await ask.getByRole('button', { name: 'Remove' }).click();
      await panel.getByTestId('condition-row').waitFor({ state: 'detached', ...WAIT });
      expect((await current()).record!.conditions).toHaveLength(0);

      await panel.locator('#metrics-toggle').click();
      await panel.getByRole('button', { name: 'Remove pilot metric Triage time' }).click();
      await ask.waitFor(WAIT);
      expect(await ask.innerText()).toContain('The KPI “Triage latency p95” no longer says which pilot metric it replaces.');
      expect((await current()).record!.pilotMetrics).toHaveLength(1);
      await ask.getByRole('button', { name: 'Remove' }).click();
      await panel.getByTestId('metric-row').waitFor({ state: 'detached', ...WAIT });
      const after = (await current()).record!;
      expect(after.pilotMetrics).toHaveLength(0);
      expect(after.kpis.map((k) => [k.name, k.replacesMetricId])).toEqual([['Triage latency p95', undefined]]);
    } finally {
      await close();
    }
  });
});

describe('item 14: a long audit trail and a long history', () => {
  it('the audit export joins every page into one file; the history tab lists every change', async () => {
    const url = suite.host.url;
    const key = await createEpic(url, 'A history of many pages');
    const ctx = { context: { issueKey: key }, user: ADMIN };
    let version = 0;
    for (let i = 0; i < 60; i++) {
      version = ok(await invoke(url, 'savePilot', { baseVersion: version, plannedCloseDate: `2027-02-${String((i % 28) + 1).padStart(2, '0')}`, actualCloseDate: null, pilotChampionAccountId: null }, ctx)).version;
    }
    const expected: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await invoke(url, 'exportAuditTrail', { format: 'json', ...(cursor ? { cursor } : {}) }, { context: { projectKey: 'AIP' }, user: ADMIN }));
      expected.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(expected.length).toBeGreaterThan(60);

    const { page, report, close } = await openReport(ADMIN);
    try {
      await report.getByTestId('report-count').waitFor(WAIT);
      await resetStats(url);
      const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('export-audit-json').click()]);
      const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as unknown[];
      expect(file).toEqual(expected);
      // More than one page was asked for: the UI joined them.
      expect((await stats(url)).invocations['readiness-report:exportAuditTrail'].count).toBeGreaterThan(1);
    } finally {
      await close();
    }

    const history = await openPanel(ADMIN, key);
    try {
      await history.panel.getByRole('tab', { name: 'History' }).click();
      await history.panel.getByTestId('history-list').waitFor(WAIT);
      expect(await history.panel.getByTestId('history-entry').count()).toBe(60);
      // Newest first, one entry per save, in sentences (no version numbers): save 60 moved the date from the 3rd to the 4th, save 59 from the 2nd to the 3rd.
      expect(await history.panel.getByTestId('history-entry').nth(0).innerText()).toContain('from 3 Feb 2027 to 4 Feb 2027');
      expect(await history.panel.getByTestId('history-entry').nth(1).innerText()).toContain('from 2 Feb 2027 to 3 Feb 2027');
    } finally {
      await history.close();
    }
  });
});

describe('item 4: a Done epic', () => {
  it('shows its handoff locked, lets an editor reopen it with a reason, and offers a viewer no way in', async () => {
    const viewer = await openPanel(VIEWER, SEED_KEYS.shipped);
    try {
      await viewer.panel.getByTestId('handoff-locked').waitFor(WAIT);
      expect(await viewer.panel.getByTestId('reopen-handoff').count()).toBe(0);
    } finally {
      await viewer.close();
    }
    const { panel, close } = await openPanel(LEAD, SEED_KEYS.shipped);
    try {
      const locked = panel.getByTestId('handoff-locked');
      await locked.waitFor(WAIT);
      expect(await locked.innerText()).toContain(`${SEED_KEYS.shipped} is Done, so its handoff is locked`);
      expect(await panel.getByTestId('read-only-note').count()).toBe(0);
      await panel.getByTestId('reopen-handoff').click();
      await panel.getByTestId('reopen-submit').click();
      await panel.getByTestId('reopen-reason-error').waitFor(WAIT);
      await panel.locator('#reopen-reason').fill('The works council asked to revisit the consent prompt');
      await panel.getByTestId('reopen-submit').click();
      const reopened = panel.getByTestId('handoff-reopened');
      await reopened.waitFor(WAIT);
      expect(await reopened.innerText()).toContain('Lee Lead reopened it on');
      expect(await reopened.innerText()).toContain('The works council asked to revisit the consent prompt');
      expect(await panel.getByTestId('handoff-locked').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
