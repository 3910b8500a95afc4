/**
 * The shell's Dashboards, Apps, Outbox and host clock in Chromium, with the fixture app's gadget and global
 * page (test/fixtures/mini-app, bundled with Vite) running the unmodified @forge/bridge: two gadgets with
 * different configurations side by side, each configured in its edit view through view.submit.
 */
import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startMiniHost, MINI_APP_DIR, type MiniHost } from '../helpers/mini-host';
import { SEED_ACCOUNTS } from '../../local/jira/seed';

const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(90_000);

let mini: MiniHost;
let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', path.join(MINI_APP_DIR, 'static', 'page', 'vite.config.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build of the fixture page failed:\n${build.stdout}\n${build.stderr}`);
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await mini?.stop();
});

async function pageAs(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(email), url: mini.url }]);
  return { context, page: await context.newPage() };
}

/** The Custom UI frame of gadget `gadgetId`, once its app code has settled. */
async function gadgetFrame(page: Page, gadgetId: string): Promise<Frame> {
  const handle = await page.waitForSelector(`section.gadget[data-gadget-id="${gadgetId}"] iframe.forge-frame`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for gadget ${gadgetId}`);
  await frame.waitForFunction('window.__results !== undefined');
  await frame.evaluate('window.__results');
  return frame;
}

test("the fixture's scheduled triggers, web triggers, gadgets and global page are a manifest Forge accepts (@forge/manifest)", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validate } = require('@forge/manifest') as { validate: (offline: boolean, file: string) => Promise<{ success: boolean; errors?: unknown[] }> };
  const cwd = process.cwd();
  process.chdir(MINI_APP_DIR);
  try {
    const result = await validate(false, 'manifest.yml');
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  } finally {
    process.chdir(cwd);
  }
});

const gadgetIds = async (page: Page) => page.$$eval('section.gadget', (els) => els.map((e) => e.getAttribute('data-gadget-id') as string));

test('create a dashboard, add two gadgets side by side, configure each in its edit view; each shows its own configuration', async () => {
  const { context, page } = await pageAs('lead@example.com');
  try {
    await page.goto(`${mini.url}/jira/dashboards`);
    await page.fill('#create-dashboard input[name=name]', 'Portfolio');
    await Promise.all([page.waitForURL(/\/jira\/dashboards\/\d+$/), page.click('#create-dashboard button[type=submit]')]);
    await page.waitForSelector('#empty-dashboard');

    // One gadget in each column.
    await page.selectOption('#dashboard-toolbar select[name=moduleKey]', 'mini-gadget');
    await page.selectOption('#dashboard-toolbar select[name=column]', { value: '0' });
    await Promise.all([page.waitForEvent('load'), page.click('#add-gadget')]);
    await page.selectOption('#dashboard-toolbar select[name=column]', { value: '1' });
    await Promise.all([page.waitForEvent('load'), page.click('#add-gadget')]);
    expect(await page.locator('section.gadget').count()).toBe(2);
    const [left, right] = await gadgetIds(page);
    expect(await page.$eval(`.dash-col[data-column="0"] section.gadget`, (e) => e.getAttribute('data-gadget-id'))).toBe(left);
    expect(await page.$eval(`.dash-col[data-column="1"] section.gadget`, (e) => e.getAttribute('data-gadget-id'))).toBe(right);

    // A new gadget with an edit view opens in it, with Jira's edit context.
    for (const [id, label] of [[left, 'Claims'], [right, 'Support']] as const) {
      expect(await page.getAttribute(`section.gadget[data-gadget-id="${id}"]`, 'data-mode')).toBe('edit');
      const frame = await gadgetFrame(page, id);
      const results = (await frame.evaluate('window.__results')) as { context: { extension: Record<string, unknown>; accountId: string }; who: { extension: Record<string, unknown> } };
      expect(results.context.accountId).toBe(SEED_ACCOUNTS.lead);
      expect(results.context.extension).toMatchObject({ type: 'jira:dashboardGadget', entryPoint: 'edit', gadget: { id }, gadgetConfiguration: {} });
      expect(results.who.extension).toMatchObject({ entryPoint: 'edit', gadget: { id } });
      await frame.fill('#gadget-label', label);
      await Promise.all([page.waitForEvent('load'), frame.click('#gadget-save')]);
    }

    // Back in view mode, side by side, each with its own configuration.
    const views = await Promise.all([left, right].map(async (id) => {
      expect(await page.getAttribute(`section.gadget[data-gadget-id="${id}"]`, 'data-mode')).toBe('view');
      const frame = await gadgetFrame(page, id);
      return [await frame.textContent('#title'), await frame.textContent('#gadget-config')];
    }));
    expect(views).toEqual([['Mini gadget: Claims', '{"label":"Claims"}'], ['Mini gadget: Support', '{"label":"Support"}']]);
    const [a, b] = await Promise.all([left, right].map((id) => page.locator(`section.gadget[data-gadget-id="${id}"]`).boundingBox()));
    expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x);
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(5);

    // Edit again: a configuration Jira refuses (refresh 0) keeps the edit view open with the error; a valid one saves.
    await page.click(`section.gadget[data-gadget-id="${left}"] .gadget-edit`);
    const edit = await gadgetFrame(page, left);
    expect(await edit.inputValue('#gadget-label')).toBe('Claims');
    await edit.fill('#gadget-refresh', '0');
    await edit.click('#gadget-save');
    await edit.waitForSelector('#gadget-error:not(:empty)');
    expect(await edit.textContent('#gadget-error')).toContain('refresh must be a positive whole number of minutes');
    await edit.fill('#gadget-refresh', '30');
    await edit.fill('#gadget-label', 'Claims (CLM)');
    await Promise.all([page.waitForEvent('load'), edit.click('#gadget-save')]);
    expect(await (await gadgetFrame(page, left)).textContent('#gadget-config')).toBe('{"label":"Claims (CLM)","refresh":30}');
    expect(await (await gadgetFrame(page, right)).textContent('#gadget-config')).toBe('{"label":"Support"}');
  } finally {
    await context.close();
  }
});

test('a gadget that handles its own refresh gets JIRA_DASHBOARD_GADGET_REFRESH with origin and gadget id', async () => {
  const { context, page } = await pageAs('marcus@example.com');
  try {
    const d = await mini.call('POST', '/rest/api/3/dashboard', { name: 'Refresh', sharePermissions: [], editPermissions: [] }, 'marcus@example.com');
    const g = await mini.call('POST', `/rest/api/3/dashboard/${d.body.id}/gadget`, { moduleKey: 'mini-gadget-manual' }, 'marcus@example.com');
    await page.goto(`${mini.url}/jira/dashboards/${d.body.id}`);
    const id = String(g.body.id);
    const frame = await gadgetFrame(page, id);
    expect(await page.getAttribute(`section.gadget[data-gadget-id="${id}"]`, 'data-mode')).toBe('view');
    await page.click(`section.gadget[data-gadget-id="${id}"] .gadget-refresh`);
    await frame.waitForFunction('window.__refreshEvents.length === 1');
    await page.click('#refresh-dashboard');
    await frame.waitForFunction('window.__refreshEvents.length === 2');
    expect(await frame.evaluate('window.__refreshEvents')).toEqual([{ origin: 'gadget', gadgetId: id }, { origin: 'dashboard' }]);
  } finally {
    await context.close();
  }
});

test('the global page under Apps, with its subpages as the app\'s history location', async () => {
  const { context, page } = await pageAs('priya@example.com');
  try {
    await page.goto(`${mini.url}/`);
    await Promise.all([page.waitForURL(/\/jira\/apps$/), page.click('header.top nav a[href="/jira/apps"]')]);
    await Promise.all([page.waitForURL(/\/jira\/apps\/[^/]+\/[^/]+$/), page.click('#apps-menu a')]);
    expect(await page.textContent('h1')).toBe('Mini portfolio');
    await Promise.all([page.waitForURL(/\/trends$/), page.click('.app-nav a:has-text("Trends")')]);
    const handle = await page.waitForSelector('iframe.forge-frame');
    const frame = (await handle.contentFrame())!;
    await frame.waitForFunction('window.__results !== undefined');
    const results = (await frame.evaluate('window.__results')) as { context: { extension: unknown; accountId: string }; historyPath: string; fatal?: string };
    expect(results.fatal).toBeUndefined();
    expect(results.context.accountId).toBe(SEED_ACCOUNTS.priya);
    expect(results.context.extension).toEqual({ type: 'jira:globalPage', location: expect.stringMatching(/\/jira\/apps\/11111111-2222-4333-8444-555555555555\/[^/]+$/) });
    expect(results.historyPath).toBe('/trends');
  } finally {
    await context.close();
  }
});

test('the outbox shows what Jira sent, newest first, the HTML body in a sandboxed frame', async () => {
  await mini.call('DELETE', '/__local/outbox');
  const send = (subject: string) => mini.call('POST', '/rest/api/3/issue/AIP-1/notify', { subject, textBody: `${subject} as text`, htmlBody: `<p><b>${subject}</b> as HTML</p><script>document.body.dataset.ran = "yes"</script>`, to: { users: [{ accountId: SEED_ACCOUNTS.priya }] } }, 'admin@example.com');
  await send('Older');
  await send('Newer');
  const { context, page } = await pageAs('admin@example.com');
  try {
    await page.goto(`${mini.url}/jira/outbox`);
    expect(await page.$$eval('.mail .mail-subject', (els) => els.map((e) => e.textContent))).toEqual(['Newer', 'Older']);
    expect(await page.textContent('.mail .mail-to')).toContain('priya@example.com');
    expect(await page.textContent('.mail .mail-text')).toBe('Newer as text');
    const frame = (await (await page.$('.mail iframe.mail-html'))!.contentFrame())!;
    expect(await frame.textContent('b')).toBe('Newer');
    expect(await frame.evaluate('document.body.dataset.ran ?? "no"').catch(() => 'blocked')).not.toBe('yes');
    await Promise.all([page.waitForEvent('load'), page.click('#clear-outbox')]);
    await page.waitForSelector('#outbox-empty');
  } finally {
    await context.close();
  }
});

test('the clock control moves the host, the app and the Custom UI frames in time', async () => {
  const { context, page } = await pageAs('lead@example.com');
  try {
    await page.goto(`${mini.url}/`);
    expect(await page.textContent('#host-clock')).toContain('real time');
    await Promise.all([page.waitForURL(/\/jira\/clock$/), page.click('#host-clock')]);
    await page.fill('#clock-advance input[name=advanceDays]', '45');
    await Promise.all([page.waitForEvent('load'), page.click('#clock-advance button[type=submit]')]);
    expect(await page.textContent('#host-clock')).toContain('+45.0 d');
    expect(await page.textContent('#clock-offset')).toBe('+45.00 days');
    const hostNow = Date.parse((await mini.call('GET', '/__local/clock')).body.now);

    // A Custom UI frame's Date follows the host clock, as the backend's does.
    const dashboards = (await mini.call('GET', '/rest/api/3/dashboard', undefined, 'lead@example.com')).body.dashboards;
    await page.goto(`${mini.url}/jira/dashboards/${dashboards[0].id}`);
    const [id] = await gadgetIds(page);
    const results = (await (await gadgetFrame(page, id)).evaluate('window.__results')) as { browserNow: string };
    expect(Math.abs(Date.parse(results.browserNow) - hostNow)).toBeLessThan(60_000);

    await page.goto(`${mini.url}/jira/clock`);
    await Promise.all([page.waitForEvent('load'), page.click('#clock-reset')]);
    expect(await page.textContent('#host-clock')).toContain('real time');
  } finally {
    await context.close();
  }
});

test('the shell pages for dashboards, apps, the outbox and the clock have no WCAG 2.1 A/AA violations', async () => {
  const { context, page } = await pageAs('lead@example.com');
  try {
    const dashboard = (await mini.call('POST', '/rest/api/3/dashboard', { name: 'Axe', sharePermissions: [], editPermissions: [] }, 'lead@example.com')).body;
    await mini.call('POST', `/rest/api/3/dashboard/${dashboard.id}/gadget`, { moduleKey: 'mini-gadget' }, 'lead@example.com');
    await mini.call('POST', '/rest/api/3/issue/AIP-1/notify', { subject: 'Axe', textBody: 'text', htmlBody: '<p>html</p>', to: { users: [{ accountId: SEED_ACCOUNTS.priya }] } }, 'admin@example.com');
    const pages: Array<[string, string]> = [['/jira/dashboards', 'Dashboards'], [`/jira/dashboards/${dashboard.id}`, 'Axe'], ['/jira/apps', 'Apps'], ['/jira/outbox', 'Outbox'], ['/jira/clock', 'Host clock']];
    for (const [p, heading] of pages) {
      const res = await page.goto(`${mini.url}${p}`);
      expect([p, res?.status(), await page.textContent('h1')]).toEqual([p, 200, heading]);
      // The shell around the frames; the app's own screens are the app's to check.
      const result = await new AxeBuilder({ page }).exclude('iframe').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect([p, result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)]).toEqual([p, []]);
    }
  } finally {
    await context.close();
  }
});
