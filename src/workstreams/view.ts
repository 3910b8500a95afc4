/**
 * The panel's Workstreams tab: every enabled workstream with its issue (if any), live status and the
 * sub-tasks under it; what creating now would add; what is no longer needed.
 */
import { WORKSTREAM_NAMES, type ProjectSettings } from '../domain/policy';
import type { UserRef, WorkstreamKey } from '../domain/record';
import type { SubtaskSource } from '../domain/subtask-plan';
import type { SubtaskView, WorkstreamItem, WorkstreamsView } from '../shared/contract';
import { countedSubtasks, deliveryProgress, issueBasics, onePerWorkstream, statusCategoryOf, type Delivery, type FoundSubtask, type JiraIssue } from '../jira';
import type { DeliveryPlan } from './plan';

export interface ViewInput {
  found: Delivery;
  settings: ProjectSettings;
  leads: Partial<Record<WorkstreamKey, UserRef>>;
  plan: DeliveryPlan;
  canCreate: boolean;
}

export function workstreamsView({ found, settings, leads, plan, canCreate }: ViewInput): WorkstreamsView {
  const byWorkstream = new Map(onePerWorkstream(found.workstreams).map((f) => [f.workstream, f.issue]));
  const noLonger = new Set(plan.subtasks.noLongerNeeded);
  const subtasks = countedSubtasks(found);
  // A disabled template still shows its issue if one exists: the work is real even if the policy changed.
  const shown = settings.workstreamTemplates.filter((t) => t.enabled || byWorkstream.has(t.key)).map((t) => t.key);
  const items = shown.map((workstream): WorkstreamItem => {
    const issue = byWorkstream.get(workstream);
    const under = issue ? subtasks.filter((s) => String(s.issue.fields.parent?.id ?? '') === issue.id) : [];
    const item: WorkstreamItem = {
      workstream,
      name: WORKSTREAM_NAMES[workstream],
      subtasks: under.map((s) => subtaskOf(s, noLonger.has(s.item))),
      subtasksDone: under.filter((s) => statusCategoryOf(s.issue) === 'done').length,
      missingSubtasks: plan.subtasks.toCreate.filter((w) => w.workstream === workstream).length,
    };
    const lead = leads[workstream];
    if (lead) item.lead = lead;
    if (issue) item.issue = issueOf(issue);
    return item;
  });
  const progress = deliveryProgress(found);
  return {
    items,
    done: progress.done,
    total: progress.total,
    subtasksDone: progress.subtasksDone,
    subtasksTotal: progress.subtasksTotal,
    missing: { workstreams: plan.workstreams.toCreate.length, subtasks: plan.subtasks.toCreate.length },
    blocked: plan.subtasks.blocked.map(({ workstream, summary, message }) => ({ workstream, summary, message })),
    canCreate,
  };
}

function assigneeOf(issue: JiraIssue): UserRef | undefined {
  const a = issue.fields.assignee;
  return a?.accountId ? { accountId: a.accountId, displayName: a.displayName ?? a.accountId } : undefined;
}

function issueOf(issue: JiraIssue): NonNullable<WorkstreamItem['issue']> {
  const assignee = assigneeOf(issue);
  return { ...issueBasics(issue), ...(assignee ? { assignee } : {}) };
}

function subtaskOf(s: FoundSubtask, noLongerNeeded: boolean): SubtaskView {
  const assignee = assigneeOf(s.issue);
  const due = s.issue.fields.duedate;
  return {
    item: s.item,
    source: s.item.split(':')[0] as SubtaskSource,
    ...issueBasics(s.issue),
    ...(assignee ? { assignee } : {}),
    ...(typeof due === 'string' && due ? { dueDate: due } : {}),
    noLongerNeeded,
  };
}
