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
import type { PortfolioSelection } from './gadget-config';

const DEFAULT_MAX_PAGES = 10;

export interface PortfolioPayload extends PortfolioSelection {
  nextPageToken?: string;
  maxPages?: number;
}

export interface ScopedPortfolio {
  scope: PortfolioScope;
  projects?: Array<{ id: string; key: string; name: string }>;
  filter?: { id: string; name: string };
}

/**
 * The scope of a call: the site's epic types, every saved setting and, for a configured gadget, the projects
 * the user can browse or the saved filter, when Jira lets the user see it. A filter not shared with the user
 * (or deleted) is said so, never searched as anyone else.
 */
export async function portfolioScope(ctx: CallContext, selection: PortfolioSelection): Promise<ScopedPortfolio | null> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Log in to Jira to use Production Handoff.');
  const { projectKeys, filterId } = selection;
  // All at once; projects and the filter come back only when the user may browse or see them (Jira decides).
  const [types, settings, projects, filter] = await Promise.all([
    ctx.userJira.issueTypes(),
    loadAllSettings(),
    projectKeys ? ctx.userJira.browsableProjects(projectKeys) : Promise.resolve(undefined),
    filterId !== undefined ? ctx.userJira.savedFilter(filterId) : Promise.resolve(undefined),
  ]);
  if (filter === null) {
    throw new AppError('NOT_FOUND', `This gadget's saved filter (${filterId}) is not shared with you or no longer exists: edit the gadget to choose another.`);
  }
  const epicTypeIds = epicTypeIdsOf(types);
  if (epicTypeIds.length === 0 || (projects && projects.length === 0)) return null;
  return {
    scope: { epicTypeIds, settings, ...(projects ? { projectIds: projects.map((p) => p.id) } : {}), ...(filter ? { filterId: filter.id } : {}) },
    ...(projects ? { projects } : {}),
    ...(filter ? { filter } : {}),
  };
}

export async function getPortfolioPage(ctx: CallContext, payload: PortfolioPayload): Promise<PortfolioPage> {
  const today = isoToday(new Date(), ctx.timezone);
  const scoped = await portfolioScope(ctx, payload);
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
