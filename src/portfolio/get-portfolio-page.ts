/**
 * getPortfolioPage: up to `maxPages` pages of every initiative the user can browse across projects (or
 * across the projects a gadget was configured with), as report rows with their project, and where to go on:
 * one query paged by token, pages one after another. The pages read the portfolio in id ranges instead
 * (getPortfolioStart, getPortfolioRows, getPortfolioPlan); this answers one page for a quick look.
 */
import type { PortfolioPage, PortfolioRow } from '../shared/contract';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { loadAllSettings, loadPortfolioEpicTypeIds, rememberPortfolioEpicTypeIds } from '../storage';
import { AppError, type CallContext } from '../kernel';
import { epicTypeIdsOf, searchEarly, searchWithEpicTypes, type JiraIssue } from '../jira';
import { PORTFOLIO_FIELDS, PORTFOLIO_PAGE_SIZE, portfolioJql, type PortfolioScope } from './portfolio-search';
import { portfolioRowsOf } from './portfolio-rows';
import type { PortfolioSelection } from './gadget-config';

const DEFAULT_MAX_PAGES = 10;

export interface PortfolioPayload extends PortfolioSelection {
  nextPageToken?: string;
  maxPages?: number;
}

export interface ScopedPortfolio<T> {
  scope: PortfolioScope;
  projects?: Array<{ id: string; key: string; name: string }>;
  filter?: { id: string; name: string };
  /** What the call's `search` found with this scope. */
  found: T;
}

/**
 * Runs the call's `search` with its scope: the site's epic types, every saved setting and, for a configured
 * gadget, the projects the user can browse or its saved filter when Jira lets the user see it (a filter not
 * shared with the user, or deleted, is said so, never searched); null when nothing can be an initiative. As the report does
 * (report-scope.ts), the search starts with the epic types remembered in storage as soon as storage (and the
 * projects) answer, instead of after Jira's answer on the types, which still decides: when the types
 * changed, `search` runs again with Jira's and those are remembered, so a remembered list never decides
 * which issues are shown. Every search is the user's, so Jira alone decides what they may see.
 */
export async function portfolioScope<T>(ctx: CallContext, selection: PortfolioSelection, search: (scope: PortfolioScope) => Promise<T>): Promise<ScopedPortfolio<T> | null> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Log in to Jira to use Production Handoff.');
  const { projectKeys, filterId } = selection;
  // All at once; projects and the filter come back only when the user may browse or see them (Jira decides).
  const types = ctx.userJira.issueTypes().then(epicTypeIdsOf);
  // Awaited below; until then a failure must not count as unhandled.
  types.catch(() => undefined);
  const [settings, remembered, projects, filter] = await Promise.all([
    loadAllSettings(),
    loadPortfolioEpicTypeIds().catch((e: unknown) => {
      console.warn('Could not read the portfolio\'s remembered epic types; this call waits for Jira\'s.', e);
      return null;
    }),
    projectKeys ? ctx.userJira.browsableProjects(projectKeys) : Promise.resolve(undefined),
    filterId !== undefined ? ctx.userJira.savedFilter(filterId) : Promise.resolve(undefined),
  ]);
  if (filter === null) {
    throw new AppError('NOT_FOUND', `This gadget's saved filter (${filterId}) is not shared with you or no longer exists: edit the gadget to choose another.`);
  }
  if (projects && projects.length === 0) return null;
  const within = { settings, ...(projects ? { projectIds: projects.map((p) => p.id) } : {}), ...(filter ? { filterId: filter.id } : {}) };
  const early = searchEarly(remembered, (epicTypeIds) => search({ ...within, epicTypeIds }));
  const epicTypeIds = await types;
  if (epicTypeIds.length === 0) return null;
  const scope: PortfolioScope = { ...within, epicTypeIds };
  const place = { ...(projects ? { projects } : {}), ...(filter ? { filter } : {}) };
  const found = await searchWithEpicTypes(early, epicTypeIds, (ids) => search({ ...within, epicTypeIds: ids }), rememberPortfolioEpicTypeIds);
  return { scope, ...place, found };
}

export async function getPortfolioPage(ctx: CallContext, payload: PortfolioPayload): Promise<PortfolioPage> {
  const today = isoToday(new Date(), ctx.timezone);
  const scoped = await portfolioScope(ctx, payload, async (scope) => {
    const jql = portfolioJql(scope);
    const issues: JiraIssue[] = [];
    let nextPageToken = payload.nextPageToken;
    for (let page = 0; page < (payload.maxPages ?? DEFAULT_MAX_PAGES); page++) {
      const result = await ctx.userJira.search(jql, { fields: PORTFOLIO_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: PORTFOLIO_PAGE_SIZE, nextPageToken });
      issues.push(...result.issues);
      nextPageToken = result.nextPageToken;
      if (!nextPageToken) break;
    }
    return { issues, nextPageToken };
  });
  if (!scoped) return { rows: [], jiraRequests: ctx.userJira.requestCount, today };
  const { nextPageToken } = scoped.found;
  const rows: PortfolioRow[] = portfolioRowsOf(scoped.found.issues, scoped.scope, today);
  return { rows, ...(nextPageToken ? { nextPageToken } : {}), jiraRequests: ctx.userJira.requestCount, today };
}
