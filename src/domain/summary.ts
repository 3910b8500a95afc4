/**
 * The searchable summary: an issue property Jira indexes for JQL and returns with search results,
 * so the report needs no per-epic request. Small by construction: sentences carry no name lists.
 */
import { z } from 'zod';
import { AccountId, IsoDate, LIMITS, type HandoffRecord } from './record';
import { READINESS_LEVELS, type MissingAnswer, type Readiness, type WorkstreamFacts } from './readiness-types';
import type { SearchSummary } from './report-types';
import { ownerAccepted } from './readiness';
import { clip, undecidedConditionsSentence } from './sentences';

/** Room for any one sentence; the longest fixed sentence is ~130 characters, an owner's name at most 200. */
const SENTENCE_MAX = 300;
/** One sentence per kind of missing answer at most (MissingAnswer has eight codes). */
const MISSING_MAX = 8;

export function toSearchSummary(record: HandoffRecord | null, readiness: Readiness, workstreams?: WorkstreamFacts): SearchSummary {
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
    nextKpiReviewDate: earliestAgreedReview(record),
    kpiReviewPast: readiness.kpiFlags.some((f) => f.kind === 'review-date-passed') ? 'yes' : 'no',
    plannedCloseDate: record?.pilot.plannedCloseDate ?? '',
    actualCloseDate: record?.pilot.actualCloseDate ?? '',
    updatedAt: record?.updated.at ?? '',
    version: record?.version ?? 0,
  };
  const size = JSON.stringify(summary).length;
  if (size > LIMITS.summaryChars) throw new Error(`Search summary is ${size} characters, over ${LIMITS.summaryChars}`);
  return summary;
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
    nextKpiReviewDate: dateOrNone,
    kpiReviewPast: yesNo,
    plannedCloseDate: dateOrNone,
    actualCloseDate: dateOrNone,
    updatedAt: z.union([z.literal(''), z.iso.datetime()]),
    version: count,
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
  nextKpiReviewDate: '',
  kpiReviewPast: 'no',
  plannedCloseDate: '',
  actualCloseDate: '',
  updatedAt: '',
  version: 0,
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
