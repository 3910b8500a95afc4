/** Reads from Jira as the viewing user (requestJira). Jira enforces that user's permissions. */
import { requestJira } from '@forge/bridge';
import type { UserRef } from '@src/domain/record';

export interface IssueHeading {
  key: string;
  summary: string;
  statusName: string;
}

export async function fetchIssueHeading(issueKey: string): Promise<IssueHeading> {
  const res = await requestJira(`/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=summary,status`);
  if (!res.ok) throw new Error(`Jira answered ${res.status} for ${issueKey}`);
  const body = (await res.json()) as { key: string; fields?: { summary?: string; status?: { name?: string } } };
  return { key: body.key, summary: body.fields?.summary ?? '', statusName: body.fields?.status?.name ?? '' };
}

interface JiraUser {
  accountId: string;
  displayName?: string;
  accountType?: string;
  active?: boolean;
}

/** People matching `query`; with `assignableIn`, only those Jira lets you assign issues to in that project. */
export async function searchUsers(query: string, assignableIn?: string): Promise<UserRef[]> {
  const path = assignableIn
    ? `/rest/api/3/user/assignable/search?project=${encodeURIComponent(assignableIn)}&query=${encodeURIComponent(query)}&maxResults=20`
    : `/rest/api/3/user/search?query=${encodeURIComponent(query)}&maxResults=20`;
  const res = await requestJira(path);
  if (!res.ok) throw new Error(`Jira user search answered ${res.status}`);
  const users = (await res.json()) as JiraUser[];
  return users
    .filter((u) => u.active !== false && (u.accountType === undefined || u.accountType === 'atlassian'))
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
}
