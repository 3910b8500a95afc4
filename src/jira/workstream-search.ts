/**
 * Finding an epic's delivery issues — its workstream issues and the sub-tasks the app created under them —
 * with ONE JQL search on the marker properties the app sets atomically when it creates an issue. Jira owns
 * the markers, so the issues are found even after app storage was reset, and a user moving an issue
 * elsewhere takes it out of this epic's count. The panel, the gate, the summary and the issue-event
 * trigger all count with this one search.
 */
import { SUBTASK_MARKER_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import type { SubtaskItemKey, WorkstreamKey } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import { readSubtaskMarker } from '../domain/subtask-plan';
import { readMarker } from '../domain/workstream-plan';
import type { JiraGateway } from './gateway';
import { statusCategoryOf, type JiraIssue } from './types';

export interface EpicRef {
  id: string;
  key: string;
}

/** The search needs only the epic's id; the key is welcome for messages. */
export type EpicLookup = Pick<EpicRef, 'id'> & Partial<EpicRef>;

export interface FoundWorkstream {
  workstream: WorkstreamKey;
  issue: JiraIssue;
}

export interface FoundSubtask {
  workstream: WorkstreamKey;
  item: SubtaskItemKey;
  issue: JiraIssue;
}

/** An epic's workstream issues and, under them, the app's sub-tasks, in the order Jira created them. */
export interface Delivery {
  workstreams: FoundWorkstream[];
  subtasks: FoundSubtask[];
}

export const WORKSTREAM_FIELDS = ['summary', 'status', 'assignee', 'parent', 'duedate'] as const;
export const DELIVERY_PROPERTIES = [WORKSTREAM_MARKER_KEY, SUBTASK_MARKER_KEY] as const;
/** Five workstreams and their sub-tasks fit one page; a few pages leave room for copies users made. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

export function deliveryJql(epic: EpicLookup): string {
  // Issue ids are digits; anything else would be an injection attempt, not an epic.
  if (!/^\d+$/.test(epic.id)) throw new Error(`Not an issue id: ${epic.id}`);
  return (
    `(parent = ${epic.id} AND issue.property[${WORKSTREAM_MARKER_KEY}].epicId = "${epic.id}") ` +
    `OR issue.property[${SUBTASK_MARKER_KEY}].epicId = "${epic.id}" ORDER BY created ASC`
  );
}

export async function findDelivery(jira: JiraGateway, epic: EpicLookup): Promise<Delivery> {
  const issues: JiraIssue[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await jira.search(deliveryJql(epic), { fields: WORKSTREAM_FIELDS, properties: DELIVERY_PROPERTIES, maxResults: PAGE_SIZE, ...(nextPageToken ? { nextPageToken } : {}) });
    issues.push(...result.issues);
    nextPageToken = result.nextPageToken;
    if (!nextPageToken) break;
  }
  return deliveryOf(issues, epic.id);
}

/** Sorts what a search (or direct reads) returned into workstreams and sub-tasks that really belong to the epic. */
export function deliveryOf(issues: JiraIssue[], epicId: string): Delivery {
  const parentOf = (issue: JiraIssue) => String(issue.fields.parent?.id ?? '');
  const workstreams = issues.flatMap((issue) => {
    const workstream = parentOf(issue) === epicId ? claimedWorkstream(issue, epicId) : undefined;
    return workstream ? [{ workstream, issue }] : [];
  });
  const parents = new Set(workstreams.map((w) => w.issue.id));
  const subtasks = issues.flatMap((issue) => {
    const claim = claimedSubtask(issue, epicId);
    // Anyone who can edit a sub-task can edit its marker: it counts only under one of this epic's workstream issues.
    return claim && parents.has(parentOf(issue)) ? [{ ...claim, issue }] : [];
  });
  return { workstreams, subtasks };
}

/** The workstream an issue's marker claims for this epic, if it is ours and names this epic. */
export function claimedWorkstream(issue: JiraIssue, epicId: string): WorkstreamKey | undefined {
  const marker = readMarker(issue.properties?.[WORKSTREAM_MARKER_KEY]);
  return marker && marker.epicId === epicId ? marker.workstream : undefined;
}

/** The workstream and plan item a sub-task's marker claims for this epic, if it is ours and names this epic. */
export function claimedSubtask(issue: JiraIssue, epicId: string): { workstream: WorkstreamKey; item: SubtaskItemKey } | undefined {
  const marker = readSubtaskMarker(issue.properties?.[SUBTASK_MARKER_KEY]);
  return marker && marker.epicId === epicId ? { workstream: marker.workstream, item: marker.item } : undefined;
}

/** One issue per workstream (the first found), so a copied issue does not count twice. */
export function onePerWorkstream(found: FoundWorkstream[]): FoundWorkstream[] {
  const seen = new Set<WorkstreamKey>();
  return found.filter((f) => (seen.has(f.workstream) ? false : (seen.add(f.workstream), true)));
}

/**
 * The sub-tasks that count: one per plan item (the first found: a copy does not count twice), under a
 * workstream issue that counts.
 */
export function countedSubtasks(delivery: Delivery): FoundSubtask[] {
  const parents = new Set(onePerWorkstream(delivery.workstreams).map((w) => w.issue.id));
  const seen = new Set<SubtaskItemKey>();
  return delivery.subtasks.filter((s) => parents.has(String(s.issue.fields.parent?.id ?? '')) && (seen.has(s.item) ? false : (seen.add(s.item), true)));
}

export function deliveryProgress(delivery: Delivery): WorkstreamFacts {
  const workstreams = onePerWorkstream(delivery.workstreams);
  const subtasks = countedSubtasks(delivery);
  const done = (issues: Array<{ issue: JiraIssue }>) => issues.filter((f) => statusCategoryOf(f.issue) === 'done').length;
  return { total: workstreams.length, done: done(workstreams), subtasksTotal: subtasks.length, subtasksDone: done(subtasks) };
}

export async function countWorkstreams(jira: JiraGateway, epic: EpicLookup): Promise<WorkstreamFacts> {
  return deliveryProgress(await findDelivery(jira, epic));
}
