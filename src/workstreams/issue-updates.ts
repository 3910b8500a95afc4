/** The `issueUpdates` of Jira's bulk create for planned workstream issues and their sub-tasks: fields plus the marker property. */
import { SUBTASK_MARKER_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { subtaskMarkerValue, type WantedSubtask } from '../domain/subtask-plan';
import { markerValue, type WorkstreamToCreate } from '../domain/workstream-plan';
import type { EpicRef } from '../jira';

export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: Array<{ type: 'paragraph'; content: Array<{ type: 'text'; text: string }> }>;
}

/** Plain template text → ADF: blank lines separate paragraphs (Jira v3 only takes ADF descriptions). */
export function plainTextToAdf(text: string): AdfDocument {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  return { type: 'doc', version: 1, content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) };
}

export interface IssueTarget {
  projectId: string;
  issueTypeId: string;
}

export function workstreamIssueUpdate(item: WorkstreamToCreate, epic: EpicRef, target: IssueTarget): unknown {
  return {
    fields: {
      project: { id: target.projectId },
      issuetype: { id: target.issueTypeId },
      parent: { key: epic.key },
      summary: item.summary,
      description: plainTextToAdf(item.description),
      ...(item.assigneeAccountId ? { assignee: { accountId: item.assigneeAccountId } } : {}),
    },
    // Set in the same request as the issue, so no issue ever exists without its marker.
    properties: [{ key: WORKSTREAM_MARKER_KEY, value: markerValue(epic.id, epic.key, item.workstream) }],
  };
}

export interface SubtaskTarget extends IssueTarget {
  /** The workstream issue it goes under. */
  parentKey: string;
  /** The fields on the sub-task create screen: Jira refuses a field that is not there. */
  onScreen: ReadonlySet<string>;
  /** A Jira user for the sub-task (the lead, the delivery owner, or the KPI's owner found in Jira). */
  assigneeAccountId?: string;
}

export function subtaskIssueUpdate(item: WantedSubtask, epic: EpicRef, target: SubtaskTarget): unknown {
  const on = (field: string) => target.onScreen.has(field);
  return {
    fields: {
      project: { id: target.projectId },
      issuetype: { id: target.issueTypeId },
      parent: { key: target.parentKey },
      summary: item.summary,
      ...(on('description') ? { description: plainTextToAdf(item.description) } : {}),
      ...(on('assignee') && target.assigneeAccountId ? { assignee: { accountId: target.assigneeAccountId } } : {}),
      // The due date is set only where the screen has the field (the description says the lead time either way).
      ...(on('duedate') && item.dueDate ? { duedate: item.dueDate } : {}),
    },
    properties: [{ key: SUBTASK_MARKER_KEY, value: subtaskMarkerValue(epic.id, epic.key, item.workstream, item.item) }],
  };
}
