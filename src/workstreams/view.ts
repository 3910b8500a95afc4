/** The panel's Workstreams tab: every enabled workstream with its issue (if any) and live status. */
import { WORKSTREAM_NAMES, type ProjectSettings } from '../domain/policy';
import type { UserRef, WorkstreamKey } from '../domain/record';
import type { WorkstreamItem, WorkstreamsView } from '../shared/contract';
import { issueBasics, onePerWorkstream, workstreamProgress, type FoundWorkstream, type JiraIssue } from '../jira';

export interface ViewInput {
  found: FoundWorkstream[];
  settings: ProjectSettings;
  leads: Partial<Record<WorkstreamKey, UserRef>>;
  canCreate: boolean;
}

export function workstreamsView({ found, settings, leads, canCreate }: ViewInput): WorkstreamsView {
  const byWorkstream = new Map(onePerWorkstream(found).map((f) => [f.workstream, f.issue]));
  // A disabled template still shows its issue if one exists: the work is real even if the policy changed.
  const shown = settings.workstreamTemplates.filter((t) => t.enabled || byWorkstream.has(t.key)).map((t) => t.key);
  const items = shown.map((workstream) => item(workstream, byWorkstream.get(workstream), leads[workstream]));
  const { done, total } = workstreamProgress(found);
  return { items, done, total, canCreate };
}

function item(workstream: WorkstreamKey, issue: JiraIssue | undefined, lead: UserRef | undefined): WorkstreamItem {
  const result: WorkstreamItem = { workstream, name: WORKSTREAM_NAMES[workstream] };
  if (lead) result.lead = lead;
  if (issue) result.issue = issueOf(issue);
  return result;
}

function issueOf(issue: JiraIssue): NonNullable<WorkstreamItem['issue']> {
  const assignee = issue.fields.assignee;
  return {
    ...issueBasics(issue),
    ...(assignee?.accountId ? { assignee: { accountId: assignee.accountId, displayName: assignee.displayName ?? assignee.accountId } } : {}),
  };
}
