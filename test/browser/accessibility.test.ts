/**
 * Accessibility of every Custom UI screen, checked with axe-core inside the real pages (the iframes the
 * local host serves): no WCAG 2.1 A/AA violations in the panel (viewing, with its forms open, the
 * Workstreams tab with the seeded sub-tasks and after a creation), the readiness report and its settings
 * (with a template's sub-task editor and the condition-to-workstream choices), the gate's configuration screen, and the readiness glance in the
 * issue sidebar (jira:issueContext).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { browserSuite } from '../helpers/browser';
import { invoke, ok } from '../helpers/local-api';

jest.setTimeout(90_000);
const WAIT = { timeout: 20_000 };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const suite = browserSuite(['panel', 'report', 'validator-config', 'issue-context']);

/** Violations inside the app's iframe, as "rule (impact): targets" lines so a failure says what to fix. */
async function violations(page: Page, frameSelector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(frameSelector).withTags(WCAG).analyze();
  // Proof the check looked inside the frame, not only at the empty iframe element.
  const inFrame = [...result.passes, ...result.violations].flatMap((r) => r.nodes).filter((n) => n.target.length > 1);
  expect(inFrame.length).toBeGreaterThan(20);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

const PANEL = 'iframe[src*="/__ui/panel/"]';
const REPORT = 'iframe[src*="/__ui/report/"]';
const CONFIG = 'iframe[src*="/__ui/validator-config/"]';
const GLANCE = 'iframe[src*="/__ui/issue-context/"]';

test('the panel, as an editor with its forms open and as a viewer', async () => {
  const { context, page } = await suite.open('admin@example.com', `/browse/${SEED_KEYS.nearlyReady}`);
  try {
    const panel = page.frameLocator(PANEL);
    await panel.getByTestId('readiness-level').waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
    for (const add of ['add-condition', 'add-metric', 'add-kpi']) await panel.getByTestId(add).click();
    await panel.locator('form').nth(2).waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
    await panel.getByRole('tab', { name: 'Workstreams' }).click();
    await panel.getByTestId('subtask-row').first().waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
    await panel.getByRole('tab', { name: 'History' }).click();
    await panel.getByTestId('history-list').waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
  } finally {
    await context.close();
  }
  const viewer = await suite.open('viewer@example.com', `/browse/${SEED_KEYS.mostlyWithdrawn}`);
  try {
    await viewer.page.frameLocator(PANEL).getByTestId('read-only-note').waitFor(WAIT);
    expect(await violations(viewer.page, PANEL)).toEqual([]);
  } finally {
    await viewer.context.close();
  }
});

test('the readiness report and its settings', async () => {
  const { context, page } = await suite.open('admin@example.com', '/projects/AIP/apps/readiness-report');
  try {
    const report = page.frameLocator(REPORT);
    await report.getByTestId('report-row').first().waitFor(WAIT);
    expect(await violations(page, REPORT)).toEqual([]);
    await report.getByTestId('tab-settings').click();
    await report.getByTestId('settings-save').waitFor(WAIT);
    await report.getByTestId('template-compliance-review-add-subtask').click();
    await report.getByTestId('condition-workstream-permission').waitFor(WAIT);
    expect(await violations(page, REPORT)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the gate's configuration screen", async () => {
  const { context, page } = await suite.open('admin@example.com', '/projects/AIP/settings/workflow');
  try {
    const id = await page.locator('#validator-rules tr[data-rule-id]', { hasText: 'Production handoff decided' }).first().getAttribute('data-rule-id');
    await page.goto(`${suite.host.url}/projects/AIP/settings/workflow?edit=${id}`);
    await page.frameLocator(CONFIG).locator('#scope-label').waitFor(WAIT);
    await page.frameLocator(CONFIG).locator('[data-testid="require-subtasks--hidden-checkbox"]').waitFor({ ...WAIT, state: 'attached' });
    expect(await violations(page, CONFIG)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the readiness glance in the issue sidebar', async () => {
  for (const [email, key] of [['admin@example.com', SEED_KEYS.nearlyReady], ['viewer@example.com', SEED_KEYS.untouched]] as const) {
    const { context, page } = await suite.open(email, `/browse/${key}`);
    try {
      await page.locator('.issue-context[data-module-key="production-handoff-glance"] .issue-context-toggle').click();
      await page.frameLocator(GLANCE).getByTestId('glance-next-step').waitFor(WAIT);
      expect(await violations(page, GLANCE)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

test('the Workstreams tab right after a creation, with its result and a sub-task no longer needed', async () => {
  const { context, page } = await suite.open('admin@example.com', `/browse/${SEED_KEYS.ready}`);
  try {
    const panel = page.frameLocator(PANEL);
    await panel.getByTestId('readiness-level').waitFor(WAIT);
    await panel.getByRole('tab', { name: 'Workstreams' }).click();
    await panel.getByTestId('create-workstreams').click(WAIT);
    await panel.getByTestId('workstreams-created').waitFor(WAIT);
    await panel.getByTestId('subtask-row').first().waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
    // The withdrawn condition is undecided again: its sub-task stays, marked for someone to close.
    const ctx = { context: { issueKey: SEED_KEYS.ready } };
    const view = ok(await invoke(suite.host.url, 'getHandoff', {}, ctx));
    const withdrawn = view.record!.conditions.find((c) => c.decision.status === 'withdrawn')!;
    ok(await invoke(suite.host.url, 'decideCondition', { baseVersion: view.version, conditionId: withdrawn.id, decision: { status: 'undecided' } }, ctx));
    await panel.getByTestId('refresh-workstreams').click();
    await panel.getByTestId('subtask-no-longer-needed').waitFor(WAIT);
    expect(await violations(page, PANEL)).toEqual([]);
  } finally {
    await context.close();
  }
});
