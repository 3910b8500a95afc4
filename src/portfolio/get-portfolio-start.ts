/**
 * getPortfolioStart: the portfolio's first call, as the report's (issue 12). At once, as the user: the
 * first page of initiatives by id (the first rows on screen) and the ids of all of them (one ids-only
 * request answers up to 5,000) to plan the id ranges the rest is read in, starting right after that page.
 */
import type { PortfolioStart } from '../shared/contract';
import { planPartitions, PARTITION_SIZE } from '../domain/report-partitions';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { searchIds } from '../jira';
import type { CallContext } from '../kernel';
import { portfolioScope } from './get-portfolio-page';
import type { PortfolioSelection } from './gadget-config';
import { portfolioRowsOf } from './portfolio-rows';
import { PORTFOLIO_FIELDS, portfolioCondition } from './portfolio-search';

export async function getPortfolioStart(ctx: CallContext, payload: PortfolioSelection): Promise<PortfolioStart> {
  const today = isoToday(new Date(), ctx.timezone);
  const scoped = await portfolioScope(ctx, payload, (scope) => {
    const condition = portfolioCondition(scope);
    return Promise.all([
      ctx.userJira.search(`${condition} ORDER BY id ASC`, { fields: PORTFOLIO_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: PARTITION_SIZE }),
      searchIds(ctx.userJira, condition),
    ]);
  });
  if (!scoped) return { rows: [], plan: { partitions: [] }, jiraRequests: ctx.userJira.requestCount, today };
  const [first, ids] = scoped.found;
  const last = first.issues[first.issues.length - 1]?.id;
  // Everything was on the first page: nothing to plan. Otherwise the plan starts right after it.
  const plan = !first.nextPageToken ? { partitions: [] } : planPartitions(last ? ids.ids.filter((id) => Number(id) > Number(last)) : ids.ids, { after: last, complete: ids.complete });
  return { rows: portfolioRowsOf(first.issues, scoped.scope, today), plan, jiraRequests: ctx.userJira.requestCount, today, ...(scoped.filter ? { filter: scoped.filter } : {}) };
}
