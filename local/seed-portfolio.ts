/**
 * The demo's second and third projects, CLM "Claims Automation" and SUP "Support Copilot", with half a
 * year of handoff history, so the portfolio page, the gadget and the flow metrics show something real on
 * first start. Every change goes through the app's resolvers as the person who made it, on the day they
 * made it (the host clock moved back), and epics reach Done through Jira's workflow and the gate.
 *
 * Where the initiatives stand today (day 0 is the seed day):
 * - CLM-2 shipped: answered before its pilot closed (day -170), shipped on day -94; one KPI is off track.
 * - CLM-1 ready, not shipped: its pilot closed on day -45 with one decision and the owner's acceptance open;
 *   ready on day -8.
 * - CLM-4 in pilot purgatory and stalled: closed on day -150 with questions open; nobody has touched it since.
 * - CLM-3 deciding: its pilot runs until day 75.
 * - SUP-1 ready, not shipped: closed on day -100 with questions open, answered on day -30.
 * - SUP-3 deciding, weak commitment: three of four pilot exceptions withdrawn.
 * - SUP-2 shipped before anyone recorded its handoff: Done without a decided handoff, and "unknown" in the
 *   flow metrics.
 */
import { DEMO_KEYS, SEED_ACCOUNTS, TRANSITION_IDS } from './jira/seed';
import { LEAD, MARCUS, PRIYA, quarters, Session, transition, type SeedClock } from './seed-session';

/** Claim form intake: every question answered while the pilot ran; shipped ten weeks after it closed. */
async function claimsIntake(url: string, clock: SeedClock): Promise<void> {
  const d = (n: number) => clock.date(n);
  // Seeded Done in Jira; the seed takes it back to when the pilot ran, and on to Done through the gate.
  await clock.on(-195);
  await transition(url, DEMO_KEYS.claimsIntake, TRANSITION_IDS.inProgress);
  await clock.on(-190);
  const s = new Session(url, DEMO_KEYS.claimsIntake, PRIYA);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: d(-170), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await s.conditions([
    {
      kind: 'data-access', name: 'Scanned claim forms copied to the pilot’s storage bucket', grantedBy: 'Records management',
      decision: { status: 'withdrawn', rationale: 'Production reads go through the document management API, with retention applied.', productionPath: 'Access request to the document management API', leadTimeDays: 30 },
    },
    {
      kind: 'tooling', name: 'OCR vendor on a trial licence', grantedBy: 'Procurement (trial)',
      decision: { status: 'permanent', rationale: 'The licence is bought for production use.', sustainedBy: 'Claims operations budget' },
    },
  ]);
  await clock.on(-184);
  await s.conditions([
    {
      kind: 'stakeholder-access', name: 'Daily stand-up with the intake team lead', grantedBy: 'Head of claims intake',
      decision: { status: 'withdrawn', rationale: 'A daily slot does not scale to every region.', productionPath: 'Fortnightly intake quality review', leadTimeDays: 14 },
    },
  ]);
  await clock.on(-182);
  await s.kpis([
    { name: 'Forms read without manual correction', category: 'model-quality', direction: 'higher-is-better', baseline: '78', target: '90', unit: '%', source: 'Intake correction log', owner: 'Claims intake team', horizon: quarters(2), firstReviewDate: d(-60), status: 'agreed' },
    { name: 'Intake time per claim', category: 'business-outcome', direction: 'lower-is-better', baseline: '2.5', target: '0.5', unit: 'days', source: 'Claims data warehouse', owner: 'Head of claims intake', horizon: quarters(2), firstReviewDate: d(-60), status: 'agreed' },
  ]);
  await clock.on(-176);
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.lead });
  await clock.on(-174);
  const lee = s.as(LEAD);
  await lee.call('acceptOwnership');
  await clock.on(-170, 16);
  await lee.call('savePilot', { plannedCloseDate: d(-170), actualCloseDate: d(-170), pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await clock.on(-94, 15);
  await transition(url, DEMO_KEYS.claimsIntake, TRANSITION_IDS.done);
  // In production: readings after each review; correction-free forms lag the path since the autumn forms changed.
  await clock.on(-58);
  const r = new Session(url, DEMO_KEYS.claimsIntake, LEAD);
  await r.call('getHandoff');
  await r.reading('Forms read without manual correction', { date: d(-58), value: 80, source: 'Intake correction log' });
  await r.reading('Intake time per claim', { date: d(-58), value: 2.4, source: 'Claims data warehouse' });
  await clock.on(-28);
  await r.reading('Forms read without manual correction', { date: d(-28), value: 79, note: 'New autumn claim form layout; retraining planned.', source: 'Intake correction log' });
  await r.reading('Intake time per claim', { date: d(-28), value: 1.9, source: 'Claims data warehouse' });
}

/** Fraud signal scoring: closed with one decision and the owner's acceptance open; ready five weeks later. */
async function claimsFraud(url: string, clock: SeedClock): Promise<void> {
  const d = (n: number) => clock.date(n);
  await clock.on(-110);
  const s = new Session(url, DEMO_KEYS.claimsFraud, PRIYA);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: d(-45), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await s.conditions([
    {
      kind: 'data-access', name: 'Investigators’ case notes shared by email', grantedBy: 'Head of claims investigations',
      decision: { status: 'withdrawn', rationale: 'Case notes are personal data; production reads go through the case-management API.', productionPath: 'Case-management API with role-based access', leadTimeDays: 45 },
    },
    {
      kind: 'permission', name: 'Scores shown to investigators before the model risk review', grantedBy: 'Chief Risk Officer (pilot only)',
      decision: { status: 'withdrawn', rationale: 'Production scoring needs the model risk sign-off.', productionPath: 'Model risk review and sign-off', leadTimeDays: 60 },
    },
    {
      kind: 'stakeholder-access', name: 'Weekly calibration with two senior investigators', grantedBy: 'Head of claims investigations',
      decision: { status: 'permanent', rationale: 'Calibration keeps investigators trusting the scores.', sustainedBy: 'Claims investigations, fortnightly in production' },
    },
    { kind: 'decision-speed', name: 'Score thresholds changed by the pilot lead alone', grantedBy: 'Claims director' },
  ]);
  await clock.on(-100);
  await s.kpis([
    { name: 'Investigator hit rate on top-decile scores', category: 'model-quality', direction: 'higher-is-better', baseline: '22', target: '35', unit: '%', source: 'Case-management outcomes', owner: 'Claims investigations', horizon: quarters(2), firstReviewDate: d(40), status: 'agreed' },
    { name: 'Motor fraud losses per quarter', category: 'business-outcome', direction: 'lower-is-better', baseline: '4.1', target: '3.5', unit: '£m', source: 'Finance loss reporting', owner: 'Claims director', horizon: quarters(4), firstReviewDate: d(40), status: 'agreed' },
  ]);
  await clock.on(-60);
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.marcus });
  await clock.on(-45, 17);
  await s.call('savePilot', { plannedCloseDate: d(-45), actualCloseDate: d(-45), pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await clock.on(-12);
  await s.decide('Score thresholds changed by the pilot lead alone', { status: 'permanent', rationale: 'Thresholds move with fraud patterns; the claims director delegates changes within agreed bounds.', sustainedBy: 'Claims director, within bounds set quarterly' });
  await clock.on(-8);
  await s.as(MARCUS).call('acceptOwnership');
}

/** Adjuster note summarisation: closed in the summer with questions open, and nobody has picked it up since. */
async function claimsNotes(url: string, clock: SeedClock): Promise<void> {
  const d = (n: number) => clock.date(n);
  await clock.on(-175);
  const s = new Session(url, DEMO_KEYS.claimsNotes, LEAD);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: d(-150), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.lead });
  await s.conditions([
    { kind: 'data-access', name: 'Full adjuster notes exported nightly to the pilot workspace', grantedBy: 'Claims IT' },
    {
      kind: 'stakeholder-access', name: 'Two senior adjusters rating summaries every week', grantedBy: 'Claims operations manager',
      decision: { status: 'withdrawn', rationale: 'Senior adjusters are needed on claims.', productionPath: 'Quarterly quality sample by the claims QA team', leadTimeDays: 30 },
    },
  ]);
  await clock.on(-168);
  await s.kpis([{ name: 'Summaries rated useful by adjusters', category: 'model-quality', direction: 'higher-is-better', target: '80', unit: '%', status: 'proposed' }]);
  await clock.on(-148);
  await s.call('savePilot', { plannedCloseDate: d(-150), actualCloseDate: d(-150), pilotChampionAccountId: SEED_ACCOUNTS.lead });
}

/** Subrogation opportunity finder: its pilot runs until next quarter; the first exception is recorded. */
async function claimsSubrogation(url: string, clock: SeedClock): Promise<void> {
  await clock.on(-12);
  const s = new Session(url, DEMO_KEYS.claimsSubrogation, PRIYA);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: clock.date(75), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.priya });
  await s.conditions([{ kind: 'data-access', name: 'Three years of paid-claims history outside the warehouse', grantedBy: 'Claims data owner' }]);
}

/** Suggested replies: closed with questions open, answered ten weeks later; readings on track since. */
async function supportReplies(url: string, clock: SeedClock): Promise<void> {
  const d = (n: number) => clock.date(n);
  await clock.on(-140);
  const s = new Session(url, DEMO_KEYS.supportReplies, MARCUS);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: d(-100), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.marcus });
  await s.conditions([
    { kind: 'tooling', name: 'Agents used the vendor’s browser extension without a security review', grantedBy: 'Support director' },
    {
      kind: 'stakeholder-access', name: 'Billing-queue agents rated every suggestion', grantedBy: 'Billing queue lead',
      decision: { status: 'permanent', rationale: 'Ratings are how the suggestions improve; agents keep rating a sample.', sustainedBy: 'Support quality team, monthly sample' },
    },
  ]);
  await clock.on(-130);
  await s.kpis([{ name: 'Suggestion acceptance rate', category: 'adoption', direction: 'higher-is-better', baseline: '41', target: '60', unit: '%', source: 'Help desk usage events', owner: 'Support operations', horizon: quarters(2), firstReviewDate: d(-20), status: 'agreed' }]);
  await clock.on(-100, 17);
  await s.call('savePilot', { plannedCloseDate: d(-100), actualCloseDate: d(-100), pilotChampionAccountId: SEED_ACCOUNTS.marcus });
  await clock.on(-40);
  await s.decide('Agents used the vendor’s browser extension without a security review', { status: 'withdrawn', rationale: 'Production needs a security-reviewed integration.', productionPath: 'Security-reviewed integration in the help desk', leadTimeDays: 45 });
  await clock.on(-32);
  await s.kpis([{ name: 'Time to first suggestion, p95', category: 'latency', direction: 'lower-is-better', baseline: '2.8', target: '1.5', unit: 's', source: 'Help desk extension telemetry', owner: 'Support platform on-call', horizon: quarters(1), firstReviewDate: d(30), status: 'agreed' }]);
  await s.kpis([{ name: 'Average handle time for billing tickets', category: 'business-outcome', direction: 'lower-is-better', baseline: '9.5', target: '7.5', unit: 'min', source: 'Help desk reporting', owner: 'Support director', horizon: quarters(2), firstReviewDate: d(30), status: 'agreed' }]);
  await clock.on(-30);
  await s.call('setOwner', { ownerAccountId: SEED_ACCOUNTS.marcus });
  await s.call('acceptOwnership');
  await clock.on(-19);
  await s.reading('Suggestion acceptance rate', { date: d(-19), value: 45, source: 'Help desk usage events' });
  await clock.on(-5);
  await s.reading('Suggestion acceptance rate', { date: d(-5), value: 48, source: 'Help desk usage events' });
}

/** Self-service answer bot: most of what made the pilot work is being withdrawn. */
async function supportBot(url: string, clock: SeedClock): Promise<void> {
  await clock.on(-21);
  const s = new Session(url, DEMO_KEYS.supportBot, MARCUS);
  await s.call('getHandoff');
  await s.call('savePilot', { plannedCloseDate: clock.date(30), actualCloseDate: null, pilotChampionAccountId: SEED_ACCOUNTS.marcus });
  await s.conditions([
    { kind: 'data-access', name: 'Help-centre search logs with customer emails', grantedBy: 'Data protection officer (pilot only)', decision: { status: 'withdrawn', rationale: 'Customer emails may not be used to train or tune the bot.', productionPath: 'Anonymised search-log feed', leadTimeDays: 30 } },
    { kind: 'tooling', name: 'Hosted LLM API paid on a team credit card', grantedBy: 'Head of support', decision: { status: 'withdrawn', rationale: 'Production needs a contract with data-processing terms.', productionPath: 'Enterprise LLM contract through procurement', leadTimeDays: 60 } },
    { kind: 'stakeholder-access', name: 'Help-centre product manager on call for the pilot', grantedBy: 'VP Product', decision: { status: 'withdrawn', rationale: 'The product manager returns to the roadmap.', productionPath: 'Monthly help-centre roadmap review', leadTimeDays: 14 } },
  ]);
  await clock.on(-6);
  await s.conditions([
    { kind: 'decision-speed', name: 'Answers published without a content review', grantedBy: 'Head of support', decision: { status: 'permanent', rationale: 'A review per answer would stop the bot learning; the content team samples weekly.', sustainedBy: 'Help-centre content team, weekly sample' } },
  ]);
  await s.kpis([{ name: 'Tickets deflected by the bot', category: 'business-outcome', direction: 'higher-is-better', target: '20', unit: '%', status: 'proposed' }]);
}

/** CLM and SUP, in the order their histories began; the clock is left wherever the last step put it. */
export async function seedPortfolio(url: string, clock: SeedClock): Promise<void> {
  await claimsIntake(url, clock);
  await claimsNotes(url, clock);
  await supportReplies(url, clock);
  await claimsFraud(url, clock);
  await claimsSubrogation(url, clock);
  await supportBot(url, clock);
}
