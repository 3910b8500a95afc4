/**
 * getReportStart: the report's first call. At once: the first page of initiatives (by id) for the first
 * rows on screen, and the ids of all of them (one ids-only request answers up to 5,000) to plan the
 * partitions the rest is read in, starting right after the first page.
 */
import type { ReportStart } from '../shared/contract';
import { planPartitions, PARTITION_SIZE } from '../domain/report-partitions';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { CallContext } from '../kernel';
import { REPORT_FIELDS } from './report-search';
import { withReportScope } from './report-scope';
import { readRowOf, rowsOf } from './report-rows';
import { searchIds } from './search-ids';

export async function getReportStart(ctx: CallContext): Promise<ReportStart> {
  const { settings, today, found } = await withReportScope(ctx, (scope) =>
    Promise.all([
      ctx.userJira.search(`${scope} ORDER BY id ASC`, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: PARTITION_SIZE }),
      searchIds(ctx.userJira, scope),
    ]),
  );
  const base = { jiraRequests: ctx.userJira.requestCount, today, stallDays: settings.stallDays };
  if (!found) return { rows: [], plan: { partitions: [] }, ...base };
  const [first, ids] = found;
  const last = first.issues[first.issues.length - 1]?.id;
  // Everything was on the first page: nothing to plan. Otherwise the plan starts right after it.
  const plan = !first.nextPageToken ? { partitions: [] } : planPartitions(last ? ids.ids.filter((id) => Number(id) > Number(last)) : ids.ids, { after: last, complete: ids.complete });
  const rows = await rowsOf(ctx, first.issues.map(readRowOf), settings, today);
  return { rows, plan, ...base, jiraRequests: ctx.userJira.requestCount };
}
