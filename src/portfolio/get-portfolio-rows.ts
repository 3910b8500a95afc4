/** getPortfolioRows: the portfolio's rows in up to 10 id ranges, searched at once as the user; the page runs several such calls side by side. */
import type { PortfolioRowsPage } from '../shared/contract';
import type { ReportPartition } from '../domain/report-partitions';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { searchPartitions } from '../jira';
import type { CallContext } from '../kernel';
import { portfolioScope } from './get-portfolio-page';
import type { PortfolioSelection } from './gadget-config';
import { portfolioRowsOf } from './portfolio-rows';
import { PORTFOLIO_FIELDS, portfolioCondition } from './portfolio-search';

export async function getPortfolioRows(ctx: CallContext, payload: PortfolioSelection & { partitions: ReportPartition[] }): Promise<PortfolioRowsPage> {
  const today = isoToday(new Date(), ctx.timezone);
  const scoped = await portfolioScope(ctx, payload, (scope) => searchPartitions(ctx.userJira, portfolioCondition(scope), payload.partitions, { fields: PORTFOLIO_FIELDS, properties: [SUMMARY_PROPERTY_KEY] }));
  if (!scoped) return { rows: [], unfinished: [], jiraRequests: ctx.userJira.requestCount, today };
  const { found } = scoped;
  return { rows: portfolioRowsOf(found.issues, scoped.scope, today), unfinished: found.unfinished, jiraRequests: ctx.userJira.requestCount, today };
}
