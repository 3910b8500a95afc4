/** The slices of Jira's REST shapes the app reads. Everything else in a response is ignored. */
import type { StatusCategoryKey } from '../domain/readiness-types';

export interface JiraIssue {
  id: string;
  key: string;
  fields: IssueFields;
  /** Entity properties asked for with `properties=...`. */
  properties?: Record<string, unknown>;
}

export interface IssueFields {
  summary?: string;
  status?: { id?: string; name?: string; statusCategory?: { key?: string } };
  issuetype?: { id?: string; name?: string; hierarchyLevel?: number; subtask?: boolean };
  project?: { id?: string; key?: string; name?: string };
  labels?: string[];
  assignee?: { accountId?: string; displayName?: string } | null;
  parent?: { id?: string; key?: string };
  /** YYYY-MM-DD or null. */
  duedate?: string | null;
  [field: string]: unknown;
}

export interface SearchPage {
  issues: JiraIssue[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

export interface IssueTypeMeta {
  id: string;
  name: string;
  subtask: boolean;
  hierarchyLevel: number;
}

/** One field of an issue type's create screen (Jira's FieldCreateMetadata, the part the app reads). */
export interface CreateFieldMeta {
  fieldId: string;
  name: string;
  required: boolean;
  hasDefaultValue: boolean;
}

export interface BulkCreateResult {
  issues: Array<{ id: string; key: string }>;
  /** `index` is the position in the caller's list (not in one 50-issue chunk). */
  errors: Array<{ index: number; message: string }>;
}

export type PermissionTarget = { issueKey: string } | { projectKey: string };

export const JIRA_PERMISSIONS = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'ADMINISTER_PROJECTS'] as const;
export type JiraPermission = (typeof JIRA_PERMISSIONS)[number];

export const statusCategoryOf = (issue: Pick<JiraIssue, 'fields'>): StatusCategoryKey => {
  const key = issue.fields.status?.statusCategory?.key;
  return key === 'done' || key === 'indeterminate' ? key : 'new';
};

/** What every view of an issue shows: identity, summary and status. */
export interface IssueBasics {
  id: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategoryKey;
}

export const issueBasics = (issue: JiraIssue): IssueBasics => ({
  id: issue.id,
  key: issue.key,
  summary: issue.fields.summary ?? '',
  statusName: issue.fields.status?.name ?? '',
  statusCategory: statusCategoryOf(issue),
});

/** Epics are hierarchy level 1 whatever the type is called on a site. */
export const isEpic = (issue: Pick<JiraIssue, 'fields'>): boolean => issue.fields.issuetype?.hierarchyLevel === 1;
