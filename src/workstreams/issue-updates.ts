/** The `issueUpdates` of Jira's bulk create for planned workstreams: fields plus the marker property. */
import { WORKSTREAM_MARKER_KEY } from '../domain/report-types';
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
