/**
 * The report believes no summary it can tell is wrong. From what one search returns (the epic's status,
 * labels and summary property) and the project's settings it finds the summaries that contradict how the
 * app writes one (`summaryContradictions`, or a summary that does not read whole); only for those does it
 * read the records — one storage batch per 25, never a request per row — and rewrite the summary from
 * storage as the app. A forgery that contradicts nothing is rewritten by the next panel view or issue event.
 */
import { PublishedSummary, summaryContradictions } from '../domain/summary';
import type { ProjectSettings } from '../domain/policy';
import type { SearchSummary } from '../domain/report-types';
import type { ReportIssue } from '../domain/report';
import type { JiraGateway, JiraIssue } from '../jira';
import { loadRecords } from '../storage';
import { syncSummary, workstreamCounts } from '../summary';

export interface ReadRow {
  issue: JiraIssue;
  epic: ReportIssue;
  /** The property as the search returned it. */
  published: unknown;
  /** It, read through the strict schema (undefined: none, or not a summary at all). */
  summary: SearchSummary | undefined;
}

/** Rewrites per call at most: the rest are shown as read and rewritten by a later call. */
const REPAIRS_PER_CALL = 50;
/** Writes at once, so one call never floods Jira. */
const WRITES_AT_ONCE = 5;

/** The rewritten summaries by issue id (null: removed, the epic should carry none). */
export async function repairForgedSummaries(appJira: JiraGateway, rows: readonly ReadRow[], settings: ProjectSettings): Promise<Map<string, SearchSummary | null>> {
  const suspects = rows.filter((r) => isSuspect(r, settings)).slice(0, REPAIRS_PER_CALL);
  const repaired = new Map<string, SearchSummary | null>();
  if (suspects.length === 0) return repaired;
  const records = await loadRecords(suspects.map((r) => r.epic.id)).catch((e: unknown) => {
    console.warn('Could not read the records behind the summaries the report doubts; they are shown as read.', e);
    return new Map();
  });
  const judged = suspects.filter((r) => records.has(r.epic.id));
  for (let i = 0; i < judged.length; i += WRITES_AT_ONCE) {
    await Promise.all(judged.slice(i, i + WRITES_AT_ONCE).map(async (r) => {
      const record = records.get(r.epic.id)?.record ?? null;
      const epic = { ...r.epic, labels: r.issue.fields.labels ?? [] };
      const { outcome, summary } = await syncSummary(appJira, { epic, record, settings, published: r.published }, () => workstreamCounts(appJira, r.epic.id, record, r.published));
      if (outcome !== 'failed') repaired.set(r.epic.id, summary);
    }));
  }
  return repaired;
}

function isSuspect(r: ReadRow, settings: ProjectSettings): boolean {
  if (r.published === undefined || r.published === null) return false;
  if (!r.summary || !PublishedSummary.safeParse(r.published).success) return true;
  return summaryContradictions(r.summary, r.epic.statusCategory, settings).length > 0;
}
