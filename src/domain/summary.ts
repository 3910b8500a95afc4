/**
 * The searchable summary: an issue property Jira indexes for JQL and returns with search results,
 * so the report needs no per-epic request. Small by construction: sentences carry no name lists.
 */
import { LIMITS, type HandoffRecord } from './record';
import type { MissingAnswer, Readiness, WorkstreamFacts } from './readiness-types';
import type { SearchSummary } from './report-types';
import { ownerAccepted } from './readiness';
import { clip, undecidedConditionsSentence } from './sentences';

/** Room for any one sentence; the longest fixed sentence is ~130 characters, an owner's name at most 200. */
const SENTENCE_MAX = 300;

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
