/**
 * Readiness: the one computation behind the panel, the gate, the searchable summary and the report.
 * Pure: everything it needs (the record, the epic's status, today, the policy) is passed in.
 */
import type { HandoffRecord, ProductionKpi } from './record';
import { isBusinessCategory } from './vocabulary';
import type { GateConfig, ProjectSettings } from './policy';
import type {
  EpicFacts,
  KpiFlag,
  MissingAnswer,
  PilotClock,
  Question,
  Readiness,
  ReadinessCounts,
  ReadinessLevel,
  ReadinessPolicy,
  ShipSignal,
  WorkstreamFacts,
} from './readiness-types';
import { daysBetween, humanDate } from './dates';
import { horizonText, plural, undecidedConditionsSentence } from './sentences';

export function readinessPolicy(settings: ProjectSettings, gate?: GateConfig): ReadinessPolicy {
  return {
    kpiMinimums: gate?.kpiMinimums ?? settings.kpiMinimums,
    shipSignalThreshold: settings.shipSignalThreshold,
    requireOwnerAcceptance: gate?.requireOwnerAcceptance ?? settings.requireOwnerAcceptance,
    // Only the gate can ask for finished workstreams: the panel and report judge decisions, not delivery progress.
    requireWorkstreamsDone: gate?.requireWorkstreamsDone ?? false,
    // Moving to Done asks when the pilot actually closed: a shipped epic's purgatory clock and flow metrics count from it.
    requireActualCloseDate: gate !== undefined,
    // Sub-tasks are part of a workstream being done: asked for only together with the workstreams.
    requireSubtasksDone: (gate?.requireWorkstreamsDone ?? false) && (gate?.requireSubtasksDone ?? false),
  };
}

/** Everything readiness is computed from: the record, the epic as Jira has it now, the project's policy, today. */
export interface ReadinessFacts {
  record: HandoffRecord | null;
  epic: { key: string; statusCategory: EpicFacts['statusCategory'] };
  settings: ProjectSettings;
  /** YYYY-MM-DD: the viewer's today in the panel and report, UTC for the gate, the trigger and the summary. */
  today: string;
  /** Live workstream counts (the gate's policy may ask for them; the summary carries them). */
  workstreams?: WorkstreamFacts;
  /** The gate's own configuration, which may override the project's policy. */
  gate?: GateConfig;
}

/** The one place readiness inputs are assembled: every caller (panel, gate, summary, report) comes through here. */
export function readinessOf(facts: ReadinessFacts): Readiness {
  return computeReadiness(facts.record, { key: facts.epic.key, statusCategory: facts.epic.statusCategory, today: facts.today }, readinessPolicy(facts.settings, facts.gate), facts.workstreams);
}

export function computeReadiness(
  record: HandoffRecord | null,
  epic: EpicFacts,
  policy: ReadinessPolicy,
  workstreams?: WorkstreamFacts,
): Readiness {
  const missing = [
    ...conditionAnswers(record),
    ...kpiAnswers(record, policy),
    ...ownerAnswers(record, policy),
    ...(policy.requireWorkstreamsDone ? workstreamAnswers(workstreams, policy.requireSubtasksDone) : []),
    ...(policy.requireActualCloseDate && !record?.pilot.actualCloseDate ? [ACTUAL_CLOSE_DATE_MISSING] : []),
  ];
  const level = levelOf(record, epic, missing);
  return {
    level,
    answered: missing.length === 0,
    missing,
    openQuestions: new Set<Question>(missing.map((m) => m.question)).size,
    counts: countsOf(record),
    shipSignal: shipSignalOf(record, policy.shipSignalThreshold),
    kpiFlags: kpiFlagsOf(record, epic.today),
    pilot: pilotClockOf(record, epic.today, level, missing),
  };
}

function levelOf(record: HandoffRecord | null, epic: EpicFacts, missing: MissingAnswer[]): ReadinessLevel {
  if (epic.statusCategory === 'done') return 'shipped';
  if (isEmpty(record)) return 'not-started';
  return missing.length === 0 ? 'ready' : 'deciding';
}

/** Nothing recorded that answers or prepares an answer (the champion alone does not start the handoff). */
export function isEmpty(record: HandoffRecord | null): boolean {
  if (!record) return true;
  return (
    record.conditions.length === 0 &&
    record.pilotMetrics.length === 0 &&
    record.kpis.length === 0 &&
    !record.ownership.deliveryOwner &&
    !record.pilot.plannedCloseDate &&
    !record.pilot.actualCloseDate
  );
}

// ---- question 1: pilot conditions ------------------------------------------------------------------
function conditionAnswers(record: HandoffRecord | null): MissingAnswer[] {
  const conditions = record?.conditions ?? [];
  if (conditions.length === 0) {
    return [
      {
        question: 'conditions',
        code: 'no-conditions',
        sentence: 'No pilot conditions are recorded yet: list the exceptions the pilot ran on.',
      },
    ];
  }
  const names = conditions.filter((c) => c.decision.status === 'undecided').map((c) => c.name);
  if (names.length === 0) return [];
  return [{ question: 'conditions', code: 'undecided-conditions', sentence: undecidedConditionsSentence(names), names }];
}

// ---- question 2: production KPIs -------------------------------------------------------------------
const OPERATIONAL_WORDS = 'reliability, latency, error rate, delivery frequency or model quality';

/** An agreed KPI with a horizon: the only kind that answers the metrics question. */
function isCommittedKpi(kpi: ProductionKpi): boolean {
  return kpi.status === 'agreed' && kpi.horizon !== undefined;
}

function committedCounts(record: HandoffRecord | null): { operational: number; business: number } {
  const committed = (record?.kpis ?? []).filter(isCommittedKpi);
  const business = committed.filter((k) => isBusinessCategory(k.category)).length;
  return { operational: committed.length - business, business };
}

function kpiAnswers(record: HandoffRecord | null, policy: ReadinessPolicy): MissingAnswer[] {
  const have = committedCounts(record);
  const need = policy.kpiMinimums;
  const out: MissingAnswer[] = [];
  if (have.operational < need.operational) {
    out.push({
      question: 'kpis',
      code: 'missing-operational-kpi',
      sentence: kpiSentence('operational', need.operational, have.operational, ` (${OPERATIONAL_WORDS})`),
    });
  }
  if (have.business < need.business) {
    out.push({ question: 'kpis', code: 'missing-business-kpi', sentence: kpiSentence('business', need.business, have.business, '') });
  }
  return out;
}

function kpiSentence(kind: 'operational' | 'business', need: number, have: number, categories: string): string {
  if (need === 1) return `No agreed ${kind} KPI with a time horizon${categories}.`;
  // A comma, not a semicolon: the gate joins missing answers with semicolons.
  return `Needs ${need} agreed ${kind} KPIs with a time horizon${categories}, ${have === 0 ? 'none' : have} so far.`;
}

// ---- question 3: delivery owner --------------------------------------------------------------------
/** Accepted only by the named owner: a stamp left by anyone else does not count. */
export function ownerAccepted(record: HandoffRecord | null): boolean {
  const owner = record?.ownership.deliveryOwner;
  const accepted = record?.ownership.accepted;
  return !!owner && !!accepted && accepted.by.accountId === owner.accountId;
}

function ownerAnswers(record: HandoffRecord | null, policy: ReadinessPolicy): MissingAnswer[] {
  const owner = record?.ownership.deliveryOwner;
  if (!owner) return [{ question: 'owner', code: 'no-owner', sentence: 'No delivery owner is named.' }];
  if (!policy.requireOwnerAcceptance || ownerAccepted(record)) return [];
  const who = owner.displayName || 'The delivery owner';
  return [
    {
      question: 'owner',
      code: 'owner-not-accepted',
      sentence: `${who} has not yet accepted delivery ownership.`,
      names: [who],
    },
  ];
}

// ---- gate-only: workstreams and the pilot's actual close date ---------------------------------------
const ACTUAL_CLOSE_DATE_MISSING: MissingAnswer = { question: 'pilot', code: 'no-actual-close-date', sentence: "The pilot's actual close date is not recorded." };

function workstreamAnswers(facts: WorkstreamFacts | undefined, subtasksToo: boolean): MissingAnswer[] {
  if (!facts || facts.total === 0) {
    return [{ question: 'workstreams', code: 'workstreams-not-created', sentence: 'Workstream issues have not been created.' }];
  }
  const out: MissingAnswer[] = [];
  const open = facts.total - facts.done;
  if (open > 0) {
    out.push({ question: 'workstreams', code: 'workstreams-not-done', sentence: `${open} of ${facts.total} workstreams ${open === 1 ? 'is' : 'are'} not done.` });
  }
  const openSubtasks = facts.subtasksTotal - facts.subtasksDone;
  if (subtasksToo && openSubtasks > 0) {
    out.push({
      question: 'workstreams',
      code: 'subtasks-not-done',
      sentence: `${openSubtasks} of ${facts.subtasksTotal} sub-tasks ${openSubtasks === 1 ? 'is' : 'are'} not done.`,
    });
  }
  return out;
}

// ---- counts, warnings and the pilot clock ----------------------------------------------------------
function countsOf(record: HandoffRecord | null): ReadinessCounts {
  const conditions = record?.conditions ?? [];
  const kpis = record?.kpis ?? [];
  const permanent = conditions.filter((c) => c.decision.status === 'permanent').length;
  const withdrawn = conditions.filter((c) => c.decision.status === 'withdrawn').length;
  const committed = committedCounts(record);
  return {
    conditions: { total: conditions.length, decided: permanent + withdrawn, undecided: conditions.length - permanent - withdrawn, permanent, withdrawn },
    // operationalAgreed / businessAgreed count what answers the question: agreed AND with a horizon.
    kpis: { total: kpis.length, agreed: kpis.filter((k) => k.status === 'agreed').length, operationalAgreed: committed.operational, businessAgreed: committed.business },
    pilotMetrics: record?.pilotMetrics.length ?? 0,
  };
}

function shipSignalOf(record: HandoffRecord | null, threshold: number): ShipSignal {
  const counts = countsOf(record).conditions;
  const { withdrawn, decided } = counts;
  const active = decided > 0 && withdrawn / decided > threshold;
  if (!active) return { active, withdrawn, decided, threshold };
  // Named for what it is: a warning that commitment is weak, never a green light.
  const lead =
    withdrawn * 2 > decided
      ? `Most of what made the pilot work (${withdrawn} of ${decided} decided conditions) is being withdrawn`
      : `${withdrawn} of ${decided} decided pilot conditions ${withdrawn === 1 ? 'is' : 'are'} being withdrawn`;
  return {
    active,
    withdrawn,
    decided,
    threshold,
    headline: `Weak commitment: ${withdrawn} of ${decided} pilot exceptions withdrawn`,
    sentence: `${lead}: the organization has not yet decided to ship this.`,
  };
}

/** Longer than one quarter: a steering committee's next quarterly review will not see it move. */
function beyondNextQuarter(kpi: ProductionKpi): boolean {
  const h = kpi.horizon;
  if (!h) return false;
  return h.unit === 'quarter' ? h.count > 1 : h.count > 3;
}

function kpiFlagsOf(record: HandoffRecord | null, today: string): KpiFlag[] {
  const flags: KpiFlag[] = [];
  for (const kpi of record?.kpis ?? []) {
    if (isBusinessCategory(kpi.category) && beyondNextQuarter(kpi) && kpi.horizon) {
      flags.push({
        kpiId: kpi.id,
        kpiName: kpi.name,
        kind: 'beyond-next-quarter',
        // Advice, not a verdict: the steering committee sees movement only if someone plans a checkpoint.
        sentence: `${kpi.name} is judged over ${horizonText(kpi.horizon)}: add an interim checkpoint before the next quarterly review.`,
      });
    }
    if (kpi.status === 'agreed' && kpi.firstReviewDate && kpi.firstReviewDate < today) {
      flags.push({
        kpiId: kpi.id,
        kpiName: kpi.name,
        kind: 'review-date-passed',
        sentence: `The first review of ${kpi.name} was due on ${humanDate(kpi.firstReviewDate)}.`,
      });
    }
  }
  return flags;
}

function pilotClockOf(record: HandoffRecord | null, today: string, level: ReadinessLevel, missing: MissingAnswer[]): PilotClock {
  const { plannedCloseDate, actualCloseDate } = record?.pilot ?? {};
  const closeDate = actualCloseDate ?? plannedCloseDate;
  const closed = closeDate !== undefined && closeDate <= today;
  const closesInDays = plannedCloseDate ? daysBetween(today, plannedCloseDate) : undefined;
  const clock: PilotClock = { closed, purgatoryDays: 0 };
  if (plannedCloseDate) clock.plannedCloseDate = plannedCloseDate;
  if (actualCloseDate) clock.actualCloseDate = actualCloseDate;
  if (closesInDays !== undefined) clock.closesInDays = closesInDays;
  const open = new Set(missing.map((m) => m.question)).size;
  const questions = open === 0 ? 'all questions answered' : `${plural(open, 'question')} open`;
  if (!closed || closeDate === undefined) {
    if (plannedCloseDate && closesInDays !== undefined) {
      clock.sentence = `Pilot closes in ${plural(closesInDays, 'day')}, ${questions}.`;
    }
    return clock;
  }
  const since = daysBetween(closeDate, today);
  const ago = since === 0 ? 'today' : `${plural(since, 'day')} ago`;
  if (level === 'shipped') {
    clock.sentence = `Pilot closed ${ago}; the epic has shipped.`;
    return clock;
  }
  // Unshipped after close counts as purgatory even with every answer in: answers are not delivery.
  clock.purgatoryDays = since;
  clock.sentence = since === 0 ? `Pilot closed today, ${questions}.` : `Pilot closed ${ago}; in pilot purgatory for ${plural(since, 'day')}.`;
  return clock;
}
