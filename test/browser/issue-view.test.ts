/**
 * The issue view as Jira builds it: an issue panel (`jira:issuePanel`) appears on an issue only after
 * someone presses its quick-add button there, and stays for everyone after that; the issue context
 * (`jira:issueContext`) sits in the right-hand sidebar of every epic without anyone adding it, and
 * shows the readiness level, the open questions, the next step and how to open the full panel.
 */
import type { Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { browserSuite } from '../helpers/browser';
import { createEpic } from '../helpers/handoff-fixtures';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';
const CONTEXT = 'iframe[src*="/__ui/issue-context/"]';
const QUICK_ADD = '.quick-add[data-module-key="production-handoff-panel"]';
const GLANCE = '.issue-context[data-module-key="production-handoff-glance"]';

const suite = browserSuite(['panel', 'issue-context']);

async function openIssue(email: string, key: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await suite.open(email, `/browse/${key}`);
  await page.locator('#issue-summary').waitFor(WAIT);
  return { page, close: () => context.close() };
}

test('the panel is not on an epic until someone presses its quick-add button; then everyone sees it', async () => {
  const epic = await createEpic(suite.host.url, 'Issue view: quick-add');
  const lead = await openIssue('lead@example.com', epic);
  try {
    expect(await lead.page.locator(PANEL).count()).toBe(0);
    await Promise.all([lead.page.waitForURL(`**/browse/${epic}*`), lead.page.locator(QUICK_ADD).click()]);
    await lead.page.frameLocator(PANEL).getByTestId('readiness-level').waitFor(WAIT);
  } finally {
    await lead.close();
  }
  // Remembered per issue: a viewer (who cannot add panels) sees it now, and it is not on other epics.
  const viewer = await openIssue('viewer@example.com', epic);
  try {
    await viewer.page.frameLocator(PANEL).getByTestId('readiness-level').waitFor(WAIT);
    expect(await viewer.page.locator(QUICK_ADD).count()).toBe(0);
  } finally {
    await viewer.close();
  }
  const other = await openIssue('lead@example.com', SEED_KEYS.untouched);
  try {
    expect(await other.page.locator(PANEL).count()).toBe(0);
    expect(await other.page.locator(QUICK_ADD).count()).toBe(1);
  } finally {
    await other.close();
  }
});

test('the issue context on every epic: readiness level, open questions, next step, how to open the panel', async () => {
  const { page, close } = await openIssue('viewer@example.com', SEED_KEYS.untouched);
  try {
    // Nobody added the panel here, yet the sidebar shows the readiness once expanded.
    expect(await page.locator(PANEL).count()).toBe(0);
    const toggle = page.locator(`${GLANCE} button.issue-context-toggle`);
    await toggle.click();
    const glance = page.frameLocator(CONTEXT);
    await glance.getByTestId('glance-level').waitFor(WAIT);
    expect(await glance.getByTestId('glance-level').getAttribute('data-level')).toBe('not-started');
    expect(await glance.getByTestId('glance-open-questions').textContent()).toContain('No pilot conditions are recorded yet');
    expect(await glance.getByTestId('glance-next-step').textContent()).toMatch(/\S/);
    expect(await glance.getByTestId('glance-open-panel').textContent()).toContain('Production Handoff');
    // The expanded state is remembered for this user.
    await page.reload();
    await page.frameLocator(CONTEXT).getByTestId('glance-level').waitFor(WAIT);
    expect(await page.locator(`${GLANCE} button.issue-context-toggle`).getAttribute('aria-expanded')).toBe('true');
  } finally {
    await close();
  }
  const task = await openIssue('viewer@example.com', SEED_KEYS.story);
  try {
    expect(await task.page.locator(GLANCE).count()).toBe(0);
  } finally {
    await task.close();
  }
});
