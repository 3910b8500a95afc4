/** The epic as the handoff sees it: one Jira read with the few fields every use case needs. */
import type { EpicInfo } from '../shared/contract';
import type { JiraGateway } from '../jira/gateway';
import { isEpic, issueBasics, type JiraIssue } from '../jira/types';
import { AppError } from '../resolvers/errors';

export const EPIC_FIELDS = ['summary', 'status', 'issuetype', 'project', 'labels'] as const;

export interface Epic extends EpicInfo {
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

/** Reads the epic (as whoever the gateway acts for); NOT_FOUND when invisible, NOT_AN_EPIC for other issue types. */
export async function loadEpic(jira: JiraGateway, issueIdOrKey: string): Promise<Epic> {
  const issue = await jira.getIssue(issueIdOrKey, { fields: EPIC_FIELDS });
  if (!issue) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have permission to see it.');
  const epic = toEpic(issue);
  if (!epic.isEpic) throw new AppError('NOT_AN_EPIC', `${epic.key} is not an epic. Production handoffs live on epics.`);
  return epic;
}
