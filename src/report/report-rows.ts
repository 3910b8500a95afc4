/** The report's rows from what its searches returned: summaries it can fault are rewritten from storage first. */
import type { ReportRow } from '../domain/report-types';
import { toReportRow } from '../domain/report';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { ProjectSettings } from '../domain/policy';
import type { JiraIssue } from '../jira';
import type { CallContext } from '../kernel';
import { repairForgedSummaries, type ReadRow } from './forged-summaries';
import { summaryWithoutRecord } from '../domain/summary';
import { reportIssueOf, summaryOf } from './report-search';

export function readRowOf(issue: JiraIssue): ReadRow {
  return { issue, epic: reportIssueOf(issue), published: issue.properties?.[SUMMARY_PROPERTY_KEY], summary: summaryOf(issue) };
}

export async function rowsOf(ctx: CallContext, read: readonly ReadRow[], settings: ProjectSettings, today: string): Promise<ReportRow[]> {
  const repaired = await repairForgedSummaries(ctx.appJira, read, settings);
  return read.flatMap((r) => {
    const summary = repaired.has(r.epic.id) ? repaired.get(r.epic.id) : r.summary;
    // A summary removed by the repair belonged on no initiative: the epic is not one.
    return summary === null ? [] : [toReportRow(r.epic, summary ?? summaryWithoutRecord(r.epic, settings, today), today, settings)];
  });
}
