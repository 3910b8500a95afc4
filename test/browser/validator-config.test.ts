/**
 * The gate's configuration screens in a real browser: an admin edits the seeded gate rule on the
 * project's workflow page, the screen hands its configuration to Jira through
 * workflowRules.onConfigure, and the gate then decides with exactly that configuration.
 * Needs the Custom UI built (npm run build) and /usr/bin/chromium.
 */
import { type BrowserContext, type Frame, type Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { SEED_KEYS, TRANSITION_IDS } from '../../local/jira/seed';

jest.setTimeout(120_000);

const ADMIN = 'admin@example.com';
const WORKFLOW = '/projects/AIP/settings/workflow';
const NEW_LABEL = 'ai-pilot-gate';

const suite = browserSuite(['validator-config']);

function jira(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${suite.host.url}/rest/api/3${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Basic ${Buffer.from(`${ADMIN}:token`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function openAs(email: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext();
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(email), url: suite.host.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.host.url}${path}`);
  return { context, page };
}

async function configFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().includes('/__ui/validator-config/'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('No validator-config frame');
}

/** The gate rule's row on the workflow page: its id and the configuration Jira stored. */
async function gateRule(page: Page): Promise<{ id: string; configuration: unknown }> {
  const row = page.locator('#validator-rules tr[data-rule-id]', { hasText: 'Production handoff decided' }).first();
  const id = (await row.getAttribute('data-rule-id'))!;
  const configuration = JSON.parse((await row.locator('code.config').textContent()) ?? 'null');
  return { id, configuration };
}

describe('gate configuration screens', () => {
  it('shows the stored scope label, saves an edited one, and the gate decides with it', async () => {
    const { context, page } = await openAs(ADMIN, WORKFLOW);
    try {
      const rule = await gateRule(page);
      expect(rule.configuration).toMatchObject({ scopeLabel: 'ai-initiative' });
      await page.goto(`${suite.host.url}${WORKFLOW}?edit=${rule.id}`);
      const frame = await configFrame(page);
      const scope = frame.locator('#scope-label');
      await scope.waitFor();
      expect(await scope.inputValue()).toBe('ai-initiative');

      // A label with a space is refused by the screen the way Jira documents: onConfigure returns undefined,
      // the dialog stays open, the screen itself says why, and Jira keeps the old configuration.
      await scope.fill('ai pilot');
      expect(await frame.locator('#scope-label-error').textContent()).toContain('no spaces');
      await page.click('#save-config');
      await page.waitForFunction(`document.getElementById('config-error')?.hasAttribute('data-outcome')`);
      expect(await page.locator('#config-error').getAttribute('data-outcome')).toBe('blocked');
      expect(await frame.locator('[data-testid="config-not-saved"]').textContent()).toContain('no spaces');
      await page.goto(`${suite.host.url}${WORKFLOW}`);
      expect((await gateRule(page)).configuration).toEqual(rule.configuration);

      await page.goto(`${suite.host.url}${WORKFLOW}?edit=${rule.id}`);
      const editFrame = await configFrame(page);
      await editFrame.locator('#scope-label').fill(NEW_LABEL);
      await editFrame.locator('[data-testid="require-workstreams--hidden-checkbox"]').check();
      await Promise.all([page.waitForURL(/\/settings\/workflow$/), page.click('#save-config')]);
      const saved = await gateRule(page);
      expect(saved.configuration).toEqual({ scopeLabel: NEW_LABEL, requireWorkstreamsDone: true });
    } finally {
      await context.close();
    }

    // AIP-7 has no handoff record and not the old label: only the new scope label brings it under the gate.
    const labelled = await jira(`/issue/${SEED_KEYS.unlabelledEpic}`, { method: 'PUT', body: { update: { labels: [{ add: NEW_LABEL }] } } });
    expect(labelled.status).toBe(204);
    const transition = await jira(`/issue/${SEED_KEYS.unlabelledEpic}/transitions`, { method: 'POST', body: { transition: { id: TRANSITION_IDS.done } } });
    const body = (await transition.json()) as { errorMessages?: string[]; errors?: Record<string, string> };
    expect(transition.status).toBe(400);
    expect([...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})].join(' ')).toContain(SEED_KEYS.unlabelledEpic);
  });

  it('shows the defaults on the view screen of a rule added without configuration (old workflow editor)', async () => {
    const { context, page } = await openAs(ADMIN, WORKFLOW);
    try {
      // The old workflow editor has no create screen for a function validator: the rule is added bare.
      await page.selectOption('select[name="transitionId"]', TRANSITION_IDS.inProgress);
      await Promise.all([page.waitForURL(/\/settings\/workflow$/), page.click('#add-without-configuration')]);
      const row = page.locator('#validator-rules tr[data-rule-id]', { hasText: 'In Progress' }).first();
      const id = await row.getAttribute('data-rule-id');
      await page.goto(`${suite.host.url}${WORKFLOW}?view=${id}`);
      const frame = await configFrame(page);
      const summary = frame.locator('[data-testid="gate-config-summary"]');
      await summary.waitFor();
      const text = (await summary.textContent()) ?? '';
      expect(text).toContain('No configuration saved: the defaults apply');
      expect(text).toContain('scope: label ai-initiative');
      expect(text).toContain("the project's KPI minimums");
      expect(text).toContain("the project's owner-acceptance rule");
    } finally {
      await context.close();
    }
  });

  it('describes the configuration in one line on the view screen', async () => {
    const { context, page } = await openAs(ADMIN, WORKFLOW);
    try {
      const rule = await gateRule(page);
      await page.goto(`${suite.host.url}${WORKFLOW}?view=${rule.id}`);
      const frame = await configFrame(page);
      const summary = frame.locator('[data-testid="gate-config-summary"]');
      await summary.waitFor();
      const text = await summary.textContent();
      expect(text).toContain('Blocks Done until pilot conditions, KPIs and the delivery owner are decided');
      expect(text).toContain(`scope: label ${(rule.configuration as { scopeLabel: string }).scopeLabel}`);
    } finally {
      await context.close();
    }
  });
});
