/**
 * getPortfolioPage: up to `maxPages` pages of every initiative the user can browse across projects (or
 * across the projects a gadget was configured with), as report rows with their project, and where to go on:
 * one query paged by token, pages one after another. The pages read the portfolio in id ranges instead
 * (getPortfolioStart, getPortfolioRows, getPortfolioPlan); this answers one page for a quick look.
 */
import type { PortfolioPage, PortfolioRow } from '../shared/contract';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { loadAllSettings } from '../storage';
import { AppError, type CallContext } from '../kernel';
import { epicTypeIdsOf, PORTFOLIO_FIELDS, PORTFOLIO_PAGE_SIZE, portfolioJql, type PortfolioScope } from './portfolio-search';
import { portfolioRowsOf } from './portfolio-rows';

const DEFAULT_MAX_PAGES = 10;

export interface PortfolioPayload {
  projectKeys?: string[];
  nextPageToken?: string;
  maxPages?: number;
}

/** The scope of a call: the site's epic types, every saved setting and, for a configured gadget, the projects the user can browse. */
export async function portfolioScope(ctx: CallContext, projectKeys?: readonly string[]): Promise<{ scope: PortfolioScope; projects?: Array<{ id: string; key: string; name: string }> } | null> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Log in to Jira to use Production Handoff.');
  // All three at once; projects come back only when the user may browse them (Jira decides).
  const [types, settings, projects] = await Promise.all([
    ctx.userJira.issueTypes(),
    loadAllSettings(),
    projectKeys ? ctx.userJira.browsableProjects(projectKeys) : Promise.resolve(undefined),
  ]);
  const epicTypeIds = epicTypeIdsOf(types);
  if (epicTypeIds.length === 0 || (projects && projects.length === 0)) return null;
  return { scope: { epicTypeIds, settings, ...(projects ? { projectIds: projects.map((p) => p.id) } : {}) }, ...(projects ? { projects } : {}) };
}

export async function getPortfolioPage(ctx: CallContext, payload: PortfolioPayload): Promise<PortfolioPage> {
  const today = isoToday(new Date(), ctx.timezone);
  const scoped = await portfolioScope(ctx, payload.projectKeys);
  if (!scoped) return { rows: [], jiraRequests: ctx.userJira.requestCount, today };
  const { scope } = scoped;
  const jql = portfolioJql(scope);
  const rows: PortfolioRow[] = [];
  let nextPageToken = payload.nextPageToken;
  for (let page = 0; page < (payload.maxPages ?? DEFAULT_MAX_PAGES); page++) {
    const result = await ctx.userJira.search(jql, { fields: PORTFOLIO_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: PORTFOLIO_PAGE_SIZE, nextPageToken });
    rows.push(...portfolioRowsOf(result.issues, scope, today));
    nextPageToken = result.nextPageToken;
    if (!nextPageToken) break;
  }
  return { rows, ...(nextPageToken ? { nextPageToken } : {}), jiraRequests: ctx.userJira.requestCount, today };
}
