/**
 * The app's `webtrigger` modules, served as Forge serves them, and the platform API behind
 * `webTrigger.getUrl / queryUrls / deleteUrl` from `@forge/api`.
 *
 * From Forge's docs (manifest-reference/modules/web-trigger, runtime-reference/web-trigger,
 * events-reference/web-trigger, runtime-reference/web-trigger-api, limits-invocation) and the package
 * (`@forge/api/out/webTrigger.js`):
 * - `webTrigger.getUrl(moduleKey, forceCreate?)` posts the GraphQL mutation `createWebTriggerUrl` to the
 *   Atlassian gateway as the app (`__forge_fetch__({type:'fpp', provider:'app', remote:'stargate'},
 *   '/graphql')`); the URL is stable per module key, app, site and environment; `forceCreate` makes a new
 *   one; `deleteUrl` stops a URL from invoking anything; `queryUrls` lists them. URLs look like
 *   `https://<id>.hello.atlassian-dev.net/x1/<token>` (`urlFormat: v1`, the default) or
 *   `https://<installation>.webtrigger.atlassian.app/public/<token>` (v2); here `<host>/x1/<token>` or
 *   `<host>/public/<token>`, the token unguessable (24 random bytes).
 * - The platform does not authenticate callers; there is no user (asUser() fails).
 * - Request given to the function: `{method, headers: {Name: [values]}, body?: string, path, userPath,
 *   queryParameters: {name: [values]}}` (comma-separated values split, as the docs' example shows), plus
 *   `context: {cloudId, moduleKey}` and `contextToken` (the scheduled-trigger docs say its request has
 *   "fewer properties" than a web trigger's, naming those two).
 * - Response: `{statusCode (required), headers?: {Name: [values]}, body?: string, statusText?}`; anything
 *   else is answered 500. `response.type: static` triggers may only answer `{outputKey}` naming one of
 *   the manifest's `outputs` (statusCode, contentType, body). Responses carry X-Ratelimit-* headers.
 * - Payload (request and response, all metadata included) at most 5 MB; runtime 55 s.
 */
import crypto from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Database } from '../db';
import { hostNow } from '../clock';
import { INTERNAL_HEADER, INTERNAL_SECRET, runInInvocation } from './runtime';
import { LOCAL_ENVIRONMENT_ID, type ForgeApp, type Manifest, type ManifestModule } from './app';
import { contextToken } from './schedules';

export const WEBTRIGGER_PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const WEBTRIGGER_TIMEOUT_MS = 55_000;
/** Forge's per-installation invocation rate limit (per minute), which web triggers share. */
export const WEBTRIGGER_RATE_LIMIT = 5_000;

interface StaticOutput {
  key: string;
  statusCode: number;
  contentType?: string;
  body?: string;
}

export interface WebTriggerDef {
  key: string;
  functionKey: string;
  urlFormat: 'v1' | 'v2';
  type: 'static' | 'dynamic';
  outputs: StaticOutput[];
}

export function webtriggerDefs(manifest: Manifest): WebTriggerDef[] {
  return manifest.modules.filter((m) => m.type === 'webtrigger' && m.function).map((m) => {
    const response = m.raw.response as { type?: string; outputs?: StaticOutput[] } | undefined;
    return {
      key: m.key,
      functionKey: m.function!,
      urlFormat: m.raw.urlFormat === 'v2' ? 'v2' : 'v1',
      type: response?.type === 'static' ? 'static' : 'dynamic',
      outputs: Array.isArray(response?.outputs) ? response!.outputs : [],
    };
  });
}

/** What `forge deploy` would refuse, or what the host cannot honour, about the web triggers. */
export function webtriggerProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const m of manifest.modules.filter((x) => x.type === 'webtrigger')) {
    if (m.raw.endpoint !== undefined) problems.push(`webtrigger ${m.key}: Forge Remote endpoints are not available offline`);
    else if (!m.function || !manifest.functions[m.function]) problems.push(`webtrigger ${m.key}: function "${m.function ?? ''}" is not declared`);
    if (m.raw.urlFormat !== undefined && m.raw.urlFormat !== 'v1' && m.raw.urlFormat !== 'v2') problems.push(`webtrigger ${m.key}: urlFormat must be v1 or v2`);
    const auth = (m.raw.request as { authentication?: unknown } | undefined)?.authentication;
    // Accepting requests the platform would have refused is exactly what the host must never do.
    if (auth !== undefined && auth !== 'none') problems.push(`webtrigger ${m.key}: request.authentication '${String(auth)}' is not implemented by the local host`);
    const response = m.raw.response as { type?: unknown; outputs?: unknown } | undefined;
    if (response !== undefined) {
      if (response.type !== 'static' && response.type !== 'dynamic') problems.push(`webtrigger ${m.key}: response.type must be static or dynamic`);
      if (response.type === 'static' && (!Array.isArray(response.outputs) || response.outputs.length === 0)) problems.push(`webtrigger ${m.key}: a static response needs outputs`);
      if (response.type === 'dynamic' && response.outputs !== undefined) problems.push(`webtrigger ${m.key}: outputs are only for a static response`);
      if (Array.isArray(response.outputs)) {
        for (const o of response.outputs as Array<Partial<StaticOutput>>) {
          if (typeof o.key !== 'string' || !Number.isInteger(o.statusCode)) problems.push(`webtrigger ${m.key}: every output needs a key and an integer statusCode`);
        }
      }
    }
  }
  return problems;
}

// ---- the request and response shapes (pure) ----

export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body?: string;
  path: string;
  userPath: string;
  queryParameters: Record<string, string[]>;
}

/** `rawHeaders` ([name, value, name, value, ...], as sent) grouped into Forge's `{Name: [values]}`. */
export function headerArrays(rawHeaders: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) (out[rawHeaders[i]] ??= []).push(rawHeaders[i + 1]);
  return out;
}

/** `a=green,red&b=x&b=y` → `{a: ['green', 'red'], b: ['x', 'y']}`. */
export function queryArrays(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const q = search.startsWith('?') ? search.slice(1) : search;
  if (!q) return out;
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    (out[name] ??= []).push(...raw.split(',').map(decode));
  }
  return out;
}

export interface HttpAnswer {
  status: number;
  statusText?: string;
  headers: Record<string, string[]>;
  body: string;
}

export class WebTriggerResponseError extends Error {}

/** The HTTP answer for a function's result, or a WebTriggerResponseError when Forge would answer 500. */
export function httpAnswer(def: WebTriggerDef, result: unknown): HttpAnswer {
  const r = result as Record<string, unknown> | null | undefined;
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new WebTriggerResponseError(`the function returned ${JSON.stringify(result)}, not a web trigger response object`);
  if (def.type === 'static') {
    if (typeof r.outputKey !== 'string') throw new WebTriggerResponseError('a static web trigger must answer {outputKey} naming one of the manifest\'s outputs');
    const out = def.outputs.find((o) => o.key === r.outputKey);
    if (!out) throw new WebTriggerResponseError(`outputKey '${r.outputKey}' is not among the manifest's outputs (${def.outputs.map((o) => o.key).join(', ')})`);
    return { status: out.statusCode, headers: out.contentType ? { 'Content-Type': [out.contentType] } : {}, body: out.body ?? '' };
  }
  if (!Number.isInteger(r.statusCode) || (r.statusCode as number) < 100 || (r.statusCode as number) > 599) throw new WebTriggerResponseError('the response needs an integer statusCode (100-599)');
  if (r.body !== undefined && typeof r.body !== 'string') throw new WebTriggerResponseError('body must be a string (serialise JSON yourself)');
  if (r.statusText !== undefined && typeof r.statusText !== 'string') throw new WebTriggerResponseError('statusText must be a string');
  const headers: Record<string, string[]> = {};
  if (r.headers !== undefined) {
    if (!r.headers || typeof r.headers !== 'object' || Array.isArray(r.headers)) throw new WebTriggerResponseError('headers must be an object of string arrays');
    for (const [name, values] of Object.entries(r.headers as Record<string, unknown>)) {
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new WebTriggerResponseError(`header ${name} must be an array of strings, e.g. {"Content-Type": ["application/json"]}`);
      headers[name] = values as string[];
    }
  }
  return { status: r.statusCode as number, ...(typeof r.statusText === 'string' ? { statusText: r.statusText } : {}), headers, body: (r.body as string | undefined) ?? '' };
}

// ---- URLs ----

interface UrlRow {
  id: string;
  module_key: string;
  created_ms: number;
}

export class WebTriggers {
  private readonly defs: WebTriggerDef[];
  private window = { startedMs: 0, count: 0 };

  constructor(private readonly opts: { app: ForgeApp; db: Database; getBaseUrl: () => string }) {
    this.defs = webtriggerDefs(opts.app.manifest);
    opts.db.exec('CREATE TABLE IF NOT EXISTS local_webtrigger_urls (id TEXT PRIMARY KEY, module_key TEXT NOT NULL, created_ms INTEGER NOT NULL)');
  }

  def(moduleKey: string): WebTriggerDef | undefined {
    return this.defs.find((d) => d.key === moduleKey);
  }

  url(row: { id: string; module_key: string }): string {
    const format = this.def(row.module_key)?.urlFormat ?? 'v1';
    return `${this.opts.getBaseUrl()}/${format === 'v2' ? 'public' : 'x1'}/${row.id}`;
  }

  /** The module's URL (the first one made), or a new one when there is none or `forceCreate`. */
  getUrl(moduleKey: string, forceCreate = false): string {
    if (!this.def(moduleKey)) throw new Error(`No webtrigger module "${moduleKey}" in manifest.yml`);
    const existing = this.opts.db.prepare('SELECT * FROM local_webtrigger_urls WHERE module_key = ? ORDER BY created_ms, rowid LIMIT 1').get(moduleKey) as UrlRow | undefined;
    if (existing && !forceCreate) return this.url(existing);
    const row = { id: crypto.randomBytes(24).toString('base64url'), module_key: moduleKey, created_ms: hostNow() };
    this.opts.db.prepare('INSERT INTO local_webtrigger_urls (id, module_key, created_ms) VALUES (?, ?, ?)').run(row.id, row.module_key, row.created_ms);
    return this.url(row);
  }

  list(moduleKey?: string): Array<{ moduleKey: string; url: string; createdAt: string }> {
    const rows = (moduleKey
      ? this.opts.db.prepare('SELECT * FROM local_webtrigger_urls WHERE module_key = ? ORDER BY created_ms, rowid').all(moduleKey)
      : this.opts.db.prepare('SELECT * FROM local_webtrigger_urls ORDER BY created_ms, rowid').all()) as UrlRow[];
    return rows.map((r) => ({ moduleKey: r.module_key, url: this.url(r), createdAt: new Date(r.created_ms).toISOString() }));
  }

  deleteById(id: string): boolean {
    return this.opts.db.prepare('DELETE FROM local_webtrigger_urls WHERE id = ?').run(id).changes === 1;
  }

  private rowById(id: string): UrlRow | undefined {
    return this.opts.db.prepare('SELECT * FROM local_webtrigger_urls WHERE id = ?').get(id) as UrlRow | undefined;
  }

  private rateLimit(): { limited: boolean; headers: Record<string, string[]> } {
    const now = hostNow();
    if (now - this.window.startedMs >= 60_000 || now < this.window.startedMs) this.window = { startedMs: now, count: 0 };
    this.window.count += 1;
    const remaining = Math.max(0, WEBTRIGGER_RATE_LIMIT - this.window.count);
    return {
      limited: this.window.count > WEBTRIGGER_RATE_LIMIT,
      headers: {
        'X-Ratelimit-Limit': [String(WEBTRIGGER_RATE_LIMIT)],
        'X-Ratelimit-Remaining': [String(remaining)],
        'X-Ratelimit-Reset': [String(Math.ceil((this.window.startedMs + 60_000) / 1000))],
      },
    };
  }

  /** `/x1/<id>[/user/path]` and `/public/<id>[/user/path]`: anyone may call them, as on Forge. */
  router(): Router {
    const router = express.Router();
    router.all(/^\/(x1|public)\/([^/?#]+)(\/[^?#]*)?$/, express.raw({ type: () => true, limit: WEBTRIGGER_PAYLOAD_LIMIT }), async (req: Request, res: Response) => {
      const params = req.params as unknown as Record<string, string | undefined>;
      const row = this.rowById(params[1] ?? '');
      const def = row ? this.def(row.module_key) : undefined;
      const prefix = params[0] === 'public' ? 'v2' : 'v1';
      if (!row || !def || def.urlFormat !== prefix) {
        res.status(404).json({ message: 'Web trigger not found' });
        return;
      }
      const rate = this.rateLimit();
      const send = (a: HttpAnswer) => {
        for (const [name, values] of Object.entries({ ...a.headers, ...rate.headers })) res.setHeader(name, values);
        res.status(a.status);
        if (a.statusText) res.statusMessage = a.statusText;
        res.end(a.body);
      };
      const fail = (status: number, message: string) => send({ status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ message }) });
      if (rate.limited) return fail(429, 'Rate limit exceeded');
      const hasBody = req.get('content-length') !== undefined || req.get('transfer-encoding') !== undefined;
      const path = req.path;
      const request: WebTriggerRequest = {
        method: req.method,
        headers: headerArrays(req.rawHeaders),
        ...(hasBody ? { body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '' } : {}),
        path,
        userPath: params[2] ?? '',
        queryParameters: queryArrays(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : ''),
      };
      const event = { ...request, context: { cloudId: this.opts.app.cloudId, moduleKey: def.key }, contextToken: contextToken(this.opts.app, def.key, 'core:webtrigger') };
      if (Buffer.byteLength(JSON.stringify(event)) > WEBTRIGGER_PAYLOAD_LIMIT) return fail(413, 'The web trigger request exceeds the 5 MB invocation payload limit');
      const started = performance.now();
      let answer: HttpAnswer;
      try {
        const result = await this.invoke(def, event);
        answer = httpAnswer(def, result);
        if (Buffer.byteLength(JSON.stringify(result)) > WEBTRIGGER_PAYLOAD_LIMIT) throw new WebTriggerResponseError('the response exceeds the 5 MB invocation payload limit');
        this.opts.app.stats.countInvocation(`${def.key}:webtrigger`, performance.now() - started, false);
      } catch (e) {
        this.opts.app.stats.countInvocation(`${def.key}:webtrigger`, performance.now() - started, true);
        console.error(`Web trigger ${def.key} failed:`, e);
        return fail(500, e instanceof WebTriggerResponseError ? `Invalid web trigger response: ${e.message}` : 'The web trigger function failed');
      }
      send(answer);
    });
    router.use((err: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
      const e = err as { type?: string; status?: number };
      if (e?.type === 'entity.too.large') {
        res.status(413).json({ message: 'The web trigger request exceeds the 5 MB invocation payload limit' });
        return;
      }
      next(err);
    });
    return router;
  }

  private invoke(def: WebTriggerDef, event: Record<string, unknown>): Promise<unknown> {
    const { app } = this.opts;
    const mod = app.module(def.key) as ManifestModule;
    const handler = app.loadFunction(def.functionKey);
    const context = { principal: undefined, installContext: `ari:cloud:jira::site/${app.cloudId}` };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Web trigger ${def.key} timed out after ${WEBTRIGGER_TIMEOUT_MS / 1000} s`)), WEBTRIGGER_TIMEOUT_MS);
      timer.unref?.();
    });
    const run = runInInvocation({ ...app.invocationBase(mod, def.functionKey, undefined), budgetMs: WEBTRIGGER_TIMEOUT_MS }, async () => handler(event, context));
    return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * The Atlassian GraphQL gateway (`/gateway/api/graphql`) for the operations `@forge/api` sends for web
   * trigger URLs. Only the app's own invocations reach it (the internal header).
   */
  gatewayRouter(): Router {
    const router = express.Router();
    router.post('/gateway/api/graphql', express.json({ limit: '1mb' }), (req: Request, res: Response) => {
      const internal = req.get(INTERNAL_HEADER) ?? '';
      if (!internal.startsWith(`${INTERNAL_SECRET};`)) {
        res.status(401).json({ errors: [{ message: 'Unauthorized' }] });
        return;
      }
      const body = (req.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
      const query = typeof body.query === 'string' ? body.query : '';
      const vars = body.variables ?? {};
      const gqlError = (field: string, message: string) => res.json({ errors: [{ message, path: [field], extensions: { errorType: 'BAD_REQUEST' } }], data: { [field]: null } });
      const app = this.opts.app;
      const appId = app.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, '');
      const contextAri = `ari:cloud:jira::site/${app.cloudId}`;
      if (/\bcreateWebTriggerUrl\s*\(/.test(query)) {
        const input = (vars.input ?? {}) as { appId?: unknown; envId?: unknown; triggerKey?: unknown; contextId?: unknown; secretKeyConfig?: unknown };
        if (input.appId !== appId || input.envId !== LOCAL_ENVIRONMENT_ID || input.contextId !== contextAri) return gqlError('createWebTriggerUrl', 'The app, environment or context does not match this installation');
        if (input.secretKeyConfig !== undefined) return gqlError('createWebTriggerUrl', 'secretKeyConfig is not implemented by the local host');
        if (typeof input.triggerKey !== 'string' || !this.def(input.triggerKey)) return gqlError('createWebTriggerUrl', `No webtrigger module "${String(input.triggerKey)}" in this app`);
        res.json({ data: { createWebTriggerUrl: { url: this.getUrl(input.triggerKey, vars.forceCreate === true) } } });
        return;
      }
      if (/\bdeleteWebTriggerUrl\s*\(/.test(query)) {
        const ok = typeof vars.id === 'string' && this.deleteById(vars.id);
        res.json({ data: { deleteWebTriggerUrl: ok ? { success: true, message: null } : { success: false, message: 'Web trigger URL not found' } } });
        return;
      }
      if (/\bwebTriggerUrlsByAppContext\s*\(/.test(query)) {
        if (vars.appId !== appId || vars.envId !== LOCAL_ENVIRONMENT_ID || vars.contextId !== contextAri) return gqlError('webTriggerUrlsByAppContext', 'The app, environment or context does not match this installation');
        res.json({ data: { webTriggerUrlsByAppContext: this.list().map((u) => ({ triggerKey: u.moduleKey, url: u.url })) } });
        return;
      }
      res.json({ errors: [{ message: 'The local host answers only the web trigger URL operations of the GraphQL gateway' }], data: null });
    });
    return router;
  }
}
