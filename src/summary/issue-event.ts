/**
 * The pure half of keeping an epic's workstream counts fresh when Jira says an issue changed: which
 * events matter, which epic an issue's marker may speak for, and how the triggering issue's fresh state
 * corrects a search that may lag behind it. No I/O here.
 */
import { SUBTASK_MARKER_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { readSubtaskMarker } from '../domain/subtask-plan';
import { readMarker } from '../domain/workstream-plan';
import { deliveryOf, type Delivery, type JiraIssue } from '../jira';

const ISSUE_CREATED = 'avi:jira:created:issue';
const ISSUE_UPDATED = 'avi:jira:updated:issue';
const ISSUE_DELETED = 'avi:jira:deleted:issue';

/**
 * Changelog items that can change a summary: status (workstream counts, an epic's shipped level), labels
 * and issue type (an epic becoming an initiative, an issue becoming or ceasing to be an epic), and the
 * issue moving to another parent. Jira logs a parent change as `IssueParentAssociation` (team-managed,
 * no fieldId) or, in company-managed projects, under the level's field: `Epic Link` and `Parent Link`
 * (custom fields whose ids differ per site) or `Parent` (fieldId `parent`). Matched on the name and the id.
 */
const EPIC_FIELDS = new Set(['status', 'labels', 'issuetype']);
const PARENT_FIELDS = new Set(['issueparentassociation', 'epic link', 'parent link', 'parent', 'parent issue']);

type ChangeItem = NonNullable<NonNullable<IssueEvent['changelog']>['items']>[number];
const names = (i: ChangeItem): string[] => [i.field, i.fieldId].flatMap((n) => (typeof n === 'string' ? [n.toLowerCase()] : []));
const changesEpic = (i: ChangeItem) => names(i).some((n) => EPIC_FIELDS.has(n));
const changesParent = (i: ChangeItem) => names(i).some((n) => PARENT_FIELDS.has(n));

/** The slice of Forge's Jira issue event payload the handler reads. */
export interface IssueEvent {
  eventType?: string;
  issue?: { id?: string | number; key?: string; fields?: { parent?: { id?: string | number } | null } };
  changelog?: { items?: Array<{ field?: string; fieldId?: string; from?: string | null; to?: string | null }> };
}

/**
 * What to look at, never what to conclude: the handler re-reads the issue and recounts from Jira, so
 * an event that arrives late, twice or out of order leads to the same summary.
 */
export type EventPlan =
  | { kind: 'ignore' }
  | { kind: 'updated'; issueId: string; epicMayChange: boolean }
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
  if (event?.eventType === ISSUE_CREATED) return { kind: 'updated', issueId, epicMayChange: true };
  if (event?.eventType !== ISSUE_UPDATED) return { kind: 'ignore' };
  const items = event.changelog?.items ?? [];
  const epicMayChange = items.some(changesEpic);
  if (!epicMayChange && !items.some(changesParent)) return { kind: 'ignore' };
  return { kind: 'updated', issueId, epicMayChange };
}

/**
 * The epics whose counts an updated issue may have changed: the one its marker (a workstream issue's or one
 * of the app's sub-tasks') names, whether the issue sits under it or just left it (the changelog's "from"
 * is not needed, so the order events arrive in does not matter). Recounting is safe whatever the marker
 * says: the count only believes issues that really sit under the epic (anyone who can edit the issue can
 * edit the marker), and the summary is written only when it differs.
 */
export function epicsToRecount(issue: JiraIssue): string[] {
  const marker = readMarker(issue.properties?.[WORKSTREAM_MARKER_KEY]) ?? readSubtaskMarker(issue.properties?.[SUBTASK_MARKER_KEY]);
  return marker ? [marker.epicId] : [];
}

/**
 * Jira's search index may lag a moment behind the change that fired the event. The triggering issue's
 * own state was read directly, so it replaces (or, when gone, removes) the searched copy, keeping the
 * searched position (the first created wins among copies); a lagging search puts it last. What belongs to
 * the epic is then decided as for a search: under the epic, or under one of its workstream issues.
 */
export function withFreshIssue(found: Delivery, epicId: string, fresh: { issueId: string; issue: JiraIssue | null }): Delivery {
  const issues = [...found.workstreams, ...found.subtasks].map((f) => f.issue);
  const position = issues.findIndex((i) => i.id === fresh.issueId);
  const rest = issues.filter((i) => i.id !== fresh.issueId);
  if (!fresh.issue) return deliveryOf(rest, epicId);
  return deliveryOf(position < 0 ? [...rest, fresh.issue] : [...rest.slice(0, position), fresh.issue, ...rest.slice(position)], epicId);
}
