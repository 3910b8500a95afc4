/**
 * Finding an epic's workstream issues: ONE JQL search on the marker property the app sets atomically
 * when it creates an issue. Jira owns the marker, so the issues are found even after app storage was
 * reset, and a user moving the issue to another epic takes it out of this epic's workstreams. The panel,
 * the gate, the summary and the issue-event trigger all count with this one search.
 */
import { WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import type { WorkstreamKey } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
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

export const WORKSTREAM_FIELDS = ['summary', 'status', 'assignee'] as const;
/** Five workstreams, plus room for copies a user made of them. */
const MAX_FOUND = 100;

export function workstreamJql(epic: EpicLookup): string {
  // Issue ids are digits; anything else would be an injection attempt, not an epic.
  if (!/^\d+$/.test(epic.id)) throw new Error(`Not an issue id: ${epic.id}`);
  return `parent = ${epic.id} AND issue.property[${WORKSTREAM_MARKER_KEY}].epicId = "${epic.id}" ORDER BY created ASC`;
}

export async function findWorkstreams(jira: JiraGateway, epic: EpicLookup): Promise<FoundWorkstream[]> {
  const page = await jira.search(workstreamJql(epic), { fields: WORKSTREAM_FIELDS, properties: [WORKSTREAM_MARKER_KEY], maxResults: MAX_FOUND });
  return page.issues.flatMap((issue) => {
    const workstream = claimedWorkstream(issue, epic.id);
    return workstream ? [{ workstream, issue }] : [];
  });
}

/** The workstream an issue's marker claims for this epic, if it is ours and names this epic. */
export function claimedWorkstream(issue: JiraIssue, epicId: string): WorkstreamKey | undefined {
  const marker = readMarker(issue.properties?.[WORKSTREAM_MARKER_KEY]);
  return marker && marker.epicId === epicId ? marker.workstream : undefined;
}

/** One issue per workstream (the first found), so a copied issue does not count twice. */
export function onePerWorkstream(found: FoundWorkstream[]): FoundWorkstream[] {
  const seen = new Set<WorkstreamKey>();
  return found.filter((f) => (seen.has(f.workstream) ? false : (seen.add(f.workstream), true)));
}

export function workstreamProgress(found: FoundWorkstream[]): WorkstreamFacts {
  const unique = onePerWorkstream(found);
  return { total: unique.length, done: unique.filter((f) => statusCategoryOf(f.issue) === 'done').length };
}

export async function countWorkstreams(jira: JiraGateway, epic: EpicLookup): Promise<WorkstreamFacts> {
  return workstreamProgress(await findWorkstreams(jira, epic));
}
