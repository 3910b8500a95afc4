/** Small HTTP helpers for tests and benchmarks talking to a running local host. */
import type { ResolverName, Responses, Result } from '../../src/shared/contract';

export const MODULES = {
  panel: 'production-handoff-panel',
  report: 'readiness-report',
  gate: 'production-handoff-gate',
  portfolio: 'portfolio-page',
  gadget: 'portfolio-gadget',
} as const;

export interface InvokeOptions {
  moduleKey?: string;
  context: { issueKey?: string; projectKey?: string; dashboardId?: string; gadgetId?: string };
  user?: string;
}

export async function invoke<N extends ResolverName>(baseUrl: string, functionKey: N, payload: unknown, opts: InvokeOptions): Promise<Result<Responses[N]>> {
  const res = await fetch(`${baseUrl}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      moduleKey: opts.moduleKey ?? (opts.context.issueKey ? MODULES.panel : MODULES.report),
      functionKey,
      payload,
      context: opts.context,
      user: opts.user ?? 'admin@example.com',
    }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`invoke ${functionKey} answered ${res.status}: ${text}`);
  return JSON.parse(text) as Result<Responses[N]>;
}

/** Unwraps an ok result, or fails with the resolver's error so a test shows why. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

// Tests read Jira's JSON ad hoc; a typed T is there for those that want it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface JiraResponse<T = any> {
  status: number;
  body: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function jira<T = any>(baseUrl: string, method: string, path: string, body?: unknown, user = 'admin@example.com'): Promise<JiraResponse<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:token`).toString('base64')}`,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T };
}

export interface HostStatsSnapshot {
  jira: { total: number; byRoute: Record<string, number>; byPrincipal: Record<string, number>; byModule: Record<string, number> };
  kvs: { total: number; byOperation: Record<string, number>; byModule: Record<string, number>; errors: number };
  invocations: Record<string, { count: number; errors: number; totalMs: number; maxMs: number; avgMs: number }>;
  validatorRuns: number;
  events?: EventQueueStats;
}

export async function stats(baseUrl: string): Promise<HostStatsSnapshot> {
  return (await (await fetch(`${baseUrl}/__local/stats`)).json()) as HostStatsSnapshot;
}

export async function resetStats(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/__local/stats/reset`, { method: 'POST' });
}

export async function setKvsFault(baseUrl: string, kvs: 'ok' | 'fail'): Promise<void> {
  const res = await fetch(`${baseUrl}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kvs }) });
  if (res.status !== 200) throw new Error(`faults answered ${res.status}`);
}

/** Jira's search as a user: keys of the issues the JQL finds (first 100). */
export async function searchKeys(baseUrl: string, jql: string, user = 'admin@example.com'): Promise<string[]> {
  const r = await jira<{ issues: Array<{ key: string }> }>(baseUrl, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 }, user);
  if (r.status !== 200) throw new Error(`search answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.issues.map((i) => i.key);
}

export interface EventQueueStats {
  emitted: number;
  filteredOut: number;
  /** Deliveries that ran, second copies included. */
  delivered: number;
  /** Events the host delivered a second time. */
  duplicated: number;
  failed: number;
  pending: number;
}

/** Waits until every issue event emitted so far has reached the app's trigger functions. */
export async function eventsIdle(baseUrl: string): Promise<EventQueueStats> {
  const res = await fetch(`${baseUrl}/__local/events/idle`);
  if (res.status !== 200) throw new Error(`events/idle answered ${res.status}`);
  return (await res.json()) as EventQueueStats;
}
