/**
 * Browser tests' common set-up: Debian's Chromium through playwright-core (no browser download), the
 * Custom UI built when a lone test file runs without `npm test` having built it, and a local host.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { REPO_ROOT, startTestHost, type TestHost } from './host';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Builds the named Custom UI apps if their build is missing (the test command builds them first). */
export function ensureBuilt(...apps: string[]): void {
  const missing = apps.filter((app) => !fs.existsSync(path.join(REPO_ROOT, 'static', app, 'build', 'index.html')));
  if (missing.length === 0) return;
  const build = spawnSync(process.execPath, ['scripts/build-ui.mjs', ...missing], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`Custom UI build failed:\n${build.stdout}\n${build.stderr}`);
}

export interface BrowserSuite {
  readonly host: TestHost;
  readonly browser: Browser;
  /** A fresh browser context signed in to the shell as `email`, on `pathname`. */
  open(email: string, pathname: string): Promise<{ context: BrowserContext; page: Page }>;
}

/** Registers beforeAll/afterAll that start a host and Chromium for the file's tests, and stop them. */
export function browserSuite(apps: string[]): BrowserSuite {
  let host: TestHost | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureBuilt(...apps);
    [host, browser] = await Promise.all([startTestHost(), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });
  const suite: BrowserSuite = {
    get host() {
      if (!host) throw new Error('The local host has not started');
      return host;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started');
      return browser;
    },
    async open(email, pathname) {
      const context = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
      await context.addCookies([{ name: 'ph_user', value: email, url: suite.host.url }]);
      const page = await context.newPage();
      await page.goto(`${suite.host.url}${pathname}`);
      return { context, page };
    },
  };
  return suite;
}

/**
 * Adds an app's issue panel to the issue open in `page` with its quick-add button, as a user does on Jira
 * (a panel is not on an issue until someone adds it); does nothing when the panel is already there.
 */
export async function addIssuePanel(page: Page, moduleKey = 'production-handoff-panel'): Promise<void> {
  if ((await page.locator(`section.panel[data-module-key="${moduleKey}"]`).count()) > 0) return;
  await Promise.all([page.waitForURL(/panelAdded=/), page.locator(`.quick-add[data-module-key="${moduleKey}"]`).click()]);
}

/**
 * Atlaskit Select or user picker: type into the real control (its read-only stand-in shows until
 * react-select has loaded: @ui/deferred), wait until the options are those of the whole typed text (a search
 * for an earlier prefix may still be answering, and its list would move under the click), then click the one
 * named `option`. Neither Enter nor a click during a re-render can take another option.
 */
export async function chooseOption(frame: FrameLocator, inputId: string, typed: string, option = typed): Promise<void> {
  const input = frame.locator(`#${inputId}:not([readonly])`);
  await input.click();
  await input.pressSequentially(typed);
  const options = frame.getByRole('option');
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = JSON.stringify(await options.allTextContents());
    if (now === last && (JSON.parse(now) as string[]).some((text) => text.includes(option))) break;
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
  await frame.getByRole('option', { name: option }).first().click();
}
