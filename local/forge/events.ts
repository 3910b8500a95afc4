/**
 * Jira issue events for the app's `trigger` modules, delivered the way Forge does: after the REST call
 * that changed the issue has answered (eventually consistent), as the app with no user principal, each
 * in its own invocation context, late, sometimes twice and several at once (`DeliveryOptions`). Tests
 * wait for `idle()`: every copy of every event emitted so far has been delivered.
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
  fieldtype: 'jira' | 'custom';
  /** Absent where Jira logs none (`IssueParentAssociation`). */
  fieldId?: string;
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

/**
 * How Jira logs a parent change. Team-managed projects: `IssueParentAssociation` (no fieldId). Company-
 * managed projects keep the fields of the hierarchy level: `Epic Link` for an epic's child, `Parent Link`
 * above epics (Advanced Roadmaps), `Parent` (fieldId `parent`) for a sub-task. The ids of the two custom
 * fields differ per site; these are the usual ones.
 */
function parentField(catalog: Catalog, issue: IssueRow): Pick<ChangeItem, 'field' | 'fieldtype' | 'fieldId'> {
  if (catalog.projects.get(issue.project_id)?.style !== 'classic') return { field: 'IssueParentAssociation', fieldtype: 'jira' };
  const level = catalog.issueTypes.get(issue.issuetype_id)?.hierarchy_level ?? 0;
  if (level < 0) return { field: 'Parent', fieldtype: 'jira', fieldId: 'parent' };
  if (level === 0) return { field: 'Epic Link', fieldtype: 'custom', fieldId: 'customfield_10014' };
  return { field: 'Parent Link', fieldtype: 'custom', fieldId: 'customfield_10018' };
}

/** Jira's changelog items for the fields the local Jira lets anyone change. */
export function changelogItems(before: IssueRow, after: IssueRow, catalog: Catalog, keyOf: (id: number) => string | null): ChangeItem[] {
  const items: ChangeItem[] = [];
  const item = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null) =>
    items.push({ field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString });
  if (before.status_id !== after.status_id) {
    item('status', before.status_id, catalog.statuses.get(before.status_id)?.name ?? null, after.status_id, catalog.statuses.get(after.status_id)?.name ?? null);
  }
  if (before.issuetype_id !== after.issuetype_id) {
    item('issuetype', before.issuetype_id, catalog.issueTypes.get(before.issuetype_id)?.name ?? null, after.issuetype_id, catalog.issueTypes.get(after.issuetype_id)?.name ?? null);
  }
  if (before.project_id !== after.project_id) {
    item('project', before.project_id, catalog.projects.get(before.project_id)?.name ?? null, after.project_id, catalog.projects.get(after.project_id)?.name ?? null);
  }
  if (before.key !== after.key) items.push({ field: 'Key', fieldtype: 'jira', fieldId: 'issuekey', from: null, fromString: before.key, to: null, toString: after.key });
  if (before.parent_id !== after.parent_id) {
    const id = (v: number | null) => (v === null ? null : String(v));
    // The field of the issue as it is now (a moved issue is logged under its new project's rules).
    items.push({
      ...parentField(catalog, after),
      from: id(before.parent_id), fromString: before.parent_id === null ? null : keyOf(before.parent_id),
      to: id(after.parent_id), toString: after.parent_id === null ? null : keyOf(after.parent_id),
    });
  }
  if (before.summary !== after.summary) item('summary', null, before.summary, null, after.summary);
  if (before.assignee_id !== after.assignee_id) item('assignee', before.assignee_id, null, after.assignee_id, null);
  if (before.labels !== after.labels) item('labels', null, labelText(before.labels), null, labelText(after.labels));
  if (before.description !== after.description) item('description', null, null, null, null);
  if (before.duedate !== after.duedate) item('duedate', before.duedate, before.duedate, after.duedate, after.duedate);
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
    const result = new Function('event', `"use strict"; return (${filter.expression});`)(strictPayload(event)) as unknown;
    if (typeof result !== 'boolean') throw new Error(`the expression returned ${JSON.stringify(result)}, not a boolean`);
    return result;
  } catch (e) {
    if (onError.endsWith('_AND_LOG')) console.warn(`Trigger filter could not be evaluated (${onError}): ${e instanceof Error ? e.message : String(e)}`);
    return onError.startsWith('RECEIVE');
  }
}

/**
 * The payload as Forge's expressions see it: reading a property the payload does not have is an error
 * (the event then follows `onError`), not `undefined` as in JavaScript. Methods of lists and strings
 * (`some`, `includes`, `length`) stay available.
 */
function strictPayload(value: unknown, path = 'event'): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value as object, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (!(prop in target)) throw new Error(`${path} has no property '${prop}'`);
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? v : strictPayload(v, Array.isArray(target) ? `${path}[${prop}]` : `${path}.${prop}`);
    },
  });
}

export interface EventStats {
  emitted: number;
  filteredOut: number;
  /** Deliveries that ran, second copies included. */
  delivered: number;
  /** Second copies of an event (the platform delivers at least once). */
  duplicated: number;
  failed: number;
  pending: number;
}

/**
 * How the host delivers issue events, as Forge may: late, more than once, several at a time (so a later
 * event can run before an earlier one). Every delivery waits `delayMs` (drawn per copy), an event is
 * delivered a second time with probability `duplicate`, and `concurrent` lets deliveries overlap instead of
 * running one after another in arrival order. Draws come from a PRNG seeded with `seed`.
 */
export interface DeliveryOptions {
  delayMs: { min: number; max: number };
  duplicate: number;
  concurrent: boolean;
  /** With `concurrent`: at most this many deliveries run at once (the host is one process, not a fleet). */
  maxConcurrent: number;
  seed: number;
}

/** The default everywhere (tests, `npm start`): every event late by up to 100 ms, twice, up to 4 at once. */
export const PLATFORM_LIKE_DELIVERY: DeliveryOptions = { delayMs: { min: 0, max: 100 }, duplicate: 1, concurrent: true, maxConcurrent: 4, seed: 1 };
/** One delivery per event, right after the REST answer, in arrival order. */
export const ORDERLY_DELIVERY: DeliveryOptions = { ...PLATFORM_LIKE_DELIVERY, delayMs: { min: 0, max: 0 }, duplicate: 0, concurrent: false };

/** Validates a partial change of the delivery options; anything odd is an error, never ignored. */
export function withDelivery(base: DeliveryOptions, input: unknown): DeliveryOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('The delivery options must be an object.');
  const i = input as Record<string, unknown>;
  const unknown = Object.keys(i).filter((k) => !['delayMs', 'duplicate', 'concurrent', 'maxConcurrent', 'seed'].includes(k));
  if (unknown.length > 0) throw new Error(`Unknown delivery option(s): ${unknown.join(', ')}`);
  const next = { ...base, delayMs: { ...base.delayMs } };
  if (i.delayMs !== undefined) {
    const d = i.delayMs as { min?: unknown; max?: unknown } | null;
    const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 600_000;
    if (!d || !ok(d.min) || !ok(d.max) || d.min > d.max) throw new Error('delayMs must be {min, max}: whole milliseconds, 0 <= min <= max <= 600000.');
    next.delayMs = { min: d.min, max: d.max };
  }
  if (i.duplicate !== undefined) {
    if (typeof i.duplicate !== 'number' || !(i.duplicate >= 0 && i.duplicate <= 1)) throw new Error('duplicate must be a probability from 0 to 1.');
    next.duplicate = i.duplicate;
  }
  if (i.concurrent !== undefined) {
    if (typeof i.concurrent !== 'boolean') throw new Error('concurrent must be true or false.');
    next.concurrent = i.concurrent;
  }
  if (i.maxConcurrent !== undefined) {
    if (!Number.isInteger(i.maxConcurrent) || (i.maxConcurrent as number) < 1 || (i.maxConcurrent as number) > 64) throw new Error('maxConcurrent must be a whole number from 1 to 64.');
    next.maxConcurrent = i.maxConcurrent as number;
  }
  if (i.seed !== undefined) {
    if (!Number.isInteger(i.seed)) throw new Error('seed must be a whole number.');
    next.seed = i.seed as number;
  }
  return next;
}

/**
 * The options from the environment: `LOCAL_EVENT_DELAY_MS` (`max` or `min-max`), `LOCAL_EVENT_DUPLICATE`
 * (0..1), `LOCAL_EVENT_CONCURRENT` (`true`/`false`), `LOCAL_EVENT_MAX_CONCURRENT`, `LOCAL_EVENT_SEED`;
 * unset ones keep the platform-like default.
 */
export function deliveryFromEnv(env: NodeJS.ProcessEnv): DeliveryOptions {
  const input: Record<string, unknown> = {};
  const delay = env.LOCAL_EVENT_DELAY_MS?.trim();
  if (delay) {
    const [a, b] = delay.split('-').map((x) => Number(x.trim()));
    input.delayMs = b === undefined ? { min: 0, max: a } : { min: a, max: b };
  }
  if (env.LOCAL_EVENT_DUPLICATE?.trim()) input.duplicate = Number(env.LOCAL_EVENT_DUPLICATE);
  if (env.LOCAL_EVENT_CONCURRENT?.trim()) {
    const v = env.LOCAL_EVENT_CONCURRENT.trim().toLowerCase();
    input.concurrent = v === 'true' ? true : v === 'false' ? false : v;
  }
  if (env.LOCAL_EVENT_MAX_CONCURRENT?.trim()) input.maxConcurrent = Number(env.LOCAL_EVENT_MAX_CONCURRENT);
  if (env.LOCAL_EVENT_SEED?.trim()) input.seed = Number(env.LOCAL_EVENT_SEED);
  try {
    return withDelivery(PLATFORM_LIKE_DELIVERY, input);
  } catch (e) {
    throw new Error(`LOCAL_EVENT_* environment: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** mulberry32: a small seeded PRNG, so a run's delays and duplicates can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Schedules deliveries per `DeliveryOptions` and knows when none is left (`idle`). */
export class DeliveryQueue {
  private serial: Promise<void> = Promise.resolve();
  private pending = 0;
  private running = 0;
  private slotWaiters: Array<() => void> = [];
  private waiters: Array<() => void> = [];
  private random: () => number;

  constructor(private options: DeliveryOptions) {
    this.random = seededRandom(options.seed);
  }

  get settings(): DeliveryOptions {
    return { ...this.options, delayMs: { ...this.options.delayMs } };
  }

  get pendingCount(): number {
    return this.pending;
  }

  /** Changes the options for events scheduled from now on; a new seed restarts the draws. */
  configure(input: unknown): DeliveryOptions {
    const next = withDelivery(this.options, input);
    if ((input as { seed?: unknown }).seed !== undefined) this.random = seededRandom(next.seed);
    this.options = next;
    return this.settings;
  }

  /** Schedules one event: `deliver(0)`, and `deliver(1)` when a duplicate is drawn. Returns the number of copies. */
  schedule(deliver: (copy: number) => Promise<void>): number {
    const copies = this.random() < this.options.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const { min, max } = this.options.delayMs;
      const delay = min + Math.floor(this.random() * (max - min + 1));
      this.pending += 1;
      // Never before the REST answer that caused the event has gone out, as with Forge.
      const wait = () => new Promise<void>((resolve) => setTimeout(resolve, delay));
      const run = () => deliver(copy).catch(() => undefined).finally(() => this.settle());
      if (this.options.concurrent) void wait().then(() => this.inSlot(run));
      else this.serial = this.serial.then(wait).then(run);
    }
    return copies;
  }

  /** Resolves once every delivery scheduled so far has run. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs `work` once fewer than `maxConcurrent` deliveries are running. */
  private async inSlot(work: () => Promise<void>): Promise<void> {
    while (this.running >= this.options.maxConcurrent) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running += 1;
    try {
      await work();
    } finally {
      this.running -= 1;
      this.slotWaiters.shift()?.();
    }
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) this.waiters.splice(0).forEach((w) => w());
  }
}

export class EventDispatcher {
  private counts: Omit<EventStats, 'pending'> = { emitted: 0, filteredOut: 0, delivered: 0, duplicated: 0, failed: 0 };
  private readonly queue: DeliveryQueue;

  constructor(private readonly opts: { app: ForgeApp; db: Database; delivery?: DeliveryOptions }) {
    this.queue = new DeliveryQueue(opts.delivery ?? PLATFORM_LIKE_DELIVERY);
  }

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
      // Each copy gets its own object: a handler that mutates its event cannot change the other copy.
      const copies = this.queue.schedule(() => this.deliver(mod, structuredClone(event)));
      this.counts.duplicated += copies - 1;
    }
  };

  /** Resolves once every event emitted so far has been delivered (every copy). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  get delivery(): DeliveryOptions {
    return this.queue.settings;
  }

  configureDelivery(input: unknown): DeliveryOptions {
    return this.queue.configure(input);
  }

  toJSON(): EventStats {
    return { ...this.counts, pending: this.queue.pendingCount };
  }

  reset(): void {
    this.counts = { emitted: 0, filteredOut: 0, delivered: 0, duplicated: 0, failed: 0 };
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
