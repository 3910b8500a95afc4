/**
 * What the epic's delivery should hold and what is missing: the workstream issues (planWorkstreams) and the
 * sub-tasks under them (wantedSubtasks, planSubtasks), from the record, the project settings and what the
 * marker search found. The Workstreams tab shows it; creation creates it.
 */
import type { ProjectSettings } from '../domain/policy';
import type { HandoffRecord } from '../domain/record';
import { planSubtasks, wantedSubtasks, type SubtaskPlan } from '../domain/subtask-plan';
import { planWorkstreams, type WorkstreamPlan } from '../domain/workstream-plan';
import { onePerWorkstream, type Delivery } from '../jira';

export interface DeliveryPlan {
  workstreams: WorkstreamPlan;
  subtasks: SubtaskPlan;
}

export interface DeliveryFacts {
  epic: { id: string; key: string; summary: string };
  settings: ProjectSettings;
  record: HandoffRecord | null;
  found: Delivery;
  /** YYYY-MM-DD in the caller's time zone (due dates count from it). */
  today: string;
}

export function planDelivery({ epic, settings, record, found, today }: DeliveryFacts): DeliveryPlan {
  const existing = onePerWorkstream(found.workstreams).map((f) => ({ workstream: f.workstream, issueId: f.issue.id, issueKey: f.issue.key }));
  const workstreams = planWorkstreams({ epic, templates: settings.workstreamTemplates, existing, leads: record?.ownership.workstreamLeads ?? {} });
  const available = new Set([...workstreams.existing, ...workstreams.toCreate].map((w) => w.workstream));
  const subtasks = planSubtasks({ wanted: wantedSubtasks({ epic, settings, record, today }), existing: found.subtasks.map((s) => s.item), available });
  return { workstreams, subtasks };
}
