/** getPortfolioPlan: id ranges for the initiatives above `after` (a portfolio of more than one ids request's worth). */
import type { PortfolioPlanPage } from '../shared/contract';
import { isIssueId, planPartitions } from '../domain/report-partitions';
import { searchIds } from '../jira';
import { AppError, type CallContext } from '../kernel';
import { portfolioScope } from './get-portfolio-page';
import type { PortfolioSelection } from './gadget-config';
import { portfolioCondition } from './portfolio-search';

export async function getPortfolioPlan(ctx: CallContext, payload: PortfolioSelection & { after: string }): Promise<PortfolioPlanPage> {
  if (!isIssueId(payload.after)) throw new AppError('VALIDATION', 'after must be an issue id');
  const scoped = await portfolioScope(ctx, payload, (scope) => searchIds(ctx.userJira, portfolioCondition(scope), payload.after));
  if (!scoped) return { plan: { partitions: [] }, jiraRequests: ctx.userJira.requestCount };
  const { found } = scoped;
  return { plan: planPartitions(found.ids, { after: payload.after, complete: found.complete }), jiraRequests: ctx.userJira.requestCount };
}
