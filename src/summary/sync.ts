/**
 * The searchable summary's one module: compute the summary an epic should carry from storage (record,
 * settings) and Jira (status, labels, workstream counts), and write it only when what Jira holds differs
 * in any field — a summary never written, one a failed publish left stale, or one an editor forged (any
 * user who can edit the epic can write its properties). An epic with no handoff that is no initiative
 * carries none: a summary found there is removed.
 */
import { isoToday } from '../domain/dates';
import type { HandoffRecord } from '../domain/record';
import type { ProjectSettings } from '../domain/policy';
import type { StatusCategoryKey, WorkstreamFacts } from '../domain/readiness-types';
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import { expectedSummary, isSameSummary, readPublishedSummary } from '../domain/summary';
import { countWorkstreams, type JiraGateway } from '../jira';

export interface SummaryInput {
  epic: { id: string; key: string; statusCategory: StatusCategoryKey; labels: readonly string[] };
  record: HandoffRecord | null;
  settings: ProjectSettings;
  /** The property as Jira holds it now, whatever it is; undefined or null when there is none. */
  published: unknown;
}

/**
 * Live workstream counts, or how to get them. A function is called only when a write turns out to be due:
 * until then the published counts, if they are plausible, stand in for the comparison (only a marker
 * search knows the real ones, and the trigger and the Workstreams tab, which have them, judge those).
 */
export type CountsSource = WorkstreamFacts | (() => Promise<WorkstreamFacts>);

export type SyncOutcome = 'unchanged' | 'written' | 'removed' | 'failed';

export interface SyncResult {
  outcome: SyncOutcome;
  /** What the epic carries now (or should: after a failed write); null when it carries none. */
  summary: SearchSummary | null;
}

/** The summary is one shared copy: it counts days in UTC, as the gate and the trigger do, whoever looks. */
const summaryToday = (): string => isoToday(new Date(), 'UTC');

/** Compute the summary for this epic and write it if it differs. Never throws: a failed write is logged and repaired by the next read. */
export async function syncSummary(appJira: JiraGateway, input: SummaryInput, counts: CountsSource): Promise<SyncResult> {
  const facts = { ...input, today: summaryToday() };
  const standIn = typeof counts === 'function' ? plausibleCounts(input.published) : counts;
  let expected = standIn ? expectedSummary({ ...facts, workstreams: standIn }) : undefined;
  if (expected !== undefined && isSameSummary(input.published, expected)) return { outcome: 'unchanged', summary: expected };
  try {
    if (expected === undefined || typeof counts === 'function') {
      expected = expectedSummary({ ...facts, workstreams: typeof counts === 'function' ? await counts() : counts });
      if (isSameSummary(input.published, expected)) return { outcome: 'unchanged', summary: expected };
    }
    if (expected === null) {
      await appJira.deleteIssueProperty(input.epic.id, SUMMARY_PROPERTY_KEY);
      return { outcome: 'removed', summary: null };
    }
    await appJira.setIssueProperty(input.epic.id, SUMMARY_PROPERTY_KEY, expected);
    return { outcome: 'written', summary: expected };
  } catch (e) {
    console.warn(`Could not write the readiness summary of ${input.epic.key}; the next read of its handoff writes it again.`, e);
    return { outcome: 'failed', summary: expected ?? null };
  }
}

/** The published workstream and sub-task counts when they could be real (never more done than there are). */
function plausibleCounts(published: unknown): WorkstreamFacts | undefined {
  const read = readPublishedSummary(published);
  if (!read || read.workstreamsDone > read.workstreamsTotal || read.subtasksDone > read.subtasksTotal) return undefined;
  return { total: read.workstreamsTotal, done: read.workstreamsDone, subtasksTotal: read.subtasksTotal, subtasksDone: read.subtasksDone };
}

/**
 * How many of the epic's workstream issues and their sub-tasks are done: the marker search, the same one the
 * panel, the gate and the trigger count with. Skipped (no request) while neither the record nor the published summary
 * knows of any workstream issue.
 */
export function workstreamCounts(jira: JiraGateway, epicId: string, record: HandoffRecord | null, published: unknown): Promise<WorkstreamFacts> {
  const known = Object.keys(record?.workstreams ?? {}).length > 0 || (readPublishedSummary(published)?.workstreamsTotal ?? 0) > 0;
  return known ? countWorkstreams(jira, { id: epicId }) : Promise.resolve({ total: 0, done: 0, subtasksTotal: 0, subtasksDone: 0 });
}
