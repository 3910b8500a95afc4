/**
 * Finding an epic's workstream issues: ONE JQL search on the marker property the app sets atomically
 * when it creates an issue. Jira owns the marker, so the issues are found even after app storage was
 * reset, and a user moving the issue to another epic takes it out of this epic's workstreams.
 */
import { WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { WorkstreamKey } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import { statusCategoryOf, type JiraGateway, type JiraIssue } from '../jira';

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
    const workstream = markerWorkstream(issue, epic);
    return workstream ? [{ workstream, issue }] : [];
  });
}

/** The workstream a found issue's marker names, when the marker is ours and names this epic. */
function markerWorkstream(issue: JiraIssue, epic: EpicLookup): WorkstreamKey | undefined {
  const marker = issue.properties?.[WORKSTREAM_MARKER_KEY] as { epicId?: unknown; workstream?: unknown } | undefined;
  if (!marker || String(marker.epicId) !== epic.id) return undefined;
  const parsed = WorkstreamKey.safeParse(marker.workstream);
  return parsed.success ? parsed.data : undefined;
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

/**
 * Jira's search index lags a few seconds behind a create. Issues the record says we created but the
 * search did not return are read directly (strongly consistent), so a second press right after the
 * first never creates them again. Costs nothing when search and record agree.
 */
export async function reconcileWithRecord(
  jira: JiraGateway,
  epic: EpicRef,
  found: FoundWorkstream[],
  remembered: Partial<Record<WorkstreamKey, { issueId: string }>>,
): Promise<FoundWorkstream[]> {
  const have = new Set(found.map((f) => f.workstream));
  const missing = (Object.entries(remembered) as Array<[WorkstreamKey, { issueId: string }]>).filter(([k]) => !have.has(k));
  const direct = await Promise.all(
    missing.map(async ([, ref]) => jira.getIssue(ref.issueId, { fields: [...WORKSTREAM_FIELDS, 'parent'], properties: [WORKSTREAM_MARKER_KEY] })),
  );
  const extra = direct.flatMap((issue) => {
    if (!issue || issue.fields.parent?.id !== epic.id) return [];
    const workstream = markerWorkstream(issue, epic);
    return workstream ? [{ workstream, issue }] : [];
  });
  return [...found, ...extra];
}
