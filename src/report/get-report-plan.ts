/** getReportPlan: partitions for the initiatives above `after` (a project with more than one ids request's worth). */
import type { ReportPlanPage } from '../shared/contract';
import { isIssueId, planPartitions } from '../domain/report-partitions';
import { AppError, type CallContext } from '../kernel';
import { withReportScope } from './report-scope';
import { searchIds } from './search-ids';

export async function getReportPlan(ctx: CallContext, payload: { after: string }): Promise<ReportPlanPage> {
  if (!isIssueId(payload.after)) throw new AppError('VALIDATION', 'after must be an issue id');
  const { found } = await withReportScope(ctx, (scope) => searchIds(ctx.userJira, scope, payload.after));
  const plan = found ? planPartitions(found.ids, { after: payload.after, complete: found.complete }) : { partitions: [] };
  return { plan, jiraRequests: ctx.userJira.requestCount };
}
