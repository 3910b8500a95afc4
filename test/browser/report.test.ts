/**
 * The readiness report page in a real browser against the local host: rows and levels agree with each
 * epic's panel, filters and CSV export show what they say, and settings stay with project admins.
 * Needs the Custom UI built (npm run build) and /usr/bin/chromium.
 */
import fs from 'node:fs';
import { type BrowserContext, type Frame, type Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { SEED_KEYS } from '../../local/jira/seed';
import type { AuditExportPage, HandoffView, ReportPage, Result, SettingsView } from '../../src/shared/contract';
import type { ReadinessLevel } from '../../src/domain/readiness-types';
import type { ReportRow } from '../../src/domain/report-types';

jest.setTimeout(120_000);

const PANEL = 'production-handoff-panel';
const REPORT = 'readiness-report';
const ADMIN = 'admin@example.com';
const LEAD = 'lead@example.com';
const LEVEL_LABELS: Record<ReadinessLevel, string> = { 'not-started': 'Not started', deciding: 'Deciding', ready: 'Ready', shipped: 'Shipped' };
const SEEDED_EPICS = [SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.untouched, SEED_KEYS.stalled, SEED_KEYS.ready, SEED_KEYS.shipped];

const suite = browserSuite(['report', 'panel']);

async function invoke<T>(user: string, moduleKey: string, functionKey: string, payload: unknown, context: Record<string, string>): Promise<Result<T>> {
  const res = await fetch(`${suite.host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey, functionKey, payload, context, user }),
  });
  if (res.status !== 200) throw new Error(`${functionKey} answered HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as Result<T>;
}

function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function reportRowsFromResolver(): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  let token: string | undefined;
  do {
    const page = dataOf(await invoke<ReportPage>(ADMIN, REPORT, 'getReportPage', { nextPageToken: token, maxPages: 10 }, { projectKey: 'AIP' }));
    rows.push(...page.rows);
    token = page.nextPageToken;
  } while (token);
  return rows;
}

async function openAs(email: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(email), url: suite.host.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.host.url}${path}`);
  return { context, page };
}

async function frameOf(page: Page, resource: string): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().includes(`/__ui/${resource}/`));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error(`No ${resource} frame on ${page.url()}`);
}

/** Opens the report and waits until every page of rows has loaded. */
async function openReport(email: string): Promise<{ context: BrowserContext; page: Page; frame: Frame }> {
  const { context, page } = await openAs(email, '/projects/AIP/apps/readiness-report');
  const frame = await frameOf(page, 'report');
  await frame.waitForSelector('[data-testid="report-count"]');
  await frame.waitForSelector('[data-testid="report-progress"]', { state: 'detached' });
  return { context, page, frame };
}

async function shownRows(frame: Frame): Promise<Array<{ key: string; level: string | null; label: string }>> {
  return frame.$$eval('[data-testid="report-row"]', (rows) =>
    rows.map((row) => {
      const lozenge = row.querySelector('[data-testid="row-level"]');
      return { key: row.getAttribute('data-key') ?? '', level: lozenge?.getAttribute('data-level') ?? null, label: lozenge?.textContent?.trim() ?? '' };
    }),
  );
}

async function pickOption(page: Page, frame: Frame, inputId: string, label: string): Promise<void> {
  await frame.locator(`#${inputId}`).focus();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

describe('readiness report page', () => {
  let expected: ReportRow[];

  beforeAll(async () => {
    expected = await reportRowsFromResolver();
  });

  it('shows one row per initiative, each demo epic at the level its panel shows', async () => {
    const { context, frame } = await openReport(ADMIN);
    try {
      const rows = await shownRows(frame);
      expect(rows.map((r) => r.key).sort()).toEqual(expected.map((r) => r.key).sort());
      for (const key of SEEDED_EPICS) expect(rows.map((r) => r.key)).toContain(key);
      expect(rows.map((r) => r.key)).not.toContain(SEED_KEYS.story);
      for (const key of SEEDED_EPICS) {
        const view = dataOf(await invoke<HandoffView>(ADMIN, PANEL, 'getHandoff', {}, { issueKey: key }));
        const row = rows.find((r) => r.key === key)!;
        expect({ key, level: row.level, label: row.label }).toEqual({ key, level: view.readiness.level, label: LEVEL_LABELS[view.readiness.level] });
      }
      const chartCounts = await frame.$$eval('[data-testid="summary-chart"] tr[data-level]', (trs) =>
        Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-level'), Number(tr.getAttribute('data-count'))])),
      );
      for (const level of Object.keys(LEVEL_LABELS) as ReadinessLevel[]) {
        expect({ level, count: chartCounts[level] }).toEqual({ level, count: expected.filter((r) => r.level === level).length });
      }
    } finally {
      await context.close();
    }
  });

  it('filters by readiness level and exports exactly the filtered rows as CSV', async () => {
    const { context, page, frame } = await openReport(ADMIN);
    try {
      const levels = [...new Set(expected.map((r) => r.level))];
      // The most common level makes the strongest check; any level with rows works.
      const level = levels.sort((a, b) => expected.filter((r) => r.level === b).length - expected.filter((r) => r.level === a).length)[0];
      const wanted = expected.filter((r) => r.level === level).map((r) => r.key);
      expect(wanted.length).toBeLessThan(expected.length);
      await pickOption(page, frame, 'level-filter-input', LEVEL_LABELS[level]);
      await frame.waitForFunction(`document.querySelectorAll('[data-testid="report-row"]').length === ${wanted.length}`);
      const rows = await shownRows(frame);
      expect(rows.map((r) => r.key).sort()).toEqual([...wanted].sort());
      expect(rows.every((r) => r.level === level)).toBe(true);

      const [download] = await Promise.all([page.waitForEvent('download'), frame.click('[data-testid="export-csv"]')]);
      expect(download.suggestedFilename()).toMatch(/^readiness-report-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      // Every text cell is quoted; the key is the first cell of each line.
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0].split(',').slice(0, 3)).toEqual(['"Epic"', '"Summary"', '"Status"']);
      expect(lines.slice(1).map((line) => /^"([^"]*)"/.exec(line)?.[1])).toEqual(rows.map((r) => r.key));
      for (const line of lines.slice(1)) expect(line).toContain(`,"${LEVEL_LABELS[level]}",`);
    } finally {
      await context.close();
    }
  });

  it('narrows rows by flag and by search text, and exports the audit trail', async () => {
    const { context, page, frame } = await openReport(ADMIN);
    try {
      const flagged = expected.filter((r) => r.flags.includes('no-owner')).map((r) => r.key);
      expect(flagged.length).toBeGreaterThan(0);
      await pickOption(page, frame, 'flag-filter-input', 'No owner');
      await frame.waitForFunction(`document.querySelectorAll('[data-testid="report-row"]').length === ${flagged.length}`);
      expect((await shownRows(frame)).map((r) => r.key).sort()).toEqual([...flagged].sort());

      await pickOption(page, frame, 'flag-filter-input', 'Any flag or none');
      const target = expected.find((r) => r.key === SEED_KEYS.ready)!;
      await frame.fill('#report-search', target.summary.slice(0, 12));
      await frame.waitForFunction(`document.querySelectorAll('[data-testid="report-row"]').length < ${expected.length}`);
      expect((await shownRows(frame)).map((r) => r.key)).toContain(target.key);

      const [download] = await Promise.all([page.waitForEvent('download'), frame.click('[data-testid="export-audit-json"]')]);
      const audit = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as unknown;
      // The file joins every page the resolver hands out, in order.
      const pages: AuditExportPage[] = [];
      let cursor: string | undefined;
      do {
        const page = dataOf(await invoke<AuditExportPage>(ADMIN, REPORT, 'exportAuditTrail', { format: 'json', ...(cursor ? { cursor } : {}) }, { projectKey: 'AIP' }));
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      expect(download.suggestedFilename()).toBe(pages[0]!.filename);
      expect(audit).toEqual(pages.flatMap((p) => p.entries));
    } finally {
      await context.close();
    }
  });

  it('sorts by a column when its header is clicked and says so with aria-sort', async () => {
    const { context, frame } = await openReport(ADMIN);
    try {
      await frame.click('[data-testid="sort-key"]');
      const header = frame.locator('[role="columnheader"]', { has: frame.locator('[data-testid="sort-key"]') });
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const keys = (await shownRows(frame)).map((r) => r.key);
      const numbers = keys.map((k) => Number(k.split('-')[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    } finally {
      await context.close();
    }
  });

  it('shows settings read-only to a non-admin, and the server refuses their save', async () => {
    const before = dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' }));
    const { context, frame } = await openReport(LEAD);
    try {
      await frame.click('[data-testid="tab-settings"]');
      const readOnly = frame.locator('[data-testid="settings-read-only"]');
      await readOnly.waitFor();
      expect(await readOnly.textContent()).toContain('Only project administrators can change these settings.');
      expect(await frame.locator('[data-testid="ro-stall-days"]').textContent()).toContain(String(before.settings.stallDays));
      expect(await frame.locator('[data-testid="settings-save"]').count()).toBe(0);
    } finally {
      await context.close();
    }
    const refused = await invoke<SettingsView>(LEAD, REPORT, 'saveProjectSettings', { settings: { ...before.settings, stallDays: before.settings.stallDays + 7 } }, { projectKey: 'AIP' });
    expect(refused.ok ? 'saved' : refused.error.code).toBe('FORBIDDEN');
    const after = dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' }));
    expect(after.settings).toEqual(before.settings);
  });

  it('lets an admin save settings, refuses invalid input, and keeps input on a conflicting save', async () => {
    const { context, frame } = await openReport(ADMIN);
    try {
      await frame.click('[data-testid="tab-settings"]');
      await frame.waitForSelector('[data-testid="settings-save"]');
      const before = dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' })).settings;

      await frame.fill('#stall-days', '0');
      await frame.click('[data-testid="settings-save"]');
      expect(await frame.locator('[data-testid="stall-days-error"]').textContent()).toContain('between 1 and 365');
      expect(dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' })).settings.version).toBe(before.version);

      await frame.fill('#stall-days', '21');
      await frame.click('[data-testid="settings-save"]');
      await frame.waitForSelector('[data-testid="settings-saved"]');
      const saved = dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' })).settings;
      expect(saved.stallDays).toBe(21);
      expect(saved.version).toBeGreaterThan(before.version);

      // Someone else saves in between: this screen's save is refused with who and when, input kept.
      dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'saveProjectSettings', { settings: { ...saved, shipSignalThreshold: 0.6 } }, { projectKey: 'AIP' }));
      await frame.fill('#stall-days', '30');
      await frame.click('[data-testid="settings-save"]');
      const banner = frame.locator('[data-testid="settings-error"]');
      await banner.waitFor();
      expect(await banner.getAttribute('data-error-code')).toBe('CONFLICT');
      expect(await banner.textContent()).toContain('Avery Admin');
      expect(await frame.inputValue('#stall-days')).toBe('30');
      const latest = dataOf(await invoke<SettingsView>(ADMIN, REPORT, 'getProjectSettings', {}, { projectKey: 'AIP' })).settings;
      expect({ stallDays: latest.stallDays, shipSignalThreshold: latest.shipSignalThreshold }).toEqual({ stallDays: 21, shipSignalThreshold: 0.6 });
    } finally {
      await context.close();
    }
  });
});
