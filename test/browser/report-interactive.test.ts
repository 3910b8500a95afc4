/**
 * The readiness report as a steering committee uses it, in a real browser against the local host: a bar
 * or a counter filters the table, filters and sort live in the page's URL (so a filtered view can be
 * shared), the table fits a 1,024 px window without sideways scrolling and shows whole summaries at
 * 1,280 px, the last 12 weeks and days at a level come from the audit trail, and the print view groups
 * the initiatives by level with their delivery owner and top blocker.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { SEED_KEYS } from '../../local/jira/seed';
import { READINESS_LEVELS, type ReadinessLevel } from '../../src/domain/readiness-types';
import type { ReportPage, Result } from '../../src/shared/contract';
import type { ReportRow } from '../../src/domain/report-types';

jest.setTimeout(120_000);

const ADMIN = 'admin@example.com';
const REPORT_PATH = '/projects/AIP/apps/readiness-report';
const WAIT = { timeout: 20_000 };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const suite = browserSuite(['report']);

async function reportRows(): Promise<ReportRow[]> {
  const res = await fetch(`${suite.host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: 'readiness-report', functionKey: 'getReportPage', payload: { maxPages: 50 }, context: { projectKey: 'AIP' }, user: ADMIN }),
  });
  const result = (await res.json()) as Result<ReportPage>;
  if (!result.ok) throw new Error(result.error.message);
  return result.data.rows;
}

async function open(path: string, width = 1600, height = 1000): Promise<{ context: BrowserContext; page: Page; frame: Frame }> {
  const context = await suite.browser.newContext({ viewport: { width, height } });
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(ADMIN), url: suite.host.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.host.url}${path}`);
  let frame: Frame | undefined;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('/__ui/report/'));
    if (!frame) await page.waitForTimeout(50);
  }
  if (!frame) throw new Error(`No report frame on ${page.url()}`);
  return { context, page, frame };
}

/** Waits for every row. */
async function loaded(frame: Frame): Promise<void> {
  await frame.waitForSelector('[data-testid="report-count"]', WAIT);
  await frame.waitForSelector('[data-testid="report-progress"]', { state: 'detached', ...WAIT });
}

const shownKeys = (frame: Frame) => frame.$$eval('[data-testid="report-row"]', (rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
const waitForRows = (frame: Frame, count: number) => frame.waitForFunction(`document.querySelectorAll('[data-testid="report-row"]').length === ${count}`, undefined, WAIT);

describe('the interactive readiness report', () => {
  let rows: ReportRow[];
  beforeAll(async () => {
    rows = await reportRows();
  });

  it('filters the table when a level bar is clicked, and shows every level when it is clicked again', async () => {
    const { context, page, frame } = await open(REPORT_PATH);
    try {
      await loaded(frame);
      const deciding = rows.filter((r) => r.level === 'deciding').map((r) => r.key).sort();
      expect(deciding.length).toBeGreaterThan(0);
      expect(deciding.length).toBeLessThan(rows.length);
      // The bar itself, not only its label, takes the click.
      await frame.click('[data-testid="level-bar-track-deciding"]');
      await waitForRows(frame, deciding.length);
      expect((await shownKeys(frame)).sort()).toEqual(deciding);
      expect(await frame.getAttribute('[data-testid="level-bar-deciding"]', 'aria-pressed')).toBe('true');
      await page.waitForURL(/\?level=deciding$/);

      await frame.click('[data-testid="level-bar-deciding"]');
      await waitForRows(frame, rows.length);
      expect(await frame.getAttribute('[data-testid="level-bar-deciding"]', 'aria-pressed')).toBe('false');
    } finally {
      await context.close();
    }
  });

  it('filters the table when a counter is pressed: stalled, no delivery owner, in pilot purgatory', async () => {
    const { context, frame } = await open(REPORT_PATH);
    try {
      await loaded(frame);
      for (const [testId, keep] of [
        ['summary-stalled', (r: ReportRow) => r.flags.includes('stalled')],
        ['summary-no-owner', (r: ReportRow) => r.flags.includes('no-owner')],
        ['summary-purgatory', (r: ReportRow) => r.purgatoryDays !== null],
      ] as const) {
        const wanted = rows.filter(keep).map((r) => r.key).sort();
        expect(wanted.length).toBeGreaterThan(0);
        await frame.click(`[data-testid="${testId}"]`);
        await waitForRows(frame, wanted.length);
        expect({ testId, keys: (await shownKeys(frame)).sort() }).toEqual({ testId, keys: wanted });
        await frame.click(`[data-testid="${testId}"]`);
        await waitForRows(frame, rows.length);
      }
    } finally {
      await context.close();
    }
  });

  it('keeps filters and sort in the URL: the shared URL opens the same filtered, sorted table', async () => {
    const noOwner = rows.filter((r) => r.flags.includes('no-owner'));
    const expected = noOwner.map((r) => r.key).sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
    let shared: string;
    const first = await open(REPORT_PATH);
    try {
      await loaded(first.frame);
      await first.frame.click('[data-testid="summary-no-owner"]');
      await waitForRows(first.frame, noOwner.length);
      // The key is sorted ascending by default: one click turns it round.
      await first.frame.click('[data-testid="sort-key"]');
      await first.page.waitForURL(/dir=desc/);
      expect(await shownKeys(first.frame)).toEqual(expected);
      shared = first.page.url();
      expect(new URL(shared).pathname).toBe(REPORT_PATH);
      expect(Object.fromEntries(new URL(shared).searchParams)).toEqual({ flag: 'no-owner', sort: 'key', dir: 'desc' });
    } finally {
      await first.context.close();
    }
    // Someone else opens the link.
    const second = await open(new URL(shared).pathname + new URL(shared).search);
    try {
      await second.frame.waitForSelector('[data-testid="report-row"]', WAIT);
      await waitForRows(second.frame, noOwner.length);
      expect(await shownKeys(second.frame)).toEqual(expected);
      expect(await second.frame.getAttribute('[data-testid="summary-no-owner"]', 'aria-pressed')).toBe('true');
      const header = second.frame.locator('[role="columnheader"]', { has: second.frame.locator('[data-testid="sort-key"]') });
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      // The back button undoes the last change of the filters.
      await second.frame.click('[data-testid="level-bar-deciding"]');
      await second.page.waitForURL(/level=deciding/);
      await second.page.goBack();
      await second.page.waitForURL((url) => !url.search.includes('level='));
      await waitForRows(second.frame, noOwner.length);
    } finally {
      await second.context.close();
    }
  });

  it('fits a 1,024 px window without sideways scrolling: columns fold into the row', async () => {
    const { context, page, frame } = await open(REPORT_PATH, 1024, 900);
    try {
      await loaded(frame);
      const widths = (await frame.evaluate(`(() => {
        const scroll = document.querySelector('[data-testid="report-table-scroll"]');
        return { table: [scroll.scrollWidth, scroll.clientWidth], frame: [document.documentElement.scrollWidth, document.documentElement.clientWidth] };
      })()`)) as { table: number[]; frame: number[] };
      expect(widths.table[0]).toBeLessThanOrEqual(widths.table[1]);
      expect(widths.frame[0]).toBeLessThanOrEqual(widths.frame[1]);
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
      // What no longer fits as a column is in the row, under the epic.
      const folded = await frame.getAttribute('[role="table"]', 'data-folded');
      expect(folded).not.toBe('');
      const row = rows.find((r) => r.key === SEED_KEYS.nearlyReady)!;
      const details = await frame.locator(`[data-testid="report-row"][data-key="${row.key}"] [data-testid="folded-columns"]`).textContent();
      if (folded!.includes('conditions')) expect(details).toContain(`Conditions ${row.conditions.decided}/${row.conditions.total} decided`);
      // Flags sit next to the epic.
      const flags = await frame.locator(`[data-testid="report-row"][data-key="${row.key}"] [role="cell"]`).first().locator('[data-flag]').count();
      expect(flags).toBe(row.flags.length);
    } finally {
      await context.close();
    }
  });

  it('shows every summary whole at 1,280 px, with every column', async () => {
    const { context, frame } = await open(REPORT_PATH, 1280, 900);
    try {
      await loaded(frame);
      expect(await frame.getAttribute('[role="table"]', 'data-folded')).toBe('');
      // Cut off: wider than its box, past the cell's edge, or ellipsised.
      const cut = await frame.evaluate(`[...document.querySelectorAll('[data-testid="epic-summary"]')].filter((s) => {
        const box = s.getBoundingClientRect();
        const cell = s.closest('[role="cell"]').getBoundingClientRect();
        const style = getComputedStyle(s);
        return s.scrollWidth > s.clientWidth + 1 || box.right > cell.right + 1 || style.textOverflow === 'ellipsis' || style.whiteSpace === 'nowrap';
      }).map((s) => s.textContent)`);
      expect(cut).toEqual([]);
      const texts = await frame.$$eval('[data-testid="epic-summary"]', (spans) => spans.map((s) => s.textContent));
      expect(texts.sort()).toEqual(rows.map((r) => r.summary).sort());
    } finally {
      await context.close();
    }
  });

  it('shows the last 12 weeks per level and days at the current level, from the audit trail', async () => {
    const { context, frame } = await open(REPORT_PATH);
    try {
      await loaded(frame);
      await frame.waitForSelector('[data-testid="trend-week"]', WAIT);
      const weeks = await frame.$$eval('[data-testid="trend-week"]', (ws) => ws.map((w) => Object.fromEntries(['not-started', 'deciding', 'ready', 'shipped', 'unknown'].map((k) => [k, Number(w.getAttribute(`data-${k}`))]))));
      expect(weeks).toHaveLength(12);
      // Every initiative counts once a week; this week is today's levels.
      for (const w of weeks) expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(rows.length);
      const now = weeks[11];
      for (const level of READINESS_LEVELS) expect({ level, count: now[level] }).toEqual({ level, count: rows.filter((r) => r.level === (level as ReadinessLevel)).length });
      // The stalled demo epic's handoff was recorded 135 days ago (the seed wrote it on that day, on the host
      // clock): longer than the 12 weeks of trail the report reads, which it says.
      const stalled = frame.locator(`[data-testid="report-row"][data-key="${SEED_KEYS.stalled}"] [data-testid="at-level"]`);
      expect(await stalled.getAttribute('data-days')).toBe('84');
      expect(await stalled.textContent()).toBe('12+ weeks');
      // Invoice anomalies became ready today.
      expect(await frame.locator(`[data-testid="report-row"][data-key="${SEED_KEYS.ready}"] [data-testid="at-level"]`).getAttribute('data-days')).toBe('0');
      expect(await violations(frame.page(), 'iframe[src*="/__ui/report/"]')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prints a one-pager grouped by level, with each delivery owner and top blocker, and only that', async () => {
    const { context, page, frame } = await open(`${REPORT_PATH}?flag=no-owner`);
    try {
      await loaded(frame);
      await frame.click('[data-testid="print-view"]');
      await page.waitForURL(`${suite.host.url}${REPORT_PATH}/print?flag=no-owner`);
      await frame.waitForSelector('[data-testid="print-view"]', WAIT);
      await page.emulateMedia({ media: 'print' });
      const groups = await frame.$$eval('[data-testid="print-group"]', (sections) =>
        sections.map((s) => ({
          level: s.getAttribute('data-level'),
          heading: s.querySelector('h2')?.textContent,
          rows: [...s.querySelectorAll('[data-testid="print-row"]')].map((r) => ({
            key: r.getAttribute('data-key'),
            owner: r.querySelector('[data-testid="print-owner"]')?.textContent,
            blocker: r.querySelector('[data-testid="print-blocker"]')?.textContent,
          })),
        })),
      );
      expect(groups.map((g) => g.level)).toEqual([...READINESS_LEVELS]);
      const filtered = rows.filter((r) => r.flags.includes('no-owner'));
      for (const g of groups) {
        const inGroup = filtered.filter((r) => r.level === g.level);
        expect(g.rows.map((r) => r.key).sort()).toEqual(inGroup.map((r) => r.key).sort());
        for (const r of g.rows) {
          const row = inGroup.find((x) => x.key === r.key)!;
          expect(r.owner).toBe('No delivery owner');
          expect(r.blocker).toContain(row.missing[0]);
        }
      }
      // On paper: no buttons, and the report's own screen is not there.
      expect(await frame.locator('[data-testid="print-now"]').isVisible()).toBe(false);
      expect(await frame.locator('[data-testid="report-row"]').count()).toBe(0);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      await page.emulateMedia({ media: 'screen' });
      expect(await violations(page, 'iframe[src*="/__ui/report/"]')).toEqual([]);
      await frame.click('[data-testid="print-back"]');
      await page.waitForURL(`${suite.host.url}${REPORT_PATH}?flag=no-owner`);
      await waitForRows(frame, filtered.length);
    } finally {
      await context.close();
    }
  });
});

/** WCAG 2.1 A/AA violations inside the app's frame. */
async function violations(page: Page, frameSelector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(frameSelector).withTags(WCAG).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
