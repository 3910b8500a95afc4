/** getReportRows: the rows of up to 10 partitions, read at once; the report page runs several such calls side by side. */
import type { ReportRowsPage } from '../shared/contract';
import type { ReportPartition } from '../domain/report-partitions';
import type { CallContext } from '../kernel';
import { withReportScope } from './report-scope';
import { readPartitions } from './read-partitions';
import { rowsOf } from './report-rows';

export async function getReportRows(ctx: CallContext, payload: { partitions: ReportPartition[] }): Promise<ReportRowsPage> {
  const { settings, today, found } = await withReportScope(ctx, (scope) => readPartitions(ctx.userJira, scope, payload.partitions));
  const base = { today, stallDays: settings.stallDays };
  if (!found) return { rows: [], unfinished: [], jiraRequests: ctx.userJira.requestCount, ...base };
  const rows = await rowsOf(ctx, found.read, settings, today);
  return { rows, unfinished: found.unfinished, jiraRequests: ctx.userJira.requestCount, ...base };
}
