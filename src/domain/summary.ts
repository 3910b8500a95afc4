/**
 * The searchable summary: an issue property Jira indexes for JQL and returns with search results,
 * so the report needs no per-epic request. Small by construction: sentences carry no name lists.
 */
import { z } from 'zod';
import { AccountId, IsoDate, LIMITS, type HandoffRecord } from './record';
import { READINESS_LEVELS, type EpicFacts, type MissingAnswer, type Readiness, type WorkstreamFacts } from './readiness-types';
import type { SearchSummary } from './report-types';
import { isInitiative, type ProjectSettings } from './policy';
import { computeReadiness, ownerAccepted, readinessOf, readinessPolicy, type ReadinessFacts } from './readiness';
import { clip, undecidedConditionsSentence } from './sentences';
import { kpiFacts, KpiFactSchema } from './kpi-facts';
import { firstReminderOn, reminderInputFor } from './reminders';

/** Room for any one sentence; the longest fixed sentence is ~130 characters, an owner's name at most 200. */
const SENTENCE_MAX = 300;
/** One sentence per kind of missing answer at most (MissingAnswer has nine codes). */
const MISSING_MAX = 9;

export function toSearchSummary(record: HandoffRecord | null, readiness: Readiness, workstreams?: WorkstreamFacts, remindOn = ''): SearchSummary {
  const owner = record?.ownership.deliveryOwner;
  const c = readiness.counts.conditions;
  const summary: SearchSummary = {
    v: 1,
    level: readiness.level,
    missingCount: readiness.missing.length,
    missing: readiness.missing.map(shortSentence),
    shipSignal: readiness.shipSignal.active ? 'yes' : 'no',
    ownerAccountId: owner?.accountId ?? '',
    ownerName: owner?.displayName ?? '',
    ownerAccepted: ownerAccepted(record) ? 'yes' : 'no',
    conditionsTotal: c.total,
    conditionsDecided: c.decided,
    conditionsPermanent: c.permanent,
    conditionsWithdrawn: c.withdrawn,
    kpisTotal: readiness.counts.kpis.total,
    kpisAgreed: readiness.counts.kpis.agreed,
    workstreamsTotal: workstreams?.total ?? 0,
    workstreamsDone: workstreams?.done ?? 0,
    subtasksTotal: workstreams?.subtasksTotal ?? 0,
    subtasksDone: workstreams?.subtasksDone ?? 0,
    nextKpiReviewDate: earliestAgreedReview(record),
    kpiReviewPast: readiness.kpiFlags.some((f) => f.kind === 'review-date-passed') ? 'yes' : 'no',
    plannedCloseDate: record?.pilot.plannedCloseDate ?? '',
    actualCloseDate: record?.pilot.actualCloseDate ?? '',
    updatedAt: record?.updated.at ?? '',
    version: record?.version ?? 0,
    reopened: record?.reopened ? 'yes' : 'no',
    doneUndecided: readiness.level === 'shipped' && !readiness.answered && !record?.reopened ? 'yes' : 'no',
    kpiFacts: kpiFacts(record),
    remindOn,
  };
  const size = JSON.stringify(summary).length;
  if (size > LIMITS.summaryChars) throw new Error(`Search summary is ${size} characters, over ${LIMITS.summaryChars}`);
  return summary;
}

/**
 * An initiative nobody has started a handoff for has no published summary. Its row (report and portfolio)
 * still lists what is missing, by the same readiness function the panel uses.
 */
export function summaryWithoutRecord(epic: Pick<EpicFacts, 'key' | 'statusCategory'>, settings: ProjectSettings, today: string): SearchSummary {
  return toSearchSummary(null, computeReadiness(null, { key: epic.key, statusCategory: epic.statusCategory, today }, readinessPolicy(settings)));
}

export interface SummaryFacts extends Omit<ReadinessFacts, 'gate' | 'workstreams'> {
  epic: ReadinessFacts['epic'] & { id: string; labels: readonly string[] };
  workstreams: WorkstreamFacts;
}

/**
 * The summary an epic should carry, computed from storage (record, settings) and Jira (status, labels,
 * workstream counts); null when it should carry none: no handoff record and not an initiative.
 */
export function expectedSummary(facts: SummaryFacts): SearchSummary | null {
  if (facts.record === null && !isInitiative(facts.epic, facts.settings)) return null;
  const { epic } = facts;
  const reminders = reminderInputFor({ issueId: epic.id, key: epic.key, summary: '', statusCategory: epic.statusCategory, url: '' }, facts.record, facts.settings, facts.today);
  return toSearchSummary(facts.record, readinessOf(facts), facts.workstreams, firstReminderOn(reminders));
}

/** Whether what Jira holds is exactly the expected summary: every field, no more (anyone who can edit the epic can write it). */
export function isSameSummary(published: unknown, expected: SearchSummary | null): boolean {
  if (expected === null) return published === undefined || published === null;
  return sameJson(published, expected);
}

/**
 * What can be told about a published summary without reading storage: the ways it contradicts how the app
 * writes one, given the epic's live status and the project's settings. The app never writes a
 * contradiction, so each is someone's edit, or a summary a status or settings change left behind. A
 * careful forgery that contradicts nothing is caught on the next view or issue event, which read storage.
 */
export function summaryContradictions(
  s: SearchSummary,
  statusCategory: ReadinessFacts['epic']['statusCategory'],
  settings: Pick<ProjectSettings, 'kpiMinimums' | 'shipSignalThreshold' | 'requireOwnerAcceptance'>,
): string[] {
  const out: string[] = [];
  const when = (contradicts: boolean, what: string) => contradicts && out.push(what);
  const answered = s.missingCount === 0;
  when((s.level === 'shipped') !== (statusCategory === 'done'), 'the level does not follow the epic\'s status');
  when(s.missingCount !== s.missing.length, 'the count of missing answers is not the list\'s');
  when(s.level === 'ready' && !answered, 'ready with answers missing');
  when(s.level === 'deciding' && answered, 'deciding with nothing missing');
  when(s.level === 'not-started' && (s.conditionsTotal > 0 || s.kpisTotal > 0 || s.ownerAccountId !== '' || s.plannedCloseDate !== '' || s.actualCloseDate !== ''), 'not started with answers recorded');
  when(s.conditionsDecided !== s.conditionsPermanent + s.conditionsWithdrawn || s.conditionsDecided > s.conditionsTotal, 'the condition counts do not add up');
  when(s.kpisAgreed > s.kpisTotal || s.workstreamsDone > s.workstreamsTotal || s.subtasksDone > s.subtasksTotal, 'more agreed or done than there are');
  when(s.ownerAccepted === 'yes' && s.ownerAccountId === '', 'accepted without an owner');
  when((s.version === 0) !== (s.updatedAt === ''), 'the version and the last change disagree');
  when((s.shipSignal === 'yes') !== (s.conditionsDecided > 0 && s.conditionsWithdrawn / s.conditionsDecided > settings.shipSignalThreshold), 'the ship signal does not follow the decisions');
  when(answered && (s.conditionsTotal === 0 || s.conditionsDecided < s.conditionsTotal), 'nothing missing with conditions undecided');
  when(answered && (s.ownerAccountId === '' || (settings.requireOwnerAcceptance && s.ownerAccepted !== 'yes')), 'nothing missing without an accepted owner');
  when(answered && s.kpisAgreed < settings.kpiMinimums.operational + settings.kpiMinimums.business, 'nothing missing with too few agreed KPIs');
  when((s.doneUndecided === 'yes') !== (s.level === 'shipped' && !answered && s.reopened !== 'yes'), '"Done without a decided handoff" does not follow the level');
  when(s.kpiFacts.length !== s.kpisAgreed, 'the KPI progress facts are not one per agreed KPI');
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

function shortSentence(answer: MissingAnswer): string {
  if (answer.code === 'undecided-conditions') return undecidedConditionsSentence(answer.names ?? [], { max: 0 });
  return clip(answer.sentence, SENTENCE_MAX);
}

/**
 * Earliest first review among agreed KPIs (a proposed KPI's date is not a commitment). The report
 * compares it with its own today, so "review date past" never goes stale in the stored summary.
 */
function earliestAgreedReview(record: HandoffRecord | null): string {
  const dates = (record?.kpis ?? [])
    .filter((k) => k.status === 'agreed' && k.firstReviewDate)
    .map((k) => k.firstReviewDate as string)
    .sort();
  return dates[0] ?? '';
}

// ---- reading it back ------------------------------------------------------------------------------
const count = z.number().int().min(0).max(1_000_000);
const yesNo = z.enum(['yes', 'no']);
const dateOrNone = z.union([z.literal(''), IsoDate]);

/**
 * The summary as Jira hands it back. Anyone who can edit the epic can overwrite the property, so every
 * field is checked for its type and size before the report shows it or sorts, filters and exports by it.
 */
export const PublishedSummary = z
  .object({
    v: z.literal(1),
    level: z.enum(READINESS_LEVELS),
    missingCount: count,
    missing: z.array(z.string().max(SENTENCE_MAX)).max(MISSING_MAX),
    shipSignal: yesNo,
    ownerAccountId: z.union([z.literal(''), AccountId]),
    ownerName: z.string().max(LIMITS.shortText),
    ownerAccepted: yesNo,
    conditionsTotal: count,
    conditionsDecided: count,
    conditionsPermanent: count,
    conditionsWithdrawn: count,
    kpisTotal: count,
    kpisAgreed: count,
    workstreamsTotal: count,
    workstreamsDone: count,
    subtasksTotal: count,
    subtasksDone: count,
    nextKpiReviewDate: dateOrNone,
    kpiReviewPast: yesNo,
    plannedCloseDate: dateOrNone,
    actualCloseDate: dateOrNone,
    updatedAt: z.union([z.literal(''), z.iso.datetime()]),
    version: count,
    reopened: yesNo,
    doneUndecided: yesNo,
    kpiFacts: z.array(KpiFactSchema).max(LIMITS.kpis),
    remindOn: dateOrNone,
  })
  .strict() satisfies z.ZodType<SearchSummary>;

/** What a field that cannot be read counts as: nothing known. */
const UNKNOWN: Omit<SearchSummary, 'v' | 'level'> = {
  missingCount: 0,
  missing: [],
  shipSignal: 'no',
  ownerAccountId: '',
  ownerName: 'Unknown user',
  ownerAccepted: 'no',
  conditionsTotal: 0,
  conditionsDecided: 0,
  conditionsPermanent: 0,
  conditionsWithdrawn: 0,
  kpisTotal: 0,
  kpisAgreed: 0,
  workstreamsTotal: 0,
  workstreamsDone: 0,
  subtasksTotal: 0,
  subtasksDone: 0,
  nextKpiReviewDate: '',
  kpiReviewPast: 'no',
  plannedCloseDate: '',
  actualCloseDate: '',
  updatedAt: '',
  version: 0,
  reopened: 'no',
  doneUndecided: 'no',
  kpiFacts: [],
  remindOn: '',
};

/**
 * The published summary if it is one: as stored when every field is right; repaired field by field
 * (a field of the wrong type or size counts as unknown) when only some are; undefined when it is not
 * our summary at all (no version 1, no known level), so the row is read as having none.
 */
export function readPublishedSummary(value: unknown): SearchSummary | undefined {
  const whole = PublishedSummary.safeParse(value);
  if (whole.success) return whole.data;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const shape = PublishedSummary.shape;
  const level = shape.level.safeParse(raw.level);
  if (raw.v !== 1 || !level.success) return undefined;
  const repaired: Record<string, unknown> = { v: 1, level: level.data };
  for (const [field, fallback] of Object.entries(UNKNOWN)) {
    const parsed = shape[field as keyof typeof UNKNOWN].safeParse(raw[field]);
    repaired[field] = parsed.success ? parsed.data : fallback;
  }
  return repaired as unknown as SearchSummary;
}
