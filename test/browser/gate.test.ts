/**
 * The gate in the Jira-like shell: an undecided AI-initiative epic's Done button shows the validator's
 * message naming what is missing; once decided it moves to Done; a story in the same workflow moves freely.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { REPO_ROOT, startTestHost, type TestHost } from '../helpers/host';
import { createEpic, decideHandoff, DONE_TRANSITION } from '../helpers/handoff-fixtures';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'static', 'panel', 'build', 'index.html'))) {
    const build = spawnSync(process.execPath, ['scripts/build-ui.mjs', 'panel'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`panel build failed:\n${build.stdout}\n${build.stderr}`);
  }
  [host, browser] = await Promise.all([
    startTestHost(),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
  ]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
});

async function openIssue(issueKey: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addCookies([{ name: 'ph_user', value: 'admin@example.com', url: host.url }]);
  const page = await context.newPage();
  await page.goto(`${host.url}/browse/${issueKey}`);
  return page;
}

const doneButton = (page: Page) => page.locator(`#transition-bar .transition-btn[data-transition-id="${DONE_TRANSITION}"]`);
const status = (page: Page) => page.locator('#issue-status');

test('an undecided epic cannot be moved to Done; the message names what is missing; after deciding it moves', async () => {
  const key = await createEpic(host.url, 'Browser gate: underwriting assistant');
  const page = await openIssue(key);
  try {
    await doneButton(page).click();
    const alert = page.locator('#transition-error [role="alert"]');
    await alert.waitFor(WAIT);
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(`Production handoff for ${key} is not decided`);
    expect(text).toMatch(/no pilot conditions are recorded/i);
    expect(text).toMatch(/business KPI/);
    expect(await status(page).textContent()).not.toMatch(/Done/);

    await decideHandoff(host.url, key);
    await page.reload();
    await Promise.all([page.waitForEvent('load'), doneButton(page).click()]);
    await page.locator('#issue-status', { hasText: 'Done' }).waitFor(WAIT);
    expect(await page.locator('#transition-error [role="alert"]').count()).toBe(0);
  } finally {
    await page.context().close();
  }
});

test('a story in the same workflow moves to Done freely', async () => {
  const page = await openIssue(SEED_KEYS.story);
  try {
    await Promise.all([page.waitForEvent('load'), doneButton(page).click()]);
    await page.locator('#issue-status', { hasText: 'Done' }).waitFor(WAIT);
  } finally {
    await page.context().close();
  }
});
