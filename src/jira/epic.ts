/** The epic as the app reads it: one Jira read with the few fields every use case needs. */
import { isEpic, issueBasics, type IssueBasics, type JiraIssue } from './types';

/** `resolutiondate`: when the epic was resolved (reached Done), for "Shipped on 20 Nov 2026"; null while open. */
export const EPIC_FIELDS = ['summary', 'status', 'issuetype', 'project', 'labels', 'resolutiondate'] as const;

export interface Epic extends IssueBasics {
  projectId: string;
  projectKey: string;
  /** Hierarchy level 1; false for an issue retyped after its handoff started. */
  isEpic: boolean;
  labels: string[];
  /** When it reached Done (Jira's resolution date); absent while open or when its workflow sets no resolution. */
  doneAt?: string;
}

export function toEpic(issue: JiraIssue): Epic {
  const f = issue.fields;
  return {
    ...issueBasics(issue),
    projectId: String(f.project?.id ?? ''),
    projectKey: f.project?.key ?? '',
    isEpic: isEpic(issue),
    labels: Array.isArray(f.labels) ? f.labels.map(String) : [],
    ...(typeof f.resolutiondate === 'string' && f.resolutiondate ? { doneAt: f.resolutiondate } : {}),
  };
}
