/**
 * The Forge runtime globals the UNMODIFIED `@forge/api`, `@forge/kvs` and
 * `@forge/resolver` packages expect:
 *
 * - `global.__forge_runtime__`: a getter over AsyncLocalStorage so concurrent
 *   invocations each see their own appContext / aaid.
 * - `global.__forge_fetch__(descriptor, path, init)`: answers a WHATWG Response.
 *   Product (`fpp`/jira) requests and KVS requests are sent over loopback HTTP to
 *   the host's own server, authenticated with a per-process secret header, so the
 *   same code path (and the same request log) serves the app and the shell.
 *
 * There is deliberately NO `kvs` property on the runtime: `@forge/kvs` then talks
 * to `__forge_fetch__({type:'kvs', provider:'app', remote:'kvs'}, '/api/v1/...')`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { INVOCATION_HEADER } from '../jira/request-log';

/** Per-process secret for `x-forge-internal` (loopback calls from the app to the host). */
export const INTERNAL_SECRET: string = randomBytes(24).toString('hex');
export const INTERNAL_HEADER = 'x-forge-internal';

export const INVOCATION_BUDGET_MS = 25_000;

export interface InvocationContext {
  /** Base URL of the host's own HTTP server, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  appId: string;
  appVersion: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
  functionKey: string;
  moduleType: string;
  moduleKey: string;
  /** The invoking user, absent for validators and app-only invocations. */
  accountId?: string;
  invocationId: string;
  startedAt: number;
  appCodeDir: string;
  /** The invocation's time budget; Forge's 25 s for UI invocations when absent. */
  budgetMs?: number;
}

const storage = new AsyncLocalStorage<InvocationContext>();

/** Fallback used when package code runs outside an invocation (module load, scripts). */
let defaultContext: InvocationContext | undefined;

export function setDefaultInvocationContext(ctx: InvocationContext | undefined): void {
  defaultContext = ctx;
}

export function currentInvocation(): InvocationContext | undefined {
  return storage.getStore() ?? defaultContext;
}

export function runInInvocation<T>(ctx: Omit<InvocationContext, 'invocationId' | 'startedAt'> & Partial<Pick<InvocationContext, 'invocationId' | 'startedAt'>>, fn: () => Promise<T>): Promise<T> {
  const full: InvocationContext = { invocationId: randomUUID(), startedAt: Date.now(), ...ctx };
  return storage.run(full, fn);
}

const noopTimer = { stop: () => undefined };
const noopMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => ({ measure: () => noopTimer }),
  gauge: () => ({ set: () => undefined }),
};

/** The object `global.__forge_runtime__` answers for a given invocation. */
export function buildRuntime(ctx: InvocationContext): Record<string, unknown> {
  const envAri = ctx.environmentId;
  return {
    proxy: { token: `local-${ctx.invocationId}`, url: ctx.baseUrl },
    contextAri: `ari:cloud:jira::site/${ctx.cloudId}`,
    aaid: ctx.accountId,
    appContext: {
      appId: ctx.appId,
      appVersion: ctx.appVersion,
      environmentId: envAri,
      environmentType: 'DEVELOPMENT',
      invocationId: ctx.invocationId,
      installationId: ctx.installationId,
      functionKey: ctx.functionKey,
      moduleType: ctx.moduleType,
      moduleKey: ctx.moduleKey,
    },
    lambdaContext: {
      getRemainingTimeInMillis: () => Math.max(0, (ctx.budgetMs ?? INVOCATION_BUDGET_MS) - (Date.now() - ctx.startedAt)),
    },
    tracing: { traceId: ctx.invocationId.replace(/-/g, ''), spanId: ctx.invocationId.slice(0, 16).replace(/-/g, '') },
    metrics: noopMetrics,
    container: { appCodeDir: ctx.appCodeDir },
    featureFlags: () => ({}),
    // No `kvs` property on purpose (see file comment).
  };
}

type HeadersLike = Record<string, string> | Array<[string, string]> | Headers | undefined;

function toHeaderRecord(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (typeof (h as Headers).forEach === 'function' && !Array.isArray(h)) {
    (h as Headers).forEach((v, k) => { out[k.toLowerCase()] = v; });
    return out;
  }
  if (Array.isArray(h)) {
    for (const [k, v] of h as Array<[string, string]>) out[String(k).toLowerCase()] = String(v);
    return out;
  }
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  }
  return out;
}

function jsonResponse(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...extraHeaders } });
}

export interface ForgeFetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

/** The implementation of `global.__forge_fetch__`. Exported for unit tests. */
export async function forgeFetch(descriptor: ForgeFetchDescriptor, path: string, init: RequestInit & { headers?: HeadersLike } = {}): Promise<Response> {
  const ctx = currentInvocation();
  if (!ctx) {
    return jsonResponse(500, { code: 'NO_INVOCATION', message: 'No Forge invocation is active and no host is running' }, { 'forge-proxy-error': 'NO_INVOCATION' });
  }
  const headers = toHeaderRecord(init.headers);
  delete headers['host'];
  delete headers['authorization'];
  delete headers['content-length'];
  let target: string;
  if (descriptor.type === 'kvs') {
    target = `${ctx.baseUrl}/__kvs${path.startsWith('/') ? path : `/${path}`}`;
    headers[INTERNAL_HEADER] = `${INTERNAL_SECRET};app`;
  } else if (descriptor.type === 'fpp') {
    if (descriptor.remote && descriptor.remote !== 'jira' && descriptor.remote !== 'stargate') {
      return jsonResponse(404, { message: `The local host only answers Jira; remote '${descriptor.remote}' is not available offline` });
    }
    if (!path.startsWith('/')) {
      return jsonResponse(400, { message: `Product path must start with '/': ${path}` });
    }
    if (descriptor.provider === 'user') {
      const accountId = descriptor.accountId ?? ctx.accountId;
      if (!accountId) {
        return jsonResponse(401, { errorMessages: ['asUser() was called in an invocation without a user (e.g. a workflow validator)'], errors: {} }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' });
      }
      headers[INTERNAL_HEADER] = `${INTERNAL_SECRET};user;${accountId}`;
    } else {
      // 'app' and the legacy provider-less requestJira both act as the app.
      headers[INTERNAL_HEADER] = `${INTERNAL_SECRET};app`;
    }
    // 'stargate' is Atlassian's GraphQL gateway: the host answers the platform operations it implements (web trigger URLs).
    target = descriptor.remote === 'stargate' ? `${ctx.baseUrl}/gateway/api${path}` : `${ctx.baseUrl}${path}`;
  } else {
    return jsonResponse(501, { message: `__forge_fetch__ type '${descriptor.type}' is not supported by the local host` });
  }
  headers[INVOCATION_HEADER] = ctx.moduleKey;
  const res = await fetch(target, {
    method: init.method ?? 'GET',
    headers,
    body: init.body as RequestInit["body"],
    redirect: 'manual',
  });
  return res;
}

let installed = false;

/** Installs the two globals once per process. Safe to call repeatedly. */
export function installForgeGlobals(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as Record<string, unknown>;
  Object.defineProperty(g, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get() {
      const ctx = currentInvocation();
      return ctx ? buildRuntime(ctx) : undefined;
    },
  });
  Object.defineProperty(g, '__forge_fetch__', {
    configurable: true,
    enumerable: false,
    writable: false,
    value: forgeFetch,
  });
}
