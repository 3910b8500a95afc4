/**
 * Workstreams from the panel: create them from the Workstreams tab, see five linked issues with their
 * status, move one to Done in the shell, refresh the panel and see the progress change.
 */
import { type FrameLocator, type Page } from 'playwright-core';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import { createEpic, DONE_TRANSITION } from '../helpers/handoff-fixtures';
import { searchKeys } from '../helpers/local-api';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';

const suite = browserSuite(['panel']);

async function workstreamsTab(page: Page, epicKey: string): Promise<FrameLocator> {
  await page.goto(`${suite.host.url}/browse/${epicKey}`);
  await addIssuePanel(page);
  const panel = page.frameLocator(PANEL);
  await panel.getByRole('tab', { name: 'Workstreams' }).click(WAIT);
  await panel.getByTestId('workstreams-progress').waitFor(WAIT);
  return panel;
}

test('create from the panel, see five issues with status, finish one in the shell, progress moves', async () => {
  const epic = await createEpic(suite.host.url, 'Browser workstreams: churn model to production');
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 1000 } });
  await context.addCookies([{ name: 'ph_user', value: 'admin@example.com', url: suite.host.url }]);
  const page = await context.newPage();
  try {
    let panel = await workstreamsTab(page, epic);
    expect(await panel.getByTestId('workstreams-progress').textContent()).toContain('0 of 0 done');
    await panel.getByTestId('create-workstreams').click();
    await panel.getByTestId('workstreams-created').waitFor(WAIT);
    await panel.getByTestId('workstream-issue').nth(4).waitFor(WAIT);
    const issueKeys = await panel.getByTestId('workstream-issue').allTextContents();
    expect(issueKeys).toHaveLength(5);
    expect((await searchKeys(suite.host.url, `parent = ${epic}`)).sort()).toEqual([...issueKeys].sort());
    expect(await panel.getByTestId('workstreams-progress').textContent()).toContain('0 of 5 done');
    const rows = panel.getByTestId('workstream-row');
    expect(await rows.first().textContent()).toMatch(/To Do/);
    // Everything exists now: the button to create them is gone.
    expect(await panel.getByTestId('create-workstreams').count()).toBe(0);

    await page.goto(`${suite.host.url}/browse/${issueKeys[0]}`);
    await Promise.all([page.waitForEvent('load'), page.locator(`.transition-btn[data-transition-id="${DONE_TRANSITION}"]`).click()]);
    await page.locator('#issue-status', { hasText: 'Done' }).waitFor(WAIT);

    panel = await workstreamsTab(page, epic);
    await panel.getByTestId('refresh-workstreams').click();
    await panel.getByText('1 of 5 done').waitFor(WAIT);
    const doneRow = panel.getByTestId('workstream-row').filter({ hasText: issueKeys[0] });
    expect(await doneRow.textContent()).toMatch(/Done/);
  } finally {
    await context.close();
  }
});
