/**
 * The report's one Jira query. Initiatives are the project's epics that carry the initiative label or
 * already have a handoff (a published summary); with no label set, every epic. An initiative without
 * a record shows as "not started", which is exactly what a sponsor needs to see. Epics are the
 * project's hierarchy-level-1 types, by id: sites rename "Epic" and add level-1 types of their own.
 * Only summary and status come back, with the readiness summary property riding along, so the report
 * costs one request per 100 epics and never one per epic. Jira filters by the user's browse permission.
 */
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import type { ReportIssue } from '../domain/report';
import { JiraLabel } from '../domain/policy';
import { readPublishedSummary } from '../domain/summary';
import { issueBasics, type JiraIssue } from '../jira';

export const REPORT_FIELDS = ['summary', 'status', 'labels'] as const;
/** Jira's maximum page size when fields are asked for. */
export const REPORT_PAGE_SIZE = 100;

/** The report's JQL condition (no ORDER BY): what makes an epic of this project an initiative. */
export function reportScope(projectId: string, initiativeLabel: string, epicTypeIds: readonly string[]): string {
  if (!/^\d+$/.test(projectId)) throw new Error(`Not a project id: ${projectId}`);
  if (epicTypeIds.length === 0 || epicTypeIds.some((id) => !/^\d+$/.test(id))) throw new Error(`Not issue type ids: ${epicTypeIds.join(', ')}`);
  const label = JiraLabel.parse(initiativeLabel);
  const scope = label ? ` AND (labels = "${label}" OR issue.property[${SUMMARY_PROPERTY_KEY}].level IS NOT EMPTY)` : '';
  return `project = ${projectId} AND issuetype in (${epicTypeIds.join(', ')})${scope}`;
}

export function reportJql(projectId: string, initiativeLabel: string, epicTypeIds: readonly string[]): string {
  return `${reportScope(projectId, initiativeLabel, epicTypeIds)} ORDER BY key ASC`;
}

export function reportIssueOf(issue: JiraIssue): ReportIssue {
  return issueBasics(issue);
}

/**
 * The summary property as stored on the issue. Anyone who can edit the issue can edit it, so it is read
 * through the strict schema: wrong types are repaired or the value ignored, never shown (the gate never
 * reads it at all).
 */
export function summaryOf(issue: JiraIssue): SearchSummary | undefined {
  return readPublishedSummary(issue.properties?.[SUMMARY_PROPERTY_KEY]);
}
