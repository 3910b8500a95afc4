/**
 * The Production Handoff panel in a browser, against the local host running the app's real handlers:
 * an admin fills a handoff to "ready" through the UI alone; a viewer sees it read-only and is refused
 * by the server too; two people editing at once get a conflict that names the first and keeps input.
 */
import { type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { SEED_KEYS } from '../../local/jira/seed';
import { addIssuePanel, browserSuite, chooseOption } from '../helpers/browser';

jest.setTimeout(60_000);

const PANEL = 'iframe[src*="/__ui/panel/"]';
const WAIT = { timeout: 20_000 };

const suite = browserSuite(['panel']);

async function openAs(email: string, issueKey: string): Promise<{ context: BrowserContext; page: Page; panel: FrameLocator }> {
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addCookies([{ name: 'ph_user', value: email, url: suite.host.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.host.url}/browse/${issueKey}`);
  // Jira shows the panel only once someone added it to the epic with quick-add; an editor adds it.
  if ((await page.locator('.quick-add').count()) > 0) await addIssuePanel(page);
  const panel = page.frameLocator(PANEL);
  await panel.getByTestId('readiness-level').waitFor(WAIT);
  return { context, page, panel };
}

const choose = chooseOption;

async function level(panel: FrameLocator): Promise<string | null> {
  return panel.getByTestId('readiness-level').getAttribute('data-level');
}

async function waitForLevel(panel: FrameLocator, expected: string): Promise<void> {
  await panel.locator(`[data-testid="readiness-level"][data-level="${expected}"]`).waitFor(WAIT);
}

async function addKpi(panel: FrameLocator, kpi: { name: string; category: string; direction: string; horizon: string }): Promise<void> {
  const before = await panel.getByTestId('kpi-row').count();
  await panel.getByTestId('add-kpi').click();
  await panel.locator('#new-kpi-name').fill(kpi.name);
  await choose(panel, 'new-kpi-category-input', kpi.category);
  await choose(panel, 'new-kpi-direction-input', kpi.direction);
  await panel.locator('#new-kpi-target').fill('95');
  await panel.locator('#new-kpi-horizon-count').fill(kpi.horizon);
  await choose(panel, 'new-kpi-status-input', 'Agreed');
  await panel.getByTestId('save-kpi').click();
  await panel.getByTestId('kpi-row').nth(before).waitFor(WAIT);
}

async function invoke(user: string, functionKey: string, payload: unknown, issueKey: string): Promise<{ ok: boolean; data?: { version: number }; error?: { code: string } }> {
  const res = await fetch(`${suite.host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: 'production-handoff-panel', functionKey, payload, context: { issueKey }, user }),
  });
  return (await res.json()) as { ok: boolean; data?: { version: number }; error?: { code: string } };
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

describe('Production Handoff panel', () => {
  it('an admin fills an untouched epic to ready through the panel alone, and it stays ready after a reload', async () => {
    const epic = SEED_KEYS.untouched;
    const { context, page, panel } = await openAs('admin@example.com', epic);
    try {
      await expect(textOf(panel.getByTestId('epic-key'))).resolves.toBe(epic);
      await panel.getByTestId('epic-summary').waitFor(WAIT);
      expect(await textOf(panel.getByTestId('epic-summary'))).toContain('reply drafting');
      expect(await level(panel)).toBe('not-started');
      expect(await panel.getByTestId('missing-list').locator('li').count()).toBeGreaterThanOrEqual(3);

      // 1. a condition, then its decision (sections open folded to one line)
      await panel.locator('#conditions-toggle').click();
      await panel.getByTestId('add-condition').click();
      await panel.getByTestId('save-condition').click();
      await panel.getByTestId('new-condition-name-error').waitFor(WAIT); // client-side check, nothing sent
      await choose(panel, 'new-condition-kind-input', 'Data access');
      await panel.locator('#new-condition-name').fill('Direct read access to the ticket archive');
      await panel.locator('#new-condition-granted-by').fill('Head of Support');
      await panel.getByTestId('save-condition').click();
      const row = panel.getByTestId('condition-row').first();
      await row.waitFor(WAIT);
      if ((await row.getByTestId('save-decision').count()) === 0) await row.locator('button[aria-expanded]').first().click();
      await row.getByText('Make permanent').click();
      await row.getByLabel('Rationale').fill('Drafts need the full ticket thread to be useful.');
      await row.getByLabel('Who sustains it').fill('Support platform team');
      await row.getByTestId('save-decision').click();
      await row.getByTestId('decided-by').waitFor(WAIT);
      expect(await textOf(row.getByTestId('decided-by'))).toContain('Avery Admin');

      // 2. one operational and one business KPI, agreed, with horizons
      await panel.locator('#metrics-toggle').click();
      await addKpi(panel, { name: 'Draft acceptance latency p95', category: 'Latency', direction: 'Lower is better', horizon: '2' });
      await addKpi(panel, { name: 'Tickets resolved with a draft', category: 'Adoption', direction: 'Higher is better', horizon: '1' });

      // 3. delivery owner (saved by Save), then acceptance by that owner
      await panel.locator('#ownership-toggle').click();
      await choose(panel, 'delivery-owner-input', 'Avery', 'Avery Admin');
      await panel.getByTestId('save-owner').click();
      await panel.getByTestId('accept-ownership').click();
      await panel.getByTestId('owner-accepted').waitFor(WAIT);

      await waitForLevel(panel, 'ready');
      expect(await textOf(panel.getByTestId('missing-list'))).toBe('All questions are answered.');

      // The brief reaches the clipboard (or its textarea fallback) and the host shows Forge's flag.
      await panel.getByTestId('copy-brief').click();
      await page.locator('#flags .flag', { hasText: 'Handoff brief copied' }).waitFor(WAIT);

      await page.reload();
      await panel.getByTestId('readiness-level').waitFor(WAIT);
      expect(await level(panel)).toBe('ready');
      await panel.locator('#conditions-toggle').click();
      await panel.locator('#metrics-toggle').click();
      await panel.getByTestId('kpi-row').nth(1).waitFor(WAIT);
      expect(await panel.getByTestId('condition-row').count()).toBe(1);
      expect(await panel.getByTestId('kpi-row').count()).toBe(2);
    } finally {
      await context.close();
    }
  });

  it('a viewer sees the panel read-only, and the server refuses their direct save', async () => {
    const epic = SEED_KEYS.ready;
    const before = await invoke('admin@example.com', 'getHandoff', {}, epic);
    expect(before.ok).toBe(true);

    const { context, panel } = await openAs('viewer@example.com', epic);
    try {
      await panel.getByTestId('read-only-note').waitFor(WAIT);
      expect(await textOf(panel.getByTestId('read-only-note'))).toContain('editing needs Edit issues permission');
      expect(await panel.locator('[data-testid^="save-"]').count()).toBe(0);
      expect(await panel.locator('[data-testid^="add-"]').count()).toBe(0);
      expect(await panel.getByRole('button', { name: /Edit|Remove|Save/ }).count()).toBe(0);
    } finally {
      await context.close();
    }

    const refused = await invoke('viewer@example.com', 'saveCondition', { baseVersion: before.data!.version, condition: { kind: 'tooling', name: 'Sneaky condition' } }, epic);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const after = await invoke('admin@example.com', 'getHandoff', {}, epic);
    expect(after.data!.version).toBe(before.data!.version);
    expect(JSON.stringify(after.data)).not.toContain('Sneaky condition');
  });

  it('two editors adding conditions at once both save (different items never conflict), and each panel shows both', async () => {
    const epic = SEED_KEYS.mostlyWithdrawn;
    const admin = await openAs('admin@example.com', epic);
    const lead = await openAs('lead@example.com', epic);
    try {
      for (const { panel } of [admin, lead]) {
        await panel.locator('#conditions-toggle').click();
        await panel.getByTestId('condition-row').first().waitFor(WAIT);
      }
      const rowsBefore = await admin.panel.getByTestId('condition-row').count();
      for (const { panel } of [admin, lead]) {
        await panel.getByTestId('add-condition').click();
        await choose(panel, 'new-condition-kind-input', 'Tooling');
      }
      await admin.panel.locator('#new-condition-name').fill('Admin: sandbox GPU quota');
      await lead.panel.locator('#new-condition-name').fill('Lead: weekly vendor call');

      await admin.panel.getByTestId('save-condition').click();
      await admin.panel.getByTestId('condition-row').nth(rowsBefore).waitFor(WAIT);
      // The lead's screen is one version behind; the lead's change touches no item the admin changed.
      await lead.panel.getByTestId('save-condition').click();
      await lead.panel.getByTestId('condition-row').nth(rowsBefore + 1).waitFor(WAIT);
      expect(await lead.panel.getByTestId('error-banner').count()).toBe(0);
      for (const name of ['Admin: sandbox GPU quota', 'Lead: weekly vendor call']) {
        expect(await lead.panel.getByTestId('condition-row').filter({ hasText: name }).count()).toBe(1);
      }
      const stored = await invoke('admin@example.com', 'getHandoff', {}, epic);
      expect(JSON.stringify(stored.data)).toContain('Admin: sandbox GPU quota');
      expect(JSON.stringify(stored.data)).toContain('Lead: weekly vendor call');
    } finally {
      await admin.context.close();
      await lead.context.close();
    }
  });

  it('creates the five workstream issues from the Workstreams tab and lists them with their status', async () => {
    const { context, panel } = await openAs('admin@example.com', SEED_KEYS.stalled);
    try {
      await panel.getByRole('tab', { name: 'Workstreams' }).click();
      await panel.getByTestId('workstream-row').first().waitFor(WAIT);
      expect(await panel.getByTestId('workstream-row').count()).toBe(5);
      const create = panel.getByTestId('create-workstreams');
      expect(await panel.getByTestId('workstream-issue').count()).toBeLessThan(5);
      await create.click();
      await panel.getByTestId('workstreams-created').waitFor(WAIT);
      expect(await panel.getByTestId('workstream-issue').count()).toBe(5);
      expect(await create.count()).toBe(0);
      expect(await textOf(panel.getByTestId('workstreams-progress'))).toMatch(/^\d of 5 workstream issues done$/);
    } finally {
      await context.close();
    }
  });
});
