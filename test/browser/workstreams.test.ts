/**
 * Workstreams from the panel: create them from the Workstreams tab (the workstream issues and their
 * sub-tasks), see the sub-tasks listed per workstream with status and assignee, move one sub-task to Done
 * in the shell, refresh the panel and see the counts change.
 */
import { type FrameLocator, type Page } from 'playwright-core';
import { addIssuePanel, browserSuite } from '../helpers/browser';
import { createEpic, DONE_TRANSITION } from '../helpers/handoff-fixtures';
import { invoke, ok, searchKeys } from '../helpers/local-api';
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import { DEFAULT_WORKSTREAM_TEMPLATES } from '../../src/domain/policy';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const PANEL = 'iframe[src*="/__ui/panel/"]';
const TEMPLATE_SUBTASKS = DEFAULT_WORKSTREAM_TEMPLATES.reduce((n, t) => n + t.subtasks.length, 0);

const suite = browserSuite(['panel']);

async function workstreamsTab(page: Page, epicKey: string): Promise<FrameLocator> {
  await page.goto(`${suite.host.url}/browse/${epicKey}`);
  await addIssuePanel(page);
  const panel = page.frameLocator(PANEL);
  await panel.getByRole('tab', { name: 'Workstreams' }).click(WAIT);
  await panel.getByTestId('workstreams-progress').waitFor(WAIT);
  return panel;
}

test('create from the panel, see each workstream\'s sub-tasks with status and assignee, finish one in the shell, the counts move', async () => {
  const epic = await createEpic(suite.host.url, 'Browser workstreams: churn model to production');
  const ctx = { context: { issueKey: epic } };
  const view = ok(await invoke(suite.host.url, 'getHandoff', {}, ctx));
  ok(await invoke(suite.host.url, 'setWorkstreamLead', { baseVersion: view.version, workstream: 'compliance-review', accountId: SEED_ACCOUNTS.priya }, ctx));
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 1000 } });
  await context.addCookies([{ name: 'ph_user', value: 'admin@example.com', url: suite.host.url }]);
  const page = await context.newPage();
  try {
    let panel = await workstreamsTab(page, epic);
    expect(await panel.getByTestId('workstreams-progress').textContent()).toBe('0 of 0 workstream issues done');
    const create = panel.getByTestId('create-workstreams');
    expect(await create.textContent()).toBe(`Create workstream issues and ${TEMPLATE_SUBTASKS} sub-tasks`);
    await create.click();
    await panel.getByTestId('workstreams-created').waitFor(WAIT);
    await panel.getByTestId('workstream-issue').nth(4).waitFor(WAIT);
    const issueKeys = await panel.getByTestId('workstream-issue').allTextContents();
    expect(issueKeys).toHaveLength(5);
    expect((await searchKeys(suite.host.url, `parent = ${epic}`)).sort()).toEqual([...issueKeys].sort());
    expect(await panel.getByTestId('workstreams-progress').textContent()).toBe('0 of 5 workstream issues done');
    expect(await panel.getByTestId('subtasks-progress').textContent()).toBe(`0 of ${TEMPLATE_SUBTASKS} sub-tasks done`);
    expect(await panel.getByTestId('subtasks-created').textContent()).toBe(`Created ${TEMPLATE_SUBTASKS} sub-tasks.`);
    // Everything exists now: the button to create them is gone.
    expect(await panel.getByTestId('create-workstreams').count()).toBe(0);

    // The sub-tasks sit under their workstream, in the table, with status and assignee (the lead gets the lead's items).
    const rows = panel.locator('[data-testid="workstream-row"], [data-testid="subtask-row"]');
    const table = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-testid')}|${tr.textContent}`));
    const compliance = table.findIndex((r) => r.startsWith('workstream-row|Compliance review'));
    expect(table[compliance + 1]).toMatch(/^subtask-row\|Privacy impact assessment.*Priya Raman.*To Do/);
    expect(table[compliance + 2]).toMatch(/^subtask-row\|Model card and intended-use statement.*Priya Raman.*To Do/);
    expect(table[compliance + 3]).toMatch(/^subtask-row\|AI governance sign-off.*Unassigned.*To Do/);
    expect(table.filter((r) => r.startsWith('subtask-row'))).toHaveLength(TEMPLATE_SUBTASKS);

    const pia = panel.getByTestId('subtask-row').filter({ hasText: 'Privacy impact assessment' });
    const piaKey = (await pia.getByTestId('subtask-issue').textContent())!;
    await page.goto(`${suite.host.url}/browse/${piaKey}`);
    await Promise.all([page.waitForEvent('load'), page.locator(`.transition-btn[data-transition-id="${DONE_TRANSITION}"]`).click()]);
    await page.locator('#issue-status', { hasText: 'Done' }).waitFor(WAIT);

    panel = await workstreamsTab(page, epic);
    await panel.getByTestId('refresh-workstreams').click();
    await panel.getByText(`1 of ${TEMPLATE_SUBTASKS} sub-tasks done`).waitFor(WAIT);
    const doneRow = panel.getByTestId('subtask-row').filter({ hasText: piaKey });
    expect(await doneRow.textContent()).toMatch(/Done/);
    const complianceRow = panel.getByTestId('workstream-row').filter({ hasText: 'Compliance review' });
    expect(await complianceRow.getByTestId('workstream-subtask-progress').textContent()).toBe('1 of 3 sub-tasks done');
    expect(await panel.getByTestId('workstreams-progress').textContent()).toBe('0 of 5 workstream issues done');
  } finally {
    await context.close();
  }
});
