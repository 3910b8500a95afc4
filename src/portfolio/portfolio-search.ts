/**
 * The portfolio's one Jira query across projects, searched as the user so Jira alone decides which
 * initiatives they see. Initiatives are, per project, the epics carrying that project's initiative label
 * or a published summary (every epic when a project's label is empty); the JQL narrows by the union of
 * the labels, and each row is then checked against its own project's label. Epics are the site's
 * hierarchy-level-1 types, by id. No request per project or per epic: one search page per 100 initiatives.
 */
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import { defaultProjectSettings, JiraLabel, type ProjectSettings } from '../domain/policy';
import { readPublishedSummary } from '../domain/summary';
import type { ReportIssue } from '../domain/report';
import { issueBasics, type JiraIssue } from '../jira';

export const PORTFOLIO_FIELDS = ['summary', 'status', 'labels', 'project', 'statuscategorychangedate'] as const;
export const PORTFOLIO_PAGE_SIZE = 100;

export interface PortfolioScope {
  /** Level-1 issue type ids of the site. */
  epicTypeIds: readonly string[];
  /** Project ids to keep to; undefined = every project the user can browse. */
  projectIds?: readonly string[];
  /** A saved filter to keep to (a gadget's), applied by Jira as the searching user. */
  filterId?: string;
  /** Saved settings per project id; a project without is on the defaults. */
  settings: ReadonlyMap<string, ProjectSettings>;
}

export const settingsOf = (scope: Pick<PortfolioScope, 'settings'>, projectId: string): ProjectSettings => scope.settings.get(projectId) ?? defaultProjectSettings();

/** The portfolio's JQL, by key (one query paged by token: getPortfolioPage). */
export function portfolioJql(scope: PortfolioScope): string {
  return `${portfolioCondition(scope)} ORDER BY key ASC`;
}

/** The portfolio's JQL condition (no ORDER BY): what makes an epic an initiative of a project in scope. */
export function portfolioCondition(scope: PortfolioScope): string {
  const ids = scope.epicTypeIds;
  if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id))) throw new Error(`Not issue type ids: ${ids.join(', ')}`);
  const projects = scope.projectIds;
  if (projects && (projects.length === 0 || projects.some((id) => !/^\d+$/.test(id)))) throw new Error(`Not project ids: ${projects.join(', ')}`);
  // Labels in use: the defaults' for every project that never saved settings (in scope or not), and each saved one.
  const relevant = [...scope.settings.entries()].filter(([id]) => !projects || projects.includes(id)).map(([, s]) => s);
  const everyProjectSaved = projects ? projects.every((id) => scope.settings.has(id)) : false;
  const labels = new Set(relevant.map((s) => JiraLabel.parse(s.initiativeLabel)));
  if (!everyProjectSaved) labels.add(defaultProjectSettings().initiativeLabel);
  // A project whose label is empty counts every epic: the JQL cannot narrow by label then.
  const scopeClause = labels.has('') ? '' : ` AND (labels in (${[...labels].map((l) => `"${l}"`).join(', ')}) OR issue.property[${SUMMARY_PROPERTY_KEY}].level IS NOT EMPTY)`;
  const projectClause = projects ? ` AND project in (${projects.join(', ')})` : '';
  if (scope.filterId !== undefined && !/^\d+$/.test(scope.filterId)) throw new Error(`Not a filter id: ${scope.filterId}`);
  const filterClause = scope.filterId !== undefined ? `filter = ${scope.filterId} AND ` : '';
  return `${filterClause}issuetype in (${ids.join(', ')})${projectClause}${scopeClause}`;
}

export interface PortfolioIssue {
  epic: ReportIssue;
  project: { id: string; key: string; name: string };
  summary?: SearchSummary;
  /** Jira's statuscategorychangedate: when a Done epic reached Done. */
  statusCategoryChanged?: string;
}

/** The issue as the portfolio reads it, or null when its project does not count it as an initiative. */
export function portfolioIssueOf(issue: JiraIssue, scope: Pick<PortfolioScope, 'settings'>): PortfolioIssue | null {
  const f = issue.fields as JiraIssue['fields'] & { statuscategorychangedate?: string };
  const project = { id: String(f.project?.id ?? ''), key: String(f.project?.key ?? ''), name: String(f.project?.name ?? '') };
  const summary = readPublishedSummary(issue.properties?.[SUMMARY_PROPERTY_KEY]);
  const label = settingsOf(scope, project.id).initiativeLabel;
  const labels = Array.isArray(f.labels) ? f.labels.map(String) : [];
  if (!summary && label !== '' && !labels.includes(label)) return null;
  return { epic: issueBasics(issue), project, ...(summary ? { summary } : {}), ...(typeof f.statuscategorychangedate === 'string' ? { statusCategoryChanged: f.statuscategorychangedate } : {}) };
}
