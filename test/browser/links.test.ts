/**
 * Links out of the Custom UI, in frames sandboxed as Jira sandboxes them (no popups, no top navigation):
 * an epic in the report and a workstream issue in the panel open in the main window on a plain click and
 * in a new tab on a modified or middle click, through router.navigate / router.open. A relative link
 * followed inside a frame finds nothing, as on Jira, where the frame's origin is the app's CDN.
 */
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { FORGE_IFRAME_SANDBOX } from '../../local/forge/custom-ui';
import { SEED_KEYS } from '../../local/jira/seed';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import { createEpic } from '../helpers/handoff-fixtures';
import { invoke, ok } from '../helpers/local-api';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const REPORT = 'iframe[src*="/__ui/report/"]';
const PANEL = 'iframe[src*="/__ui/panel/"]';

const suite = browserSuite(['report', 'panel']);

/** The page a modified click opened, or null when nothing opened within a few seconds (the sandbox blocked it). */
async function newTabAfter(context: BrowserContext, click: () => Promise<void>): Promise<Page | null> {
  const opened = context.waitForEvent('page', { timeout: 5_000 }).catch(() => null);
  await click();
  const tab = await opened;
  if (tab) await tab.waitForLoadState('domcontentloaded');
  return tab;
}

function frameOf(page: Page, part: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(part));
  if (!frame) throw new Error(`No frame ${part}`);
  return frame;
}

test('the host sandboxes every app frame as Jira does', async () => {
  const { context, page } = await suite.open('admin@example.com', '/projects/AIP/apps/readiness-report');
  try {
    await page.locator(REPORT).waitFor(WAIT);
    expect(await page.locator(REPORT).getAttribute('sandbox')).toBe(FORGE_IFRAME_SANDBOX);
    // A relative link followed inside the frame lands on nothing, not on Jira inside the app.
    const report = page.frameLocator(REPORT);
    await report.getByTestId('report-row').first().waitFor(WAIT);
    const frame = frameOf(page, '/__ui/report/');
    const response = await Promise.all([frame.waitForNavigation(), frame.evaluate(`location.assign('/browse/${SEED_KEYS.ready}')`)]).then(([r]) => r);
    expect(response?.status()).toBe(404);
    expect(page.url()).toContain('/projects/AIP/apps/readiness-report');
  } finally {
    await context.close();
  }
});

test('an epic in the report opens in the main window, and in a new tab on a modified click', async () => {
  const { context, page } = await suite.open('admin@example.com', '/projects/AIP/apps/readiness-report');
  try {
    const report: FrameLocator = page.frameLocator(REPORT);
    const link = report.getByTestId('epic-link').filter({ hasText: SEED_KEYS.ready });
    await link.waitFor(WAIT);
    const tab = await newTabAfter(context, () => link.click({ modifiers: ['ControlOrMeta'] }));
    expect(tab?.url()).toBe(`${suite.host.url}/browse/${SEED_KEYS.ready}`);
    expect(page.url()).toContain('/apps/readiness-report');
    await Promise.all([page.waitForURL(`**/browse/${SEED_KEYS.ready}`), link.click()]);
  } finally {
    await context.close();
  }
});

test('a workstream issue in the panel opens in the main window, and in a new tab on a middle click', async () => {
  const epic = await createEpic(suite.host.url, 'Browser links: workstreams');
  ok(await invoke(suite.host.url, 'createWorkstreams', {}, { context: { issueKey: epic } }));
  const { context, page } = await suite.open('admin@example.com', `/browse/${epic}`);
  try {
    await addIssuePanel(page);
    const panel = page.frameLocator(PANEL);
    await panel.getByRole('tab', { name: 'Workstreams' }).click(WAIT);
    const link = panel.getByTestId('workstream-issue').first();
    await link.waitFor(WAIT);
    const key = (await link.textContent())!;
    const tab = await newTabAfter(context, () => link.click({ button: 'middle' }));
    expect(tab?.url()).toBe(`${suite.host.url}/browse/${key}`);
    expect(page.url()).toContain(`${suite.host.url}/browse/${epic}`);
    await Promise.all([page.waitForURL(`**/browse/${key}`), link.click()]);
  } finally {
    await context.close();
  }
});
