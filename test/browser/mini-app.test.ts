/**
 * The unmodified @forge/bridge (and @forge/jira-bridge) run inside the local host's Custom UI
 * iframes: the fixture page (test/fixtures/mini-app/static/page, bundled here with Vite) calls
 * invoke / getContext / requestJira / showFlag / events / workflowRules.onConfigure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { addIssuePanel, launchChromium } from '../helpers/browser';
import { startHost, type Host } from '../../local/server';
import { addValidatorRule, listValidatorRules } from '../../local/jira/workflow-rules';
import { SEED_ACCOUNTS, SEED_PROJECT, TRANSITION_IDS } from '../../local/jira/seed';

const ROOT = path.join(__dirname, '..', '..');
const APP_DIR = path.join(ROOT, 'test', 'fixtures', 'mini-app');
jest.setTimeout(60_000);

let dataDir: string;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', path.join(APP_DIR, 'static', 'page', 'vite.config.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build of the fixture page failed:\n${build.stdout}\n${build.stderr}`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-browser-'));
  host = await startHost({ port: 0, dataDir, appDir: APP_DIR });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function pageAs(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(email), url: host.url }]);
  const page = await context.newPage();
  return { context, page };
}

async function appFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('iframe.forge-frame');
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((fr) => fr.url().includes('/__ui/page/'));
    if (f) return f;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Custom UI frame not found');
}

describe('Custom UI with the real @forge/bridge', () => {
  it('invoke, getContext, requestJira, flags, events and theming work in the issue panel', async () => {
    const { context, page } = await pageAs('lead@example.com');
    try {
      await page.goto(`${host.url}/browse/AIP-1`);
      // Not on the issue until someone presses the panel's quick-add button.
      expect(await page.locator('section.panel').count()).toBe(0);
      await addIssuePanel(page, 'mini-panel');
      await expect(page.locator('.panel-title .panel-name').first().textContent()).resolves.toBe('Mini panel');
      const frame = await appFrame(page);
      const results = (await frame.evaluate('window.__results')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(results.fatal).toBeUndefined();
      expect(results.context).toMatchObject({
        accountId: SEED_ACCOUNTS.lead,
        moduleKey: 'mini-panel',
        locale: 'en-US',
        siteUrl: host.url,
        extension: { type: 'jira:issuePanel', issue: { key: 'AIP-1', type: 'Epic' }, project: { key: 'AIP', id: SEED_PROJECT.id }, isNewToIssue: true },
        theme: { colorMode: 'light' },
      });
      expect(results.who.myselfAccountId).toBe(SEED_ACCOUNTS.lead);
      expect(results.who.extension.issue.key).toBe('AIP-1');
      expect(results.status).toBe(200);
      expect(results.me.accountId).toBe(SEED_ACCOUNTS.lead);
      expect(results.missingStatus).toBe(404);
      expect(results.resolverError).toContain('Boom from the resolver');
      expect(results.received).toEqual([{ hello: 'world' }]);
      await page.waitForSelector('#flags .flag');
      expect(await page.locator('#flags .flag').first().textContent()).toContain('Hello from the mini app');
      expect(await frame.evaluate("document.documentElement.getAttribute('data-color-mode')")).toBe('light');
      // auto height from the iframe's resize messages
      await page.waitForFunction("(() => { const f = document.querySelector('iframe.forge-frame'); return !!f && parseInt(f.style.height || '0', 10) > 0; })()");
    } finally {
      await context.close();
    }
  });

  it("a project page's router (view.createHistory) lives in Jira's page URL: opening it restores the route, push and back change it", async () => {
    const { context, page } = await pageAs('lead@example.com');
    try {
      // Jira's project page URL carries the app's route after the page's own address (…/apps/<app>/<env>/<route>).
      await page.goto(`${host.url}/projects/AIP/apps/mini-page/first?x=1`);
      const frame = await appFrame(page);
      const results = (await frame.evaluate('window.__results')) as { historyLocation?: unknown; fatal?: string };
      expect(results.fatal).toBeUndefined();
      expect(results.historyLocation).toEqual({ pathname: '/first', search: '?x=1' });

      await frame.evaluate("window.__history.push('/second?y=2')");
      await page.waitForURL(`${host.url}/projects/AIP/apps/mini-page/second?y=2`);
      await frame.evaluate("window.__history.replace({ pathname: '/', search: '?z=3' })");
      await page.waitForURL(`${host.url}/projects/AIP/apps/mini-page?z=3`);

      await page.goBack();
      await page.waitForURL(`${host.url}/projects/AIP/apps/mini-page/first?x=1`);
      await frame.waitForFunction('window.__heard.length === 3');
      expect(await frame.evaluate('window.__heard')).toEqual([
        { action: 'PUSH', pathname: '/second', search: '?y=2' },
        { action: 'REPLACE', pathname: '/', search: '?z=3' },
        { action: 'POP', pathname: '/first', search: '?x=1' },
      ]);
      expect(await frame.evaluate('window.__history.location.pathname')).toBe('/first');
    } finally {
      await context.close();
    }
  });

  it('shows a failing validator as Jira does, after clicking a transition', async () => {
    addValidatorRule(host.db, { projectId: SEED_PROJECT.id, issueTypeId: null, transitionId: TRANSITION_IDS.toDo, moduleKey: 'mini-gate', configuration: {} });
    const { context, page } = await pageAs('admin@example.com');
    try {
      await page.goto(`${host.url}/browse/AIP-8`);
      await page.click(`.transition-btn[data-transition-id="${TRANSITION_IDS.toDo}"]`);
      const box = page.locator('#transition-error .error-box');
      await box.waitFor();
      const text = await box.textContent();
      expect(text).toContain("We couldn't transition this issue");
      expect(text).toContain('Mini gate is closed for AIP-8');
    } finally {
      await context.close();
    }
  });

  it('saves a validator configuration collected from the iframe through workflowRules.onConfigure', async () => {
    const { context, page } = await pageAs('admin@example.com');
    try {
      const before = listValidatorRules(host.db).length;
      await page.goto(`${host.url}/projects/AIP/settings/workflow?add=1&moduleKey=mini-gate&transitionId=${TRANSITION_IDS.done}&issueTypeId=`);
      const frame = await appFrame(page);
      await frame.evaluate('window.__results');
      await Promise.all([page.waitForURL(/\/settings\/workflow$/), page.click('#save-config')]);
      const rules = listValidatorRules(host.db);
      expect(rules.length).toBe(before + 1);
      expect(rules[rules.length - 1]).toMatchObject({ moduleKey: 'mini-gate', transitionId: TRANSITION_IDS.done, configuration: { mode: 'from-iframe', issue: null } });
      expect(await page.locator('#validator-rules').textContent()).toContain('from-iframe');
    } finally {
      await context.close();
    }
  });

  it('keeps the workflow settings to project admins', async () => {
    const { context, page } = await pageAs('viewer@example.com');
    try {
      const res = await page.goto(`${host.url}/projects/AIP/settings/workflow`);
      expect(res?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
