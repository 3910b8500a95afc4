/**
 * The pure half of keeping an epic's workstream counts fresh when Jira says an issue changed: which
 * events matter, which epic an issue's marker may speak for, and how the triggering issue's fresh state
 * corrects a search that may lag behind it. No I/O here.
 */
import { WORKSTREAM_MARKER_KEY, type SearchSummary } from '../domain/report-types';
import { WorkstreamKey } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import type { JiraIssue } from '../jira';
import type { FoundWorkstream } from './find-existing';

export const ISSUE_CREATED = 'avi:jira:created:issue';
export const ISSUE_UPDATED = 'avi:jira:updated:issue';
export const ISSUE_DELETED = 'avi:jira:deleted:issue';

/**
 * Changelog fields that can change a summary: status (workstream counts, an epic's shipped level),
 * the issue moving to another parent, and labels (an epic becoming an initiative).
 */
const COUNTED_FIELDS = new Set(['status', 'issueparentassociation', 'parent', 'labels']);

/** The slice of Forge's Jira issue event payload the handler reads. */
export interface IssueEvent {
  eventType?: string;
  issue?: { id?: string | number; key?: string; fields?: { parent?: { id?: string | number } | null } };
  changelog?: { items?: Array<{ field?: string; fieldId?: string; from?: string | null; to?: string | null }> };
}

export type EventPlan =
  | { kind: 'ignore' }
  | { kind: 'updated'; issueId: string; formerParentIds: string[]; epicMayChange: boolean }
  | { kind: 'deleted'; issueId: string; parentId: string };

const digits = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number') && /^\d+$/.test(String(v)) ? String(v) : undefined;

/** What an event asks of the handler; anything malformed or irrelevant is ignored without a request. */
export function planForEvent(event: IssueEvent | undefined): EventPlan {
  const issueId = digits(event?.issue?.id);
  if (!issueId) return { kind: 'ignore' };
  if (event?.eventType === ISSUE_DELETED) {
    const parentId = digits(event.issue?.fields?.parent?.id);
    return parentId ? { kind: 'deleted', issueId, parentId } : { kind: 'ignore' };
  }
  // A new issue may be an epic created as an initiative (its summary starts at "not started").
  if (event?.eventType === ISSUE_CREATED) return { kind: 'updated', issueId, formerParentIds: [], epicMayChange: true };
  if (event?.eventType !== ISSUE_UPDATED) return { kind: 'ignore' };
  const items = (event.changelog?.items ?? []).filter((i) => COUNTED_FIELDS.has(String(i.fieldId ?? i.field ?? '').toLowerCase()));
  if (items.length === 0) return { kind: 'ignore' };
  const field = (i: (typeof items)[number]) => String(i.fieldId ?? i.field).toLowerCase();
  const formerParentIds = items.filter((i) => field(i) === 'parent' || field(i) === 'issueparentassociation').flatMap((i) => digits(i.from) ?? []);
  const epicMayChange = items.some((i) => field(i) === 'status' || field(i) === 'labels');
  return { kind: 'updated', issueId, formerParentIds, epicMayChange };
}

export interface Marker {
  epicId: string;
  workstream: WorkstreamKey;
}

/** The issue's marker, when it is well formed. */
export function markerOf(issue: JiraIssue): Marker | undefined {
  const raw = issue.properties?.[WORKSTREAM_MARKER_KEY] as { epicId?: unknown; workstream?: unknown } | undefined;
  const epicId = digits(raw?.epicId);
  const workstream = WorkstreamKey.safeParse(raw?.workstream);
  return epicId && workstream.success ? { epicId, workstream: workstream.data } : undefined;
}

/**
 * The epics whose counts an updated issue may have changed. Its marker is only believed while the issue
 * really sits under the epic it names (anyone who can edit the issue can edit the marker); a former
 * parent is recounted only when the marker names it, i.e. a workstream issue just moved away from it.
 */
export function epicsToRecount(issue: JiraIssue, formerParentIds: string[]): string[] {
  const marker = markerOf(issue);
  if (!marker) return [];
  const parentId = digits(issue.fields.parent?.id);
  const epics = new Set<string>();
  if (parentId === marker.epicId) epics.add(marker.epicId);
  if (formerParentIds.includes(marker.epicId) && parentId !== marker.epicId) epics.add(marker.epicId);
  return [...epics];
}

/**
 * Jira's search index may lag a moment behind the change that fired the event. The triggering issue's
 * own state was read directly, so it replaces (or, when gone or moved, removes) the searched copy.
 */
export function withFreshIssue(found: FoundWorkstream[], epicId: string, fresh: { issueId: string; issue: JiraIssue | null }): FoundWorkstream[] {
  const rest = found.filter((f) => f.issue.id !== fresh.issueId);
  const marker = fresh.issue ? markerOf(fresh.issue) : undefined;
  const stillHere = fresh.issue && marker && marker.epicId === epicId && digits(fresh.issue.fields.parent?.id) === epicId;
  if (!stillHere) return rest;
  const position = found.findIndex((f) => f.issue.id === fresh.issueId);
  const entry = { workstream: marker.workstream, issue: fresh.issue! };
  // Keep the searched position (first created wins in onePerWorkstream); a lagging search puts it last.
  return position < 0 ? [...rest, entry] : [...rest.slice(0, position), entry, ...rest.slice(position)];
}

/** True when the published summary's workstream counts are not the live ones (no summary counts as 0 of 0). */
export function countsDiffer(published: Pick<SearchSummary, 'workstreamsTotal' | 'workstreamsDone'> | null | undefined, live: WorkstreamFacts): boolean {
  return (published?.workstreamsTotal ?? 0) !== live.total || (published?.workstreamsDone ?? 0) !== live.done;
}
