/**
 * Jira issue events for the app's `trigger` modules, delivered the way Forge does: after the REST call
 * that changed the issue has answered (eventually consistent), as the app with no user principal, each
 * in its own invocation context. Deliveries run one after another in arrival order so tests can wait
 * for an idle queue (`idle()`); the real platform may run them concurrently, which the app tolerates.
 *
 * Filters: `ignoreSelf` drops events the app itself caused. `expression` is a Jira expression over
 * the payload; the host evaluates it as JavaScript, which agrees with Jira expressions for the subset
 * the app uses (member access, `!=`/`==` with null, `list.some(x => ...)`, `list.includes(x)`).
 * `onError` decides what a failing expression does, as on Forge.
 */
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findIssue, loadCatalog, jiraDate, type Catalog, type IssueRow } from '../jira/catalog';
import { runInInvocation } from './runtime';
import type { ForgeApp, ManifestModule } from './app';

export type IssueChangeKind = 'created' | 'updated' | 'deleted';

export interface ChangeItem {
  field: string;
  fieldtype: 'jira';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** What the REST router reports after a successful change. `issue` is the row after (before, for a delete). */
export interface IssueChange {
  kind: IssueChangeKind;
  issue: IssueRow;
  actor: Principal;
  /** For updates: the row before, so the changelog can be worked out. */
  before?: IssueRow;
}

export const EVENT_TYPES: Record<IssueChangeKind, string> = {
  created: 'avi:jira:created:issue',
  updated: 'avi:jira:updated:issue',
  deleted: 'avi:jira:deleted:issue',
};

const TRIGGER_BUDGET_MS = 25_000;

/** Jira's changelog items for the fields the local Jira lets anyone change. */
export function changelogItems(before: IssueRow, after: IssueRow, catalog: Catalog, keyOf: (id: number) => string | null): ChangeItem[] {
  const items: ChangeItem[] = [];
  const item = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null) =>
    items.push({ field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString });
  if (before.status_id !== after.status_id) {
    item('status', before.status_id, catalog.statuses.get(before.status_id)?.name ?? null, after.status_id, catalog.statuses.get(after.status_id)?.name ?? null);
  }
  if (before.parent_id !== after.parent_id) {
    const id = (v: number | null) => (v === null ? null : String(v));
    item('IssueParentAssociation', id(before.parent_id), before.parent_id === null ? null : keyOf(before.parent_id), id(after.parent_id), after.parent_id === null ? null : keyOf(after.parent_id));
  }
  if (before.summary !== after.summary) item('summary', null, before.summary, null, after.summary);
  if (before.assignee_id !== after.assignee_id) item('assignee', before.assignee_id, null, after.assignee_id, null);
  if (before.labels !== after.labels) item('labels', null, labelText(before.labels), null, labelText(after.labels));
  if (before.description !== after.description) item('description', null, null, null, null);
  return items;
}

const labelText = (json: string): string => (JSON.parse(json) as string[]).join(' ');

/** The `issue` of Forge's issue event payload: id, key and the fields the app may read. */
export function issuePayload(row: IssueRow, catalog: Catalog, keyOf: (id: number) => string | null): Record<string, unknown> {
  const type = catalog.issueTypes.get(row.issuetype_id);
  const status = catalog.statuses.get(row.status_id);
  const category = status ? catalog.categories.get(status.category_id) : undefined;
  const project = catalog.projects.get(row.project_id);
  const user = (id: string | null) => (id ? { accountId: id } : null);
  const fields: Record<string, unknown> = {
    summary: row.summary,
    issuetype: type ? { id: type.id, name: type.name, subtask: type.subtask === 1, hierarchyLevel: type.hierarchy_level } : undefined,
    project: project ? { id: project.id, key: project.key, name: project.name } : undefined,
    status: status ? { id: status.id, name: status.name, statusCategory: { id: category?.id, key: category?.key, name: category?.name } } : undefined,
    assignee: user(row.assignee_id),
    reporter: user(row.reporter_id),
    labels: JSON.parse(row.labels) as string[],
    created: jiraDate(row.created),
    updated: jiraDate(row.updated),
  };
  if (row.parent_id !== null) fields.parent = { id: String(row.parent_id), key: keyOf(row.parent_id) };
  return { id: String(row.id), key: row.key, fields };
}

interface TriggerFilter {
  ignoreSelf?: boolean;
  expression?: string;
  onError?: 'IGNORE' | 'IGNORE_AND_LOG' | 'RECEIVE' | 'RECEIVE_AND_LOG';
}

/** Whether a trigger's filter lets the event through; a broken expression follows `onError` (default IGNORE_AND_LOG). */
export function passesFilter(filter: TriggerFilter | undefined, event: Record<string, unknown>, causedByApp: boolean): boolean {
  if (!filter) return true;
  if (filter.ignoreSelf && causedByApp) return false;
  if (!filter.expression) return true;
  const onError = filter.onError ?? 'IGNORE_AND_LOG';
  try {
    // The manifest is the app's own file, evaluated like Forge evaluates it: against the event only.
    const result = new Function('event', `"use strict"; return (${filter.expression});`)(event) as unknown;
    if (typeof result !== 'boolean') throw new Error(`the expression returned ${JSON.stringify(result)}, not a boolean`);
    return result;
  } catch (e) {
    if (onError.endsWith('_AND_LOG')) console.warn(`Trigger filter could not be evaluated (${onError}): ${e instanceof Error ? e.message : String(e)}`);
    return onError.startsWith('RECEIVE');
  }
}

export interface EventStats {
  emitted: number;
  filteredOut: number;
  delivered: number;
  failed: number;
  pending: number;
}

export class EventDispatcher {
  private queue: Promise<void> = Promise.resolve();
  private waiters: Array<() => void> = [];
  private counts: Omit<EventStats, 'pending'> = { emitted: 0, filteredOut: 0, delivered: 0, failed: 0 };
  private pending = 0;

  constructor(private readonly opts: { app: ForgeApp; db: Database }) {}

  /** Called by the REST router after a change succeeded; builds the payload now, delivers later. */
  emit = (change: IssueChange): void => {
    const eventType = EVENT_TYPES[change.kind];
    const subscribers = this.opts.app.modulesOfType('trigger').filter((m) => m.function && eventsOf(m).includes(eventType));
    if (subscribers.length === 0) return;
    this.counts.emitted += 1;
    const payload = this.payload(eventType, change);
    for (const mod of subscribers) {
      const event = { ...payload, context: { cloudId: this.opts.app.cloudId, moduleKey: mod.key } };
      if (!passesFilter(mod.raw.filter as TriggerFilter | undefined, event, change.actor.kind === 'app')) {
        this.counts.filteredOut += 1;
        continue;
      }
      this.enqueue(() => this.deliver(mod, event));
    }
  };

  /** Resolves once every event emitted so far has been delivered. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  toJSON(): EventStats {
    return { ...this.counts, pending: this.pending };
  }

  reset(): void {
    this.counts = { emitted: 0, filteredOut: 0, delivered: 0, failed: 0 };
  }

  private payload(eventType: string, change: IssueChange): Record<string, unknown> {
    const catalog = loadCatalog(this.opts.db);
    const keyOf = (id: number) => findIssue(this.opts.db, String(id))?.key ?? null;
    const atlassianId = change.actor.kind === 'user' ? change.actor.accountId : undefined;
    const payload: Record<string, unknown> = {
      eventType,
      issue: issuePayload(change.issue, catalog, keyOf),
      ...(atlassianId ? { atlassianId, associatedUsers: [{ accountId: atlassianId }] } : {}),
    };
    if (change.kind === 'updated' && change.before) {
      payload.changelog = { id: String(Date.now()), items: changelogItems(change.before, change.issue, catalog, keyOf) };
    }
    return payload;
  }

  private enqueue(work: () => Promise<void>): void {
    this.pending += 1;
    // setImmediate: the REST response that caused the event goes out first, as with Forge.
    this.queue = this.queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) this.waiters.splice(0).forEach((w) => w());
      });
  }

  private async deliver(mod: ManifestModule, event: Record<string, unknown>): Promise<void> {
    const app = this.opts.app;
    const release = await app.latency.invocation(mod.function!);
    const started = Date.now();
    try {
      const handler = app.loadFunction(mod.function!);
      const context = { installContext: `ari:cloud:jira::site/${app.cloudId}` };
      const run = runInInvocation(app.invocationBase(mod, mod.function!, undefined), async () => handler(event, context));
      await withBudget(run, `Trigger ${mod.key}`);
      this.counts.delivered += 1;
      app.stats.countInvocation(`${mod.key}:trigger`, Date.now() - started, false);
    } catch (e) {
      this.counts.failed += 1;
      app.stats.countInvocation(`${mod.key}:trigger`, Date.now() - started, true);
      console.error(`Trigger ${mod.key} failed on ${String(event.eventType)}:`, e);
    } finally {
      release();
    }
  }
}

function eventsOf(mod: ManifestModule): string[] {
  const events = mod.raw.events;
  if (!Array.isArray(events)) return [];
  return events.map((e) => (typeof e === 'string' ? e : String((e as { eventType?: unknown }).eventType ?? '')));
}

function withBudget<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${TRIGGER_BUDGET_MS} ms`)), TRIGGER_BUDGET_MS);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
