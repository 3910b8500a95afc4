/**
 * The portfolio page (Apps menu) and the dashboard gadget in a real browser against the local host:
 * initiatives from three projects, the flow-metric charts, filtering by project and CSV export of what
 * is shown; two gadgets configured differently side by side. Needs the Custom UI built and /usr/bin/chromium.
 */
import fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { LOCAL_ENVIRONMENT_ID } from '../../local/forge/app';
import { DEMO_KEYS } from '../../local/jira/seed';
import type { PortfolioPage, Result } from '../../src/shared/contract';

jest.setTimeout(180_000);

const APP_ID = '00000000-0000-4000-8000-000000000000';
const LEAD = 'lead@example.com';
const suite = browserSuite(['portfolio', 'gadget']);

async function framesOf(page: Page, resource: string, count = 1): Promise<Frame[]> {
  for (let i = 0; i < 400; i++) {
    const frames = page.frames().filter((f) => f.url().includes(`/__ui/${resource}/`));
    if (frames.length >= count) return frames;
    await page.waitForTimeout(50);
  }
  throw new Error(`No ${resource} frame on ${page.url()}`);
}

/** One CSV line's cells (toCsv quotes every cell and doubles quotes inside). */
const cells = (line: string): string[] => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)|(?<=,|^)(?=,|$)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));

async function resolverRows(user: string): Promise<PortfolioPage['rows']> {
  const res = await fetch(`${suite.host.url}/__local/invoke`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: 'portfolio-page', functionKey: 'getPortfolioPage', payload: {}, context: {}, user }),
  });
  const result = (await res.json()) as Result<PortfolioPage>;
  if (!result.ok) throw new Error(result.error.message);
  return result.data.rows;
}

describe('the portfolio page', () => {
  it('lists the initiatives of three projects, draws the flow charts, filters by project and exports the shown rows with the metrics as CSV', async () => {
    const context = await suite.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    try {
      await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(LEAD), url: suite.host.url }]);
      const page = await context.newPage();
      await page.goto(`${suite.host.url}/jira/apps`);
      // Reached the way a user does: Apps, then the app's page.
      await Promise.all([page.waitForURL(new RegExp(`/jira/apps/${APP_ID}/${LOCAL_ENVIRONMENT_ID}`)), page.click('#apps-menu a')]);
      const [frame] = await framesOf(page, 'portfolio');
      await frame.waitForSelector('[data-testid="portfolio-row"]');
      await frame.waitForSelector('[data-testid="flow-charts"]');
      const shown = await frame.$$eval('[data-testid="portfolio-row"]', (rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent]));
      const expected = await resolverRows(LEAD);
      expect(shown).toEqual(expected.map((r) => [r.project.key, r.key]));
      expect([...new Set(shown.map(([p]) => p))].sort()).toEqual(['AIP', 'CLM', 'SUP']);
      for (const chart of ['flow-close-to-ready', 'flow-close-to-shipped', 'flow-purgatory', 'flow-answered']) {
        expect(await frame.isVisible(`[data-testid="${chart}"]`)).toBe(true);
      }
      expect(await frame.getAttribute('[data-testid="flow-close-to-ready"] svg', 'aria-label')).toMatch(/^Pilot close to ready \(days\): \d{4}-Q\d /);

      await frame.selectOption('[data-testid="project-filter"]', 'CLM');
      const claims = await frame.$$eval('[data-testid="portfolio-row"] td:nth-child(2)', (cells) => cells.map((c) => c.textContent));
      expect(claims).toEqual([DEMO_KEYS.claimsFraud, DEMO_KEYS.claimsIntake, DEMO_KEYS.claimsSubrogation, DEMO_KEYS.claimsNotes]);
      const [download] = await Promise.all([page.waitForEvent('download'), frame.click('[data-testid="export-csv"]')]);
      expect(download.suggestedFilename()).toMatch(/^ai-portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      const [rowsTable, metricsTable] = csv.trimEnd().split('\r\n\r\n');
      const lines = rowsTable.split('\r\n').map(cells);
      expect(lines[0].slice(0, 4)).toEqual(['Project', 'Epic', 'Summary', 'Status']);
      expect(lines.slice(1).map((l) => l.slice(0, 2))).toEqual(claims.map((k) => ['CLM', k]));
      const metrics = metricsTable.split('\r\n').map(cells);
      expect(metrics[0].slice(0, 3)).toEqual(['Scope', 'Flow metric', 'Period']);
      expect(metrics.some((m) => m[0] === 'CLM' && m[1] === 'Pilot close to ready' && /^\d{4}-Q\d$/.test(m[2]))).toBe(true);
      expect(metrics.some((m) => m[0] === 'CLM' && m[1] === 'Pilots closed with the three questions answered')).toBe(true);
      expect(metrics.some((m) => m[0] === 'SUP')).toBe(false);

      await frame.selectOption('[data-testid="project-filter"]', '');
      await frame.fill('[data-testid="portfolio-search"]', 'routing');
      expect(await frame.$$eval('[data-testid="portfolio-row"] td:nth-child(2)', (cells) => cells.map((c) => c.textContent))).toEqual([DEMO_KEYS.supportRouting]);
    } finally {
      await context.close();
    }
  });

  it('shows Val (no access to CLM) no CLM initiative', async () => {
    const { context, page } = await suite.open('viewer@example.com', `/jira/apps/${APP_ID}/${LOCAL_ENVIRONMENT_ID}`);
    try {
      const [frame] = await framesOf(page, 'portfolio');
      await frame.waitForSelector('[data-testid="portfolio-row"]');
      const projects = await frame.$$eval('[data-testid="portfolio-row"] td:first-child', (cells) => [...new Set(cells.map((c) => c.textContent))]);
      expect(projects.sort()).toEqual(['AIP', 'SUP']);
    } finally {
      await context.close();
    }
  });
});
