/** getReportPage: up to `maxPages` pages of the project's initiatives as report rows, and where to continue. */
import type { ReportPage } from '../shared/contract';
import { toReportRow } from '../domain/report';
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import type { ProjectSettings } from '../domain/policy';
import { loadSettings } from '../storage';
import { requireProject, requireProjectPermission, type CallContext } from '../kernel';
import { REPORT_FIELDS, REPORT_PAGE_SIZE, epicTypeIdsOf, reportIssueOf, reportJql, summaryOf, summaryWithoutRecord } from './report-search';
import { repairForgedSummaries, type ReadRow } from './forged-summaries';

/** 10 pages = 1,000 rows a call: well inside the 5 MB response limit and the 25 s budget. */
const DEFAULT_MAX_PAGES = 10;

export async function getReportPage(ctx: CallContext, payload: { nextPageToken?: string; maxPages?: number }): Promise<ReportPage> {
  const { project } = requireProject(ctx);
  // Jira would show a stranger no rows, but the settings figures (stall threshold, policy) are the app's:
  // only someone who can browse the project reads them. The issue types are asked as the user on every call
  // (a page token from an earlier call carries no type ids). All three in parallel; the permission decides first.
  const [allowed, settingsRead, typesRead] = await Promise.allSettled([
    requireProjectPermission(ctx.userJira, project.key, 'BROWSE_PROJECTS'),
    loadSettings(project.id),
    ctx.userJira.projectIssueTypes(project.id),
  ]);
  if (allowed.status === 'rejected') throw allowed.reason;
  if (settingsRead.status === 'rejected') throw settingsRead.reason;
  if (typesRead.status === 'rejected') throw typesRead.reason;
  const settings = settingsRead.value;
  const types = typesRead.value;
  const today = isoToday(new Date(), ctx.timezone);
  const epicTypeIds = epicTypeIdsOf(types);
  if (epicTypeIds.length === 0) return { rows: [], jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
  const jql = reportJql(project.id, settings.initiativeLabel, epicTypeIds);
  const read: ReadRow[] = [];
  let nextPageToken = payload.nextPageToken;
  for (let page = 0; page < (payload.maxPages ?? DEFAULT_MAX_PAGES); page++) {
    const result = await ctx.userJira.search(jql, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: REPORT_PAGE_SIZE, nextPageToken });
    for (const issue of result.issues) read.push({ issue, epic: reportIssueOf(issue), published: issue.properties?.[SUMMARY_PROPERTY_KEY], summary: summaryOf(issue) });
    nextPageToken = result.nextPageToken;
    if (!nextPageToken) break;
  }
  const repaired = await repairForgedSummaries(ctx.appJira, read, settings);
  const rows = read.flatMap((r) => {
    const summary = repaired.has(r.epic.id) ? repaired.get(r.epic.id) : r.summary;
    // A summary removed by the repair belonged on no initiative: the epic is not one.
    return summary === null ? [] : [toReportRow(r.epic, summary ?? rowWithoutSummary(r, settings, today), today, settings)];
  });
  return { rows, ...(nextPageToken ? { nextPageToken } : {}), jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
}

const rowWithoutSummary = (r: ReadRow, settings: ProjectSettings, today: string): SearchSummary => summaryWithoutRecord(r.epic, settings, today);
