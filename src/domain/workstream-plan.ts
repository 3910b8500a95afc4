/**
 * Which workstream issues to create under an epic. Pure: the caller finds the existing ones
 * (by the marker property, so a reset of app storage never duplicates an issue) and creates the rest.
 */
import { WorkstreamKey, type UserRef } from './record';
import type { WorkstreamTemplate } from './policy';

/** Jira's limit on an issue summary. */
export const ISSUE_SUMMARY_MAX = 255;

export interface ExistingWorkstream {
  workstream: WorkstreamKey;
  issueId: string;
  issueKey: string;
}

export interface WorkstreamToCreate {
  workstream: WorkstreamKey;
  summary: string;
  description: string;
  assigneeAccountId?: string;
}

export interface WorkstreamPlanInput {
  epic: { id: string; key: string; summary: string };
  templates: WorkstreamTemplate[];
  existing: ExistingWorkstream[];
  leads: Partial<Record<WorkstreamKey, UserRef>>;
}

export interface WorkstreamPlan {
  toCreate: WorkstreamToCreate[];
  existing: ExistingWorkstream[];
}

export function planWorkstreams(input: WorkstreamPlanInput): WorkstreamPlan {
  const existing = firstPerWorkstream(input.existing);
  const have = new Set(existing.map((e) => e.workstream));
  const toCreate = input.templates
    .filter((t) => t.enabled && !have.has(t.key))
    .map((t) => {
      const item: WorkstreamToCreate = {
        workstream: t.key,
        summary: issueSummary(fillPattern(t.titlePattern, input.epic)),
        description: fillPattern(t.description, input.epic),
      };
      const lead = input.leads[t.key];
      if (lead) item.assigneeAccountId = lead.accountId;
      return item;
    });
  return { toCreate, existing };
}

/** Two issues claiming one workstream (e.g. a copied issue): the first found is the workstream's. */
function firstPerWorkstream(existing: ExistingWorkstream[]): ExistingWorkstream[] {
  const seen = new Set<WorkstreamKey>();
  return existing.filter((e) => (seen.has(e.workstream) ? false : (seen.add(e.workstream), true)));
}

/** split/join rather than replace(): a summary containing "$&" must come through literally. */
export function fillPattern(pattern: string, epic: { key: string; summary: string }): string {
  return pattern.split('{epicKey}').join(epic.key).split('{epicSummary}').join(epic.summary);
}

/** A Jira summary is one line of at most 255 characters. */
export function issueSummary(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= ISSUE_SUMMARY_MAX ? line : `${line.slice(0, ISSUE_SUMMARY_MAX - 1).trimEnd()}…`;
}

/** The marker property the app sets on each workstream issue it creates, in the same request. */
export interface WorkstreamMarker {
  epicId: string;
  epicKey: string;
  workstream: string;
  app: 'production-handoff';
}

export function markerValue(epicId: string, epicKey: string, workstream: WorkstreamKey): WorkstreamMarker {
  return { epicId, epicKey, workstream, app: 'production-handoff' };
}

/** What a marker says: the epic (by id: keys change when issues move) and the workstream. */
export interface MarkerClaim {
  epicId: string;
  workstream: WorkstreamKey;
}

/**
 * A marker as Jira hands it back, when it is well formed: an epic id of digits (Jira may return a number)
 * and a known workstream. Anyone who can edit the issue can edit the marker, so callers still check that
 * the issue really sits under the epic it names.
 */
export function readMarker(value: unknown): MarkerClaim | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { epicId, workstream } = value as { epicId?: unknown; workstream?: unknown };
  const id = typeof epicId === 'string' || (typeof epicId === 'number' && Number.isSafeInteger(epicId)) ? String(epicId) : '';
  const key = WorkstreamKey.safeParse(workstream);
  return /^\d+$/.test(id) && key.success ? { epicId: id, workstream: key.data } : undefined;
}
