/**
 * The gate in the Jira-like shell: an undecided AI-initiative epic's Done button shows the validator's
 * message naming what is missing; once decided it moves to Done; a story in the same workflow moves freely.
 */
import { type Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { browserSuite } from '../helpers/browser';
import { createEpic, decideHandoff, DONE_TRANSITION } from '../helpers/handoff-fixtures';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };

const suite = browserSuite(['panel']);

async function openIssue(issueKey: string): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addCookies([{ name: 'ph_user', value: 'admin@example.com', url: suite.host.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.host.url}/browse/${issueKey}`);
  return page;
}

const doneButton = (page: Page) => page.locator(`#transition-bar .transition-btn[data-transition-id="${DONE_TRANSITION}"]`);
const status = (page: Page) => page.locator('#issue-status');

test('an undecided epic cannot be moved to Done; the message names what is missing; after deciding it moves', async () => {
  const key = await createEpic(suite.host.url, 'Browser gate: underwriting assistant');
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

    await decideHandoff(suite.host.url, key);
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
