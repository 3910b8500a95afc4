/**
 * Issue 13, the panel (items 1-8) and the brief (item 12), in a browser against the local host: the next
 * action first, compact by default, Done as a milestone, one save pattern, the KPI form, words for people,
 * ordinary epics left alone, two editors of different conditions, and a brief that pastes as a table.
 */
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { SEED_ACCOUNTS, SEED_KEYS } from '../../local/jira/seed';
import type { HandoffView } from '../../src/shared/contract';
import { addIssuePanel, browserSuite, chooseOption } from '../helpers/browser';
import { createEpic } from '../helpers/handoff-fixtures';
import { invoke, ok } from '../helpers/local-api';

jest.setTimeout(120_000);

const ADMIN = 'admin@example.com';
const LEAD = 'lead@example.com';
const MARCUS = 'marcus@example.com';
const PANEL = 'iframe[src*="/__ui/panel/"]';
const GLANCE = 'iframe[src*="/__ui/issue-context/"]';
const WAIT = { timeout: 20_000 };

const suite = browserSuite(['panel', 'issue-context']);

interface Opened {
  context: BrowserContext;
  page: Page;
  panel: FrameLocator;
  frame: () => Frame;
}

async function openPanel(email: string, issueKey: string, ready = 'readiness-level'): Promise<Opened> {
  const { context, page } = await suite.open(email, `/browse/${issueKey}`);
  if ((await page.locator('.quick-add[data-module-key="production-handoff-panel"]').count()) > 0) await addIssuePanel(page);
  const panel = page.frameLocator(PANEL);
  await panel.getByTestId(ready).waitFor(WAIT);
  const frame = () => {
    const found = page.frames().find((f) => f.url().includes('/__ui/panel/'));
    if (!found) throw new Error('The panel frame is not on the page');
    return found;
  };
  return { context, page, panel, frame };
}

const focusedId = (o: Opened) => o.frame().evaluate<string>("document.activeElement?.id ?? ''");
const text = async (o: Opened, testId: string) => (await o.panel.getByTestId(testId).innerText()).trim();
const view = (issueKey: string, user = ADMIN) => invoke(suite.host.url, 'getHandoff', {}, { context: { issueKey }, user }).then(ok) as Promise<HandoffView>;

/** Waits until `read` gives `expected` (a focus moves, a re-render lands), then checks it once more so a failure shows both. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const until = Date.now() + WAIT.timeout;
  while (Date.now() < until && !Object.is(await read(), expected)) await new Promise((r) => setTimeout(r, 100));
  expect(await read()).toEqual(expected);
}

/** The frame's height once the shell has sized it to its content (it follows the frame's resize messages). */
async function settledHeight(page: Page): Promise<number> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const box = await page.locator(PANEL).boundingBox();
    const height = Math.round(box?.height ?? 0);
    if (height > 0 && height === last) return height;
    last = height;
    await page.waitForTimeout(250);
  }
  return last;
}

const choose = chooseOption;

/** A fresh initiative with two undecided conditions, recorded through the resolvers. */
async function epicWithTwoConditions(summary: string): Promise<{ key: string; view: HandoffView }> {
  const key = await createEpic(suite.host.url, summary);
  const ctx = { context: { issueKey: key }, user: ADMIN };
  let v = ok(await invoke(suite.host.url, 'saveCondition', { baseVersion: 0, condition: { kind: 'data-access', name: 'Direct claims DB access' } }, ctx));
  v = ok(await invoke(suite.host.url, 'saveCondition', { baseVersion: v.version, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, ctx));
  return { key, view: v };
}

test('item 2: AIP-1 opens compact, each section one line with its status, the panel at most 900 px tall; rows show details on expand', async () => {
  const o = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
  try {
    expect(await text(o, 'conditions-chip')).toBe('3 of 4 decided');
    expect(await text(o, 'metrics-chip')).toBe('5 agreed · 3 operational, 2 business ✓');
    expect(await text(o, 'ownership-chip')).toBe('Owner: Marcus Webb, waiting for acceptance');
    expect(await o.panel.getByTestId('condition-row').count()).toBe(0);
    const height = await settledHeight(o.page);
    expect(height).toBeGreaterThan(200);
    expect(height).toBeLessThanOrEqual(900);

    await o.panel.locator('#conditions-toggle').click();
    await o.panel.getByTestId('condition-row').first().waitFor(WAIT);
    expect(await o.panel.getByTestId('condition-row').count()).toBe(4);
    expect(await o.panel.getByTestId('decided-by').count()).toBe(0);
    const first = o.panel.getByTestId('condition-row').first();
    expect(await first.locator('button[aria-expanded]').first().getAttribute('aria-expanded')).toBe('false');
    await first.locator('button[aria-expanded]').first().click();
    await first.getByTestId('decided-by').waitFor(WAIT);
  } finally {
    await o.context.close();
  }
});

test('item 1: each "Still open" line is a link that focuses the field that answers it', async () => {
  const o = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
  try {
    const v = await view(SEED_KEYS.nearlyReady);
    const undecided = v.record!.conditions.find((c) => c.decision.status === 'undecided')!;
    const links = o.panel.getByTestId('missing-list').getByRole('button');
    expect(await links.count()).toBe(2);
    await o.panel.getByRole('button', { name: /1 pilot condition has no decision/ }).click();
    await o.panel.locator(`[data-condition-id="${undecided.id}"] form`).waitFor(WAIT);
    await eventually(() => focusedId(o), `decision-${undecided.id}-undecided`);

    await o.panel.getByRole('button', { name: 'Marcus Webb has not yet accepted delivery ownership.' }).click();
    await eventually(() => focusedId(o), 'delivery-owner-input');
  } finally {
    await o.context.close();
  }
});

test('item 5: KPI values show their unit once; the form keeps number and unit apart, groups categories, says the KPI in one line', async () => {
  const { key } = await epicWithTwoConditions('KPI form in a browser');
  ok(await invoke(suite.host.url, 'saveKpi', { baseVersion: (await view(key)).version, kpi: { name: 'p95 triage latency', category: 'latency', direction: 'lower-is-better', baseline: '2.4 s', target: '1.5 s', unit: 's', horizon: { count: 1, unit: 'quarter' }, status: 'agreed' } }, { context: { issueKey: key } }));
  const o = await openPanel(ADMIN, key);
  try {
    await o.panel.locator('#metrics-toggle').click();
    const line = o.panel.getByTestId('kpi-line').first();
    await line.waitFor(WAIT);
    expect((await line.innerText()).trim()).toBe('2.4 s → 1.5 s over 1 quarter, lower is better');

    await o.panel.getByTestId('add-kpi').click();
    await o.panel.locator('#new-kpi-category-input').click();
    // Grouped as the rule counts them.
    await o.panel.getByText('Operational', { exact: true }).waitFor(WAIT);
    await o.panel.getByText('Business', { exact: true }).waitFor(WAIT);
    await o.panel.locator('#new-kpi-category-input').press('Escape');
    expect(await o.panel.getByText('A proposed KPI does not count until it is agreed.').count()).toBeGreaterThan(0);

    await o.panel.locator('#new-kpi-name').fill('Straight-through claims');
    await choose(o.panel, 'new-kpi-category-input', 'Business outcome');
    await o.panel.locator('#new-kpi-baseline').fill('62%');
    await o.panel.locator('#new-kpi-target').fill('75');
    await choose(o.panel, 'new-kpi-direction-input', 'Higher is better');
    await o.panel.locator('#new-kpi-horizon-count').fill('2');
    await eventually(async () => (await o.panel.getByTestId('kpi-sentence').innerText()).trim(), '62% → 75% over 2 quarters, higher is better');
    await o.panel.getByTestId('save-kpi').click();
    await o.panel.getByTestId('kpi-line').nth(1).waitFor(WAIT);
    expect((await o.panel.getByTestId('kpi-line').nth(1).innerText()).trim()).toBe('62% → 75% over 2 quarters, higher is better');
    const saved = (await view(key)).record!.kpis.find((k) => k.name === 'Straight-through claims')!;
    expect([saved.baseline, saved.target, saved.unit]).toEqual(['62', '75', '%']);
    for (const shown of await o.panel.getByTestId('kpi-line').allInnerTexts()) expect(shown).not.toMatch(/%\s*%|\bs s\b|days days/);
  } finally {
    await o.context.close();
  }
});

test('item 5 on the demo: no KPI of AIP-1 shows its unit twice', async () => {
  const o = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
  try {
    const toggle = o.panel.locator('#metrics-toggle');
    if ((await toggle.count()) > 0) await toggle.click();
    await o.panel.getByTestId('kpi-row').first().waitFor(WAIT);
    const section = await o.panel.getByTestId('metrics-section').innerText();
    expect(section).not.toMatch(/%\s*%|\bs s\b|days days/);
    expect(section).toContain('2.4 s → 1.5 s over 1 quarter, lower is better');
    expect(section).toContain('94% (pilot sample) → 92% over 2 quarters, higher is better');
  } finally {
    await o.context.close();
  }
});

test('item 4: one save pattern: Save and Cancel, no save while Undecided, a success flag, focus back on the changed row', async () => {
  const { key, view: v } = await epicWithTwoConditions('One save pattern');
  const condition = v.record!.conditions[0];
  const o = await openPanel(ADMIN, key);
  try {
    await o.panel.locator('#conditions-toggle').click();
    const row = o.panel.locator(`[data-condition-id="${condition.id}"]`);
    await row.locator(`#condition-${condition.id}-toggle`).click();
    const save = row.getByTestId('save-decision');
    await save.waitFor(WAIT);
    expect(await save.isDisabled()).toBe(true);
    await row.getByText('Withdraw').click();
    expect(await save.isDisabled()).toBe(false);
    await row.getByLabel('Rationale').fill('Production reads the governed feed.');
    await row.getByLabel('Production path').fill('Standard data request');
    await row.getByLabel('Lead time (days)').fill('20');
    await save.click();
    await o.page.locator('#flags .flag', { hasText: 'Decision saved' }).waitFor(WAIT);
    await row.getByTestId('decided-by').waitFor(WAIT);
    await eventually(() => focusedId(o), `condition-${condition.id}-toggle`);

    // Change decision has Cancel, and Cancel keeps the decision.
    await row.getByRole('button', { name: `Change decision for ${condition.name}` }).click();
    await row.getByTestId('cancel-decision').click();
    await row.getByTestId('decided-by').waitFor(WAIT);
    expect(await row.getByTestId('condition-decision').innerText()).toBe('Withdrawn');

    // A picked owner is saved by Save, dropped by Cancel.
    await o.panel.locator('#ownership-toggle').click();
    await choose(o.panel, 'delivery-owner-input', 'Lee', 'Lee Lead');
    await o.panel.getByRole('button', { name: 'Cancel' }).first().click();
    expect(await o.panel.getByTestId('save-owner').count()).toBe(0);
    expect((await view(key)).record!.ownership.deliveryOwner).toBeUndefined();
    await choose(o.panel, 'delivery-owner-input', 'Lee', 'Lee Lead');
    await o.panel.getByTestId('save-owner').click();
    await o.page.locator('#flags .flag', { hasText: 'Delivery owner saved' }).waitFor(WAIT);
    expect((await view(key)).record!.ownership.deliveryOwner?.accountId).toBe(SEED_ACCOUNTS.lead);
  } finally {
    await o.context.close();
  }
});

test('item 8: two editors deciding different conditions both save; the same condition is refused with who and when', async () => {
  const { key, view: v } = await epicWithTwoConditions('Two editors');
  const [first, second] = v.record!.conditions;
  const admin = await openPanel(ADMIN, key);
  const lead = await openPanel(LEAD, key);
  const decide = async (o: Opened, conditionId: string, rationale: string) => {
    const row = o.panel.locator(`[data-condition-id="${conditionId}"]`);
    if ((await row.count()) === 0 || !(await row.isVisible())) await o.panel.locator('#conditions-toggle').click();
    if ((await row.getByTestId('save-decision').count()) === 0) await row.locator(`#condition-${conditionId}-toggle`).click();
    await row.getByText('Make permanent').click();
    await row.getByLabel('Rationale').fill(rationale);
    await row.getByLabel('Who sustains it').fill('Data platform team');
    await row.getByTestId('save-decision').click();
    return row;
  };
  try {
    // Both opened the same version; neither reloads.
    await (await decide(admin, first.id, 'Admin: needed in production')).getByTestId('decided-by').waitFor(WAIT);
    const leadRow = await decide(lead, second.id, 'Lead: needed in production');
    await leadRow.getByTestId('decided-by').waitFor(WAIT);
    expect(await lead.panel.getByTestId('error-banner').count()).toBe(0);
    // The lead's panel now shows the admin's decision too.
    await eventually(() => lead.panel.locator(`[data-condition-id="${first.id}"]`).getByTestId('condition-decision').innerText(), 'Permanent');
    const after = (await view(key)).record!.conditions.map((c) => c.decision.status);
    expect(after).toEqual(['permanent', 'permanent']);

    // The same condition: the admin's screen still shows it undecided, the lead decided it meanwhile. Refused, naming who and when.
    const adminRow = admin.panel.locator(`[data-condition-id="${second.id}"]`);
    expect(await adminRow.getByTestId('condition-decision').innerText()).toBe('Undecided');
    await adminRow.locator(`#condition-${second.id}-toggle`).click();
    await adminRow.getByText('Withdraw').click();
    await adminRow.getByLabel('Rationale').fill('Admin: withdraw it');
    await adminRow.getByLabel('Production path').fill('Quarterly review');
    await adminRow.getByLabel('Lead time (days)').fill('30');
    await adminRow.getByTestId('save-decision').click();
    const banner = adminRow.locator('[data-testid="error-banner"][data-error-code="CONFLICT"]');
    await banner.waitFor(WAIT);
    expect(await banner.innerText()).toMatch(/Lee Lead changed the decision on “Vendor sandbox” (at|on) .+, after you opened it/);
    expect(await adminRow.getByLabel('Rationale').inputValue()).toBe('Admin: withdraw it');

    // Reload latest keeps what the admin typed; saving again now builds on the lead's decision and succeeds.
    await banner.getByRole('button', { name: 'Reload latest' }).click();
    await banner.waitFor({ state: 'detached', ...WAIT });
    expect(await adminRow.getByLabel('Rationale').inputValue()).toBe('Admin: withdraw it');
    await adminRow.getByTestId('save-decision').click();
    await eventually(async () => (await view(key)).record!.conditions[1].decision.status, 'withdrawn');
  } finally {
    await admin.context.close();
    await lead.context.close();
  }
});

test('item 3: a shipped epic shows the milestone; an answered epic asks for the pilot close date, and takes it', async () => {
  const shipped = await openPanel(ADMIN, SEED_KEYS.shipped);
  try {
    expect(await text(shipped, 'shipped-line')).toMatch(/^Shipped on \d{1,2} [A-Z][a-z]{2} \d{4} · (\d+ of \d+ workstreams done|no workstream issues)$/);
    expect(await shipped.panel.getByTestId('pilot-clock').count()).toBe(0);
  } finally {
    await shipped.context.close();
  }
  const o = await openPanel(LEAD, SEED_KEYS.ready);
  try {
    const ask = o.panel.getByTestId('pilot-closed-on');
    await ask.waitFor(WAIT);
    expect(await ask.innerText()).toContain('Moving the epic to Done asks when the pilot actually closed');
    await o.panel.locator('#pilot-closed-on').fill('2026-11-20');
    await o.panel.getByTestId('save-pilot-closed-on').click();
    await ask.waitFor({ state: 'detached', ...WAIT });
    expect((await view(SEED_KEYS.ready)).record!.pilot.actualCloseDate).toBe('2026-11-20');
  } finally {
    await o.context.close();
  }
});

test('item 6: words for people: weak commitment, advice on long horizons, dates as people write them, history in sentences', async () => {
  const withdrawn = await openPanel(ADMIN, SEED_KEYS.mostlyWithdrawn);
  try {
    expect(await text(withdrawn, 'ship-signal')).toContain('Weak commitment: 3 of 4 pilot exceptions withdrawn');
    expect(await withdrawn.frame().evaluate<string>('document.body.innerText')).not.toMatch(/ship signal/i);
  } finally {
    await withdrawn.context.close();
  }
  const o = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
  try {
    expect(await text(o, 'kpi-flags')).toBe('Average claim handling time is judged over 3 quarters: add an interim checkpoint before the next quarterly review.');
    await o.panel.locator('#conditions-toggle').click();
    await o.panel.locator('#pilot-toggle').click();
    const first = o.panel.getByTestId('condition-row').first();
    await first.locator('button[aria-expanded]').first().click();
    expect(await first.getByTestId('decided-by').innerText()).toMatch(/^Decided by Lee Lead on \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await text(o, 'pilot-chip')).toMatch(/^Closes \d{1,2} [A-Z][a-z]{2} \d{4} · champion Priya Raman$/);

    await o.panel.getByRole('tab', { name: 'History' }).click();
    await o.panel.getByTestId('history-list').waitFor(WAIT);
    const history = await o.panel.getByTestId('history-list').innerText();
    expect(history).not.toMatch(/version \d/i);
    expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(history).toContain('Changed the decision of condition “Direct read access to the claims database” from Undecided to Withdrawn.');
    expect(history).toContain('Added the KPI “Adjuster adoption”.');
  } finally {
    await o.context.close();
  }
});

test('item 7: an ordinary epic shows one line, not four open questions, in the panel and the sidebar', async () => {
  const key = await createEpic(suite.host.url, 'Q4 platform upgrades', []);
  const o = await openPanel(ADMIN, key, 'not-tracked');
  try {
    expect(await text(o, 'not-tracked')).toContain('Track a production handoff for this epic?');
    expect(await o.panel.getByTestId('missing-list').count()).toBe(0);
    await o.page.locator('.issue-context[data-module-key="production-handoff-glance"] .issue-context-toggle').click();
    const glance = o.page.frameLocator(GLANCE);
    await glance.getByTestId('glance-not-tracked').waitFor(WAIT);
    expect(await glance.getByTestId('glance-open-questions').count()).toBe(0);

    await o.panel.getByTestId('track-handoff').click();
    await o.panel.getByTestId('missing-list').waitFor(WAIT);
    await o.panel.getByTestId('add-condition').waitFor(WAIT);
  } finally {
    await o.context.close();
  }
});

test('item 12: "Copy handoff brief" copies HTML and Markdown together; the HTML renders as tables with a link to the epic', async () => {
  const o = await openPanel(ADMIN, SEED_KEYS.nearlyReady);
  try {
    const frameOrigin = new URL(o.frame().url()).origin;
    await o.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: frameOrigin });
    await o.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.host.url });
    await o.panel.getByTestId('copy-brief').click();
    await o.page.locator('#flags .flag', { hasText: 'Handoff brief copied' }).waitFor(WAIT);
    // The frame may write the clipboard, not read it (Forge's frames allow clipboard-write only): read it from the page.
    const copied = await o.page.evaluate<{ types: string[]; html: string | null; text: string | null }>(`(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
      return { types: [...item.types], html: await read('text/html'), text: await read('text/plain') };
    })()`);
    expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(copied.text).toMatch(/^# Production handoff: AIP-1 /);

    // What a paste into Confluence or a mail renders: the HTML flavour, in a page of its own.
    const rendered = await o.context.newPage();
    await rendered.setContent(`<!doctype html><body>${copied.html}</body>`);
    const tables = rendered.locator('table');
    expect(await tables.count()).toBeGreaterThanOrEqual(2);
    expect(await tables.first().locator('th').allInnerTexts()).toEqual(['Condition', 'Kind', 'Decision', 'Sustained by / production path', 'Rationale']);
    expect(await tables.first().locator('tbody tr').count()).toBe(4);
    expect(await tables.first().locator('tbody tr').first().locator('td').nth(1).innerText()).toBe('Data access');
    expect(await rendered.locator('a').getAttribute('href')).toBe(`${suite.host.url}/browse/AIP-1`);
    expect(await rendered.locator('body').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  } finally {
    await o.context.close();
  }
});

test('item 1: the named owner accepts in the header', async () => {
  const o = await openPanel(MARCUS, SEED_KEYS.nearlyReady);
  try {
    await o.panel.getByRole('button', { name: 'Marcus Webb has not yet accepted delivery ownership.' }).click();
    await eventually(() => focusedId(o), 'accept-ownership');
    await o.panel.getByTestId('accept-ownership').click();
    await o.page.locator('#flags .flag', { hasText: 'You own this delivery' }).waitFor(WAIT);
    await o.panel.getByTestId('accept-callout').waitFor({ state: 'detached', ...WAIT });
    expect(await o.panel.locator('[data-code="owner-not-accepted"]').count()).toBe(0);
  } finally {
    await o.context.close();
  }
});
