/**
 * Demo handoff records for the seeded epics, written through the app's real resolvers
 * (POST /__local/invoke as the demo users), so records, history, audit trail and searchable
 * summaries are exactly what the app itself produces. Called by the host after seeding Jira.
 */
import { addDays, isoToday } from '../src/domain/dates';
import type { CreateWorkstreamsResult, Result } from '../src/shared/contract';
import type { Database } from './db';
import { DEMO_FILTERS, SEED_ACCOUNTS, SEED_KEYS, TRANSITION_IDS } from './jira/seed';
import { findIssue } from './jira/catalog';
import { addPanel } from './shell/issue-panels';
import { ADMIN, LEAD, PANEL, PRIYA, quarters, SeedClock, Session, transition } from './seed-session';
import { seedPortfolio } from './seed-portfolio';

async function claimsTriage(url: string, today: string): Promise<void> {
  const s = new Session(url, SEED_KEYS.nearlyReady, LEAD);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: addDays(today, 12), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await s.conditions([
    {
      kind: 'data-access', name: 'Direct read access to the claims database', grantedBy: 'CIO, as a pilot exception',
      details: 'The pilot team queried the production claims database directly instead of the governed claims feed.',
      decision: { status: 'withdrawn', rationale: 'Production reads must go through the governed claims feed with lineage and masking.', productionPath: 'Standard data request to the claims data platform', leadTimeDays: 30 },
    },
    {
      kind: 'stakeholder-access', name: 'Weekly 30-minute slot with the VP of Claims', grantedBy: 'VP of Claims',
      decision: { status: 'permanent', rationale: 'Adjuster feedback drove every model improvement; the production team needs the same loop.', sustainedBy: 'VP of Claims, as a standing monthly review', reviewDate: addDays(today, 180) },
    },
    {
      kind: 'tooling', name: 'Shared GPU notebook outside the ML platform', grantedBy: 'Head of Data Science',
      decision: { status: 'permanent', rationale: 'The platform team will adopt the notebook image as a supported workspace.', sustainedBy: 'ML platform team' },
    },
    { kind: 'decision-speed', name: 'Same-day approval of prompt changes', grantedBy: 'Pilot steering group', details: 'Prompt and threshold changes were approved in the pilot channel the same day.' },
  ]);
  const metrics = await s.metrics([
    { name: 'Triage time per claim', result: '42% faster on 1,200 first-notice-of-loss claims' },
    { name: 'Routing agreement with senior adjusters', result: '94% on the pilot sample' },
  ]);
  await s.kpis(
    [
      { name: 'Triage accuracy in production ≥ 92%', category: 'model-quality', direction: 'higher-is-better', baseline: '94% (pilot sample)', target: '92%', unit: '%', source: 'Weekly audit sample of 200 claims', owner: 'Claims analytics', horizon: quarters(2), firstReviewDate: addDays(today, 90), status: 'agreed', replaces: 'Routing agreement with senior adjusters' },
      { name: 'Human-override rate', category: 'model-quality', direction: 'lower-is-better', baseline: '11%', target: '≤ 8%', unit: '%', source: 'Claims system override events', owner: 'Claims operations', horizon: quarters(1), firstReviewDate: addDays(today, 45), status: 'agreed' },
      { name: 'p95 triage latency', category: 'latency', direction: 'lower-is-better', baseline: '2.4 s', target: '1.5 s', unit: 's', source: 'Serving metrics', owner: 'ML platform on-call', horizon: quarters(1), status: 'agreed' },
      { name: 'Average claim handling time', category: 'business-outcome', direction: 'lower-is-better', baseline: '9.5 days', target: '7 days', unit: 'days', source: 'Claims data warehouse', owner: 'VP of Claims', horizon: quarters(3), firstReviewDate: addDays(today, 120), status: 'agreed', replaces: 'Triage time per claim' },
      { name: 'Adjuster adoption', category: 'adoption', direction: 'higher-is-better', baseline: '35 pilot adjusters', target: '80% of adjusters weekly', unit: '%', source: 'Claims system usage log', owner: 'Claims change lead', horizon: quarters(1), status: 'agreed' },
    ],
    metrics,
  );
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.marcus });
  await s.call('setWorkstreamLead', { workstream: 'data-integration', accountId: SEED_ACCOUNTS.priya });
}

async function contractClauses(url: string, today: string): Promise<void> {
  const s = new Session(url, SEED_KEYS.mostlyWithdrawn, LEAD);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: addDays(today, 20), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.marcus });
  await s.conditions([
    { kind: 'stakeholder-access', name: 'Legal reviewers borrowed two days a week', grantedBy: 'General Counsel', decision: { status: 'withdrawn', rationale: 'Legal cannot spare reviewers beyond the pilot.', productionPath: 'Quarterly legal review request', leadTimeDays: 45 } },
    { kind: 'tooling', name: 'Vendor sandbox outside the normal security review', grantedBy: 'CISO (temporary waiver)', decision: { status: 'withdrawn', rationale: 'The waiver expires with the pilot.', productionPath: 'Standard third-party security assessment', leadTimeDays: 60 } },
    { kind: 'data-access', name: 'Bulk export of the contract repository', grantedBy: 'Procurement systems owner', decision: { status: 'withdrawn', rationale: 'Bulk exports are not allowed in production.', productionPath: 'Per-contract API access request', leadTimeDays: 21 } },
    { kind: 'decision-speed', name: 'Procurement director signs off extraction rules the same day', grantedBy: 'Procurement director', decision: { status: 'permanent', rationale: 'The director keeps owning the clause taxonomy.', sustainedBy: 'Procurement director' } },
  ]);
  await s.kpis([{ name: 'Clause extraction precision', category: 'model-quality', direction: 'higher-is-better', target: '95%', unit: '%', horizon: quarters(2), status: 'proposed' }]);
}

/** Demand forecasting: recorded a few days after its pilot closed, and nobody has touched it since. */
async function demandForecasting(url: string, clock: SeedClock): Promise<void> {
  const today = clock.today;
  await clock.on(-135);
  const s = new Session(url, SEED_KEYS.stalled, ADMIN);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: addDays(today, -150), actualCloseDate: addDays(today, -140), pilotChampionAccountId: SEED_ACCOUNTS.admin });
  await s.conditions([
    { kind: 'permission', name: 'Planners could override the ERP reorder point directly', grantedBy: 'COO' },
    { kind: 'data-access', name: 'Daily point-of-sale extract from the retail partner', grantedBy: 'Partner account manager' },
  ]);
  await s.metrics([{ name: 'Forecast error (MAPE) on 40 SKUs', result: '18% lower than the planners’ spreadsheet' }]);
  await s.kpis([{ name: 'Stock-out rate', category: 'business-outcome', direction: 'lower-is-better', target: '-15%', status: 'proposed' }]);
}

async function invoiceAnomalies(url: string, today: string): Promise<void> {
  const s = new Session(url, SEED_KEYS.ready, LEAD);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: addDays(today, 40), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.lead });
  await s.conditions([
    { kind: 'data-access', name: 'Read access to the accounts-payable ledger', grantedBy: 'Finance controller', decision: { status: 'permanent', rationale: 'Anomaly detection needs the ledger in production too.', sustainedBy: 'Finance systems team', reviewDate: addDays(today, 365) } },
    { kind: 'stakeholder-access', name: 'Fortnightly review with the head of accounts payable', grantedBy: 'CFO', decision: { status: 'withdrawn', rationale: 'Production feedback goes through the monthly finance-operations review.', productionPath: 'Monthly finance-operations review', leadTimeDays: 30 } },
  ]);
  await s.kpis([
    { name: 'False-positive rate on flagged invoices', category: 'error-rate', direction: 'lower-is-better', target: '< 5%', unit: '%', horizon: quarters(1), status: 'agreed' },
    { name: 'Duplicate payments prevented', category: 'cost', direction: 'higher-is-better', target: '£250k a year', horizon: quarters(4), status: 'agreed' },
  ]);
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.lead });
  await s.call('acceptOwnership');
}

/** Meeting notes: answered before its pilot closed, shipped a month after (the day Jira's seed says). */
async function meetingNotes(url: string, clock: SeedClock): Promise<void> {
  const today = clock.today;
  // A Done epic's handoff is locked: the seed takes the epic back to when its pilot ran, records the
  // handoff as it was decided then, and takes it to Done through the gate on the day it shipped.
  await clock.on(-101);
  await transition(url, SEED_KEYS.shipped, TRANSITION_IDS.inProgress);
  await clock.on(-100);
  const s = new Session(url, SEED_KEYS.shipped, ADMIN);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: addDays(today, -95), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.admin });
  await s.conditions([
    { kind: 'permission', name: 'Recording of internal meetings without per-meeting consent', grantedBy: 'Works council (pilot only)', decision: { status: 'withdrawn', rationale: 'Consent is required in production.', productionPath: 'Consent prompt at meeting start', leadTimeDays: 14 } },
    { kind: 'stakeholder-access', name: 'Direct line to the Head of HR for feedback', grantedBy: 'Head of HR', decision: { status: 'permanent', rationale: 'HR keeps sponsoring the rollout.', sustainedBy: 'HR business partner, monthly' } },
  ]);
  await clock.on(-97);
  await s.kpis([
    { name: 'Summary acceptance without edits', category: 'model-quality', direction: 'higher-is-better', baseline: '71%', target: '80%', unit: '%', horizon: quarters(2), firstReviewDate: addDays(today, -10), status: 'agreed' },
    { name: 'Weekly active teams', category: 'adoption', direction: 'higher-is-better', baseline: '6', target: '40', horizon: quarters(1), status: 'agreed' },
  ]);
  await clock.on(-95);
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.priya });
  await clock.on(-93);
  const priya = s.as(PRIYA);
  await priya.call('acceptOwnership');
  await clock.on(-90, 17);
  await priya.as(ADMIN).call('savePilot', { plannedCloseDate: addDays(today, -95), actualCloseDate: addDays(today, -90), pilotChampionAccountId: SEED_ACCOUNTS.admin });
  await clock.on(-60, 15);
  await transition(url, SEED_KEYS.shipped, TRANSITION_IDS.done);
}

/**
 * The claims triage epic's delivery work: its workstream issues and, under them, the sub-tasks from the
 * templates, from its withdrawn condition and from its agreed KPIs, created by the app as Lee would from
 * the Workstreams tab; some work is under way and two sub-tasks are done.
 */
async function claimsTriageDelivery(url: string): Promise<void> {
  const res = await fetch(`${url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: PANEL, functionKey: 'createWorkstreams', payload: {}, context: { issueKey: SEED_KEYS.nearlyReady }, user: LEAD }),
  });
  const result = (await res.json()) as Result<CreateWorkstreamsResult>;
  if (!result.ok) throw new Error(`Seeding ${SEED_KEYS.nearlyReady}: createWorkstreams failed: ${result.error.code} ${result.error.message}`);
  const { created, subtasks } = result.data;
  if (subtasks.problem || subtasks.failed.length > 0 || created.length === 0) throw new Error(`Seeding ${SEED_KEYS.nearlyReady}: the delivery issues were not all created: ${JSON.stringify({ created, subtasks })}`);
  const keyOf = (summary: string) => subtasks.created.find((c) => c.summary === summary)?.issueKey;
  for (const summary of ['Agree data contracts and refresh schedules with the source owners', 'Privacy impact assessment']) {
    const key = keyOf(summary);
    if (key) await transition(url, key, TRANSITION_IDS.done);
  }
  for (const workstream of ['data-integration', 'compliance-review']) {
    const key = created.find((c) => c.workstream === workstream)?.issueKey;
    if (key) await transition(url, key, TRANSITION_IDS.inProgress);
  }
}

/**
 * A steering committee's dashboard, shared with everyone logged in: the portfolio gadget for every demo
 * project, for claims and support, and for the saved filter "Customer-facing AI", each configured as its edit view would (view.submit
 * reaches the dashboard as the signed-in user). What each viewer sees in them is Jira's decision.
 */
async function steeringDashboard(url: string): Promise<void> {
  const rest = async (method: string, p: string, body: unknown) => {
    const res = await fetch(`${url}/rest/api/3${p}`, { method, headers: { authorization: `Basic ${Buffer.from(`${ADMIN}:demo`).toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`Seeding the dashboard: ${method} ${p} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string | number };
  };
  const dashboard = await rest('POST', '/dashboard', { name: 'AI steering committee', description: 'Every AI initiative from pilot to production, for the monthly steering review.', sharePermissions: [{ type: 'loggedin' }], editPermissions: [] });
  const gadgets: Array<{ title: string; column: number; row: number; config: Record<string, unknown> }> = [
    { title: 'AI initiatives: every project', column: 0, row: 0, config: { projects: ['AIP', 'CLM', 'SUP'] } },
    { title: 'Claims and support', column: 1, row: 0, config: { projects: ['CLM', 'SUP'] } },
    { title: 'Customer-facing AI', column: 1, row: 1, config: { filterId: String(DEMO_FILTERS.customerFacing.id) } },
  ];
  for (const g of gadgets) {
    const gadget = await rest('POST', `/dashboard/${dashboard.id}/gadget`, { moduleKey: 'portfolio-gadget', title: g.title, position: { column: g.column, row: g.row } });
    const res = await fetch(`${url}/__shell/dashboards/${dashboard.id}/gadgets/${gadget.id}/configuration`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: `ph_user=${encodeURIComponent(ADMIN)}` }, body: JSON.stringify(g.config) });
    if (res.status !== 200) throw new Error(`Seeding the dashboard: configuring "${g.title}" answered ${res.status}: ${await res.text()}`);
  }
}

/**
 * Fills the demo handoffs; the untouched and unlabelled epics are left empty on purpose. What happened
 * before today is written on its own day, with the host clock moved back (seed-session.ts); the clock is
 * back where it was before anything is seeded for today.
 */
export async function seedApp(host: { url: string; db?: Database }): Promise<void> {
  const clock = new SeedClock(host.url, isoToday(new Date()));
  try {
    await demandForecasting(host.url, clock);
    await meetingNotes(host.url, clock);
    await seedPortfolio(host.url, clock);
  } finally {
    await clock.restore();
  }
  const today = clock.today;
  await claimsTriage(host.url, today);
  await claimsTriageDelivery(host.url);
  await contractClauses(host.url, today);
  await invoiceAnomalies(host.url, today);
  // The seed writes issues straight into SQLite, so no "issue created" event published the untouched
  // initiative's first summary; the app publishes it on the first read of its handoff, as for any
  // initiative that existed before the app was installed.
  await new Session(host.url, SEED_KEYS.untouched, ADMIN).call('getHandoff');
  await steeringDashboard(host.url);
  if (host.db) {
    // Whoever recorded these handoffs added the panel to their epics with quick-add; the untouched
    // initiative shows only its quick-add button and the sidebar glance, as on a real site.
    for (const key of [SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.stalled, SEED_KEYS.ready, SEED_KEYS.shipped]) {
      const issue = findIssue(host.db, key);
      if (issue) addPanel(host.db, issue.id, PANEL, SEED_ACCOUNTS.lead);
    }
  }
}
