/** The epic as the app reads it: one Jira read with the few fields every use case needs. */
import { isEpic, issueBasics, type IssueBasics, type JiraIssue } from './types';

export const EPIC_FIELDS = ['summary', 'status', 'issuetype', 'project', 'labels'] as const;

export interface Epic extends IssueBasics {
  projectId: string;
  projectKey: string;
  /** Hierarchy level 1; false for an issue retyped after its handoff started. */
  isEpic: boolean;
  labels: string[];
}

export function toEpic(issue: JiraIssue): Epic {
  const f = issue.fields;
  return {
    ...issueBasics(issue),
    projectId: String(f.project?.id ?? ''),
    projectKey: f.project?.key ?? '',
    isEpic: isEpic(issue),
    labels: Array.isArray(f.labels) ? f.labels.map(String) : [],
  };
}
