/** getReportPage: up to `maxPages` pages of the project's initiatives as report rows, and where to continue. */
import type { ReportPage } from '../shared/contract';
import { toReportRow } from '../domain/report';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { loadSettings } from '../storage';
import { requireProject, type CallContext } from '../resolvers/context';
import { REPORT_FIELDS, REPORT_PAGE_SIZE, epicTypeIdsOf, reportIssueOf, reportJql, summaryOf, summaryWithoutRecord } from './report-search';

/** 10 pages = 1,000 rows a call: well inside the 5 MB response limit and the 25 s budget. */
export const DEFAULT_MAX_PAGES = 10;

export async function getReportPage(ctx: CallContext, payload: { nextPageToken?: string; maxPages?: number }): Promise<ReportPage> {
  const { project } = requireProject(ctx);
  // Asked as the user on every call (one request): a page token from an earlier call carries no type ids.
  const [settings, types] = await Promise.all([loadSettings(project.id), ctx.userJira.projectIssueTypes(project.id)]);
  const today = isoToday(new Date(), ctx.timezone);
  const epicTypeIds = epicTypeIdsOf(types);
  if (epicTypeIds.length === 0) return { rows: [], jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
  const jql = reportJql(project.id, settings.initiativeLabel, epicTypeIds);
  const rows: ReportPage['rows'] = [];
  let nextPageToken = payload.nextPageToken;
  for (let page = 0; page < (payload.maxPages ?? DEFAULT_MAX_PAGES); page++) {
    const result = await ctx.userJira.search(jql, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: REPORT_PAGE_SIZE, nextPageToken });
    for (const issue of result.issues) {
      const epic = reportIssueOf(issue);
      rows.push(toReportRow(epic, summaryOf(issue) ?? summaryWithoutRecord(epic, settings, today), today, settings));
    }
    nextPageToken = result.nextPageToken;
    if (!nextPageToken) break;
  }
  return { rows, ...(nextPageToken ? { nextPageToken } : {}), jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
}
