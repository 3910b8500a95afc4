/**
 * The portfolio page (Apps menu) and the dashboard gadget in a real browser against the local host:
 * initiatives from three projects, the flow-metric charts, filtering by project and CSV export of what
 * is shown; two gadgets configured differently side by side. Needs the Custom UI built and /usr/bin/chromium.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { browserSuite, chooseOption } from '../helpers/browser';
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

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe's WCAG 2.1 A/AA violations inside the app's frame(s), as "rule (impact): targets" lines. */
async function violations(page: Page, frameSelector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(frameSelector).withTags(WCAG).analyze();
  const inFrame = [...result.passes, ...result.violations].flatMap((r) => r.nodes).filter((n) => n.target.length > 1);
  expect(inFrame.length).toBeGreaterThan(5);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
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

      expect(await violations(page, 'iframe[src*="/__ui/portfolio/"]')).toEqual([]);

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

async function gadgetFrame(page: Page, gadgetId: string, ready: string): Promise<Frame> {
  const handle = await page.waitForSelector(`section.gadget[data-gadget-id="${gadgetId}"] iframe.forge-frame`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for gadget ${gadgetId}`);
  await frame.waitForSelector(ready);
  return frame;
}

const gadgetLocator = (page: Page, gadgetId: string): FrameLocator => page.frameLocator(`section.gadget[data-gadget-id="${gadgetId}"] iframe.forge-frame`);

/** Lee's basic auth, for Jira's REST. */
const LEAD_JSON = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${LEAD}:token`).toString('base64')}` };

/**
 * A dashboard of Lee's shared with logged-in users (Jira's share permission, so others can open it too),
 * open in Lee's browser with the portfolio gadget added to each column from the toolbar, as a user adds them.
 */
async function dashboardWithTwoGadgets(name: string): Promise<{ id: string; context: BrowserContext; page: Page; left: string; right: string }> {
  const created = await fetch(`${suite.host.url}/rest/api/3/dashboard`, {
    method: 'POST',
    headers: LEAD_JSON,
    body: JSON.stringify({ name, sharePermissions: [{ type: 'loggedin' }], editPermissions: [] }),
  });
  const id = ((await created.json()) as { id: string }).id;
  const { context, page } = await suite.open(LEAD, `/jira/dashboards/${id}`);
  try {
    await page.selectOption('#dashboard-toolbar select[name=moduleKey]', 'portfolio-gadget');
    await page.selectOption('#dashboard-toolbar select[name=column]', { value: '0' });
    await Promise.all([page.waitForEvent('load'), page.click('#add-gadget')]);
    await page.selectOption('#dashboard-toolbar select[name=column]', { value: '1' });
    await Promise.all([page.waitForEvent('load'), page.click('#add-gadget')]);
    const [left, right] = await page.$$eval('section.gadget', (els) => els.map((e) => e.getAttribute('data-gadget-id') as string));
    return { id, context, page, left, right };
  } catch (e) {
    await context.close();
    throw e;
  }
}

describe('the dashboard gadget', () => {
  it('two gadgets side by side, each configured in its edit view, show the initiatives of their own projects; Val sees only SUP in the CLM + SUP one', async () => {
    // Shared with logged-in users, so Val can open it too.
    const { id, context, page, left, right } = await dashboardWithTwoGadgets('AI steering');
    try {
      // A new gadget opens in its edit view; saving without a project is refused in the form, nothing is saved.
      const edit = await gadgetFrame(page, left, '#gadget-projects:not([readonly])');
      expect(await violations(page, `section.gadget[data-gadget-id="${left}"] iframe`)).toEqual([]);
      await edit.click('[data-testid="gadget-save"]');
      await edit.waitForSelector('#gadget-error');
      expect(await edit.textContent('#gadget-error')).toBe('Choose at least one project.');
      await chooseOption(gadgetLocator(page, left), 'gadget-projects', 'CLM', 'Claims Automation (CLM)');
      await chooseOption(gadgetLocator(page, left), 'gadget-projects', 'SUP', 'Support Copilot (SUP)');
      await Promise.all([page.waitForEvent('load'), edit.click('[data-testid="gadget-save"]')]);
      await gadgetFrame(page, right, '#gadget-projects:not([readonly])');
      await chooseOption(gadgetLocator(page, right), 'gadget-projects', 'SUP', 'Support Copilot (SUP)');
      await Promise.all([page.waitForEvent('load'), (await gadgetFrame(page, right, '[data-testid="gadget-save"]')).click('[data-testid="gadget-save"]')]);

      const counts = async (p: Page, id: string) => {
        const frame = await gadgetFrame(p, id, '[data-testid="level-counts"]');
        const numbers = await frame.$$eval('[data-testid^="level-"] span', (els) => els.map((e) => Number(e.textContent)));
        const flagged = await frame.$$eval('[data-testid="gadget-flagged-row"] a', (els) => els.map((e) => e.textContent));
        return { total: numbers.reduce((a, b) => a + b, 0), flagged };
      };
      expect(await (await gadgetFrame(page, left, '[data-testid="gadget-scope"]')).textContent('[data-testid="gadget-scope"]')).toBe('Projects: CLM, SUP');
      const both = await counts(page, left);
      const support = await counts(page, right);
      expect(both.total).toBe(7);
      expect(support.total).toBe(3);
      expect(support.flagged.every((k) => k?.startsWith('SUP-'))).toBe(true);
      expect(await violations(page, `section.gadget[data-gadget-id="${left}"] iframe`)).toEqual([]);
    } finally {
      await context.close();
    }
    const val = await suite.open('viewer@example.com', `/jira/dashboards/${id}`);
    try {
      const [left] = await val.page.$$eval('section.gadget', (els) => els.map((e) => e.getAttribute('data-gadget-id') as string));
      const frame = await gadgetFrame(val.page, left, '[data-testid="level-counts"]');
      const numbers = await frame.$$eval('[data-testid^="level-"] span', (els) => els.map((e) => Number(e.textContent)));
      expect(numbers.reduce((a, b) => a + b, 0)).toBe(3);
    } finally {
      await val.context.close();
    }
  });

  it('configured with a saved filter in its edit view: shows the filter\'s initiatives beside a projects gadget; a viewer the filter is not shared with is told so', async () => {
    const { id, context, page, left, right } = await dashboardWithTwoGadgets('Customer-facing');
    try {

      // Left: a saved filter, chosen by typing part of its name.
      const edit = await gadgetFrame(page, left, '#gadget-projects:not([readonly])');
      await edit.check('#gadget-source-filter');
      await edit.waitForSelector('#gadget-filter');
      await edit.click('[data-testid="gadget-save"]');
      await edit.waitForSelector('#gadget-error');
      expect(await edit.textContent('#gadget-error')).toBe('Choose a saved filter.');
      expect(await violations(page, `section.gadget[data-gadget-id="${left}"] iframe`)).toEqual([]);
      await chooseOption(gadgetLocator(page, left), 'gadget-filter', 'customer', 'Customer-facing AI');
      expect(await violations(page, `section.gadget[data-gadget-id="${left}"] iframe`)).toEqual([]);
      await Promise.all([page.waitForEvent('load'), edit.click('[data-testid="gadget-save"]')]);
      // Right: a project.
      await gadgetFrame(page, right, '#gadget-projects:not([readonly])');
      await chooseOption(gadgetLocator(page, right), 'gadget-projects', 'CLM', 'Claims Automation (CLM)');
      await Promise.all([page.waitForEvent('load'), (await gadgetFrame(page, right, '[data-testid="gadget-save"]')).click('[data-testid="gadget-save"]')]);

      const shown = async (gadgetId: string) => {
        const frame = await gadgetFrame(page, gadgetId, '[data-testid="level-counts"]');
        const numbers = await frame.$$eval('[data-testid^="level-"] span', (els) => els.map((e) => Number(e.textContent)));
        return { scope: await frame.textContent('[data-testid="gadget-scope"]'), total: numbers.reduce((a, b) => a + b, 0), flagged: await frame.$$eval('[data-testid="gadget-flagged-row"] a', (els) => els.map((e) => e.textContent ?? '')) };
      };
      const byFilter = await shown(left);
      const byProject = await shown(right);
      expect(byFilter.scope).toBe('Filter: Customer-facing AI');
      // AIP-3, AIP-6, SUP-1 and SUP-3: the filter's initiatives Lee may browse.
      expect(byFilter.total).toBe(4);
      expect(byFilter.flagged.every((k) => /^(AIP-3|AIP-6|SUP-1|SUP-3)$/.test(k))).toBe(true);
      expect(byProject.scope).toBe('Projects: CLM');
      expect(byProject.total).toBe(4);
      expect(byProject.flagged.every((k) => k.startsWith('CLM-'))).toBe(true);

      // Edit again: the saved filter shows by its name; Cancel leaves the configuration as it was.
      await page.click(`section.gadget[data-gadget-id="${left}"] .gadget-edit`);
      const again = await gadgetFrame(page, left, '#gadget-filter');
      await again.waitForSelector('text=Customer-facing AI');
      await Promise.all([page.waitForEvent('load'), again.click('[data-testid="gadget-cancel"]')]);
      expect((await shown(left)).scope).toBe('Filter: Customer-facing AI');
    } finally {
      await context.close();
    }

    // Priya's private filter in a gadget on a shared dashboard: Lee is told, and sees none of her initiatives.
    const gadget = await fetch(`${suite.host.url}/rest/api/3/dashboard/${id}/gadget`, { method: 'POST', headers: LEAD_JSON, body: JSON.stringify({ moduleKey: 'portfolio-gadget', position: { column: 0, row: 1 } }) });
    const gadgetId = String(((await gadget.json()) as { id: string | number }).id);
    const configured = await fetch(`${suite.host.url}/__shell/dashboards/${id}/gadgets/${gadgetId}/configuration`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: `ph_user=${LEAD}` }, body: JSON.stringify({ filterId: '10001' }) });
    expect(configured.status).toBe(200);
    const lee = await suite.open(LEAD, `/jira/dashboards/${id}`);
    try {
      const frame = await gadgetFrame(lee.page, gadgetId, '[data-testid="error-banner"]');
      expect(await frame.textContent('[data-testid="error-banner"]')).toContain("This gadget's saved filter (10001) is not shared with you or no longer exists: edit the gadget");
      expect(await frame.$$('[data-testid="level-counts"]')).toHaveLength(0);
    } finally {
      await lee.context.close();
    }
  });
});
