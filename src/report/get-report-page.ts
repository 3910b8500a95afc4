/**
 * getReportPage: up to `maxPages` pages of the project's initiatives in key order, and where to continue.
 * One query paged in sequence; the report page itself loads through getReportStart and getReportRows
 * (partitions read at once), this stays for callers that want plain pages.
 */
import type { ReportPage } from '../shared/contract';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { CallContext } from '../kernel';
import { REPORT_FIELDS, REPORT_PAGE_SIZE } from './report-search';
import { withReportScope } from './report-scope';
import { readRowOf, rowsOf } from './report-rows';
import type { ReadRow } from './forged-summaries';

/** 10 pages = 1,000 rows a call: well inside the 5 MB response limit and the 25 s budget. */
const DEFAULT_MAX_PAGES = 10;

export async function getReportPage(ctx: CallContext, payload: { nextPageToken?: string; maxPages?: number }): Promise<ReportPage> {
  const { settings, today, found } = await withReportScope(ctx, async (scope) => {
    const read: ReadRow[] = [];
    let nextPageToken = payload.nextPageToken;
    for (let page = 0; page < (payload.maxPages ?? DEFAULT_MAX_PAGES); page++) {
      const result = await ctx.userJira.search(`${scope} ORDER BY key ASC`, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: REPORT_PAGE_SIZE, nextPageToken });
      read.push(...result.issues.map(readRowOf));
      nextPageToken = result.nextPageToken;
      if (!nextPageToken) break;
    }
    return { read, nextPageToken };
  });
  if (!found) return { rows: [], jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
  const rows = await rowsOf(ctx, found.read, settings, today);
  return { rows, ...(found.nextPageToken ? { nextPageToken: found.nextPageToken } : {}), jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
}
