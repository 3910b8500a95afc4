/**
 * Loads a Forge app (manifest.yml + its real handler modules) and invokes its
 * resolvers and workflow validators the way the Forge platform does, inside a
 * per-invocation AsyncLocalStorage context (see runtime.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { INTERNAL_HEADER, INTERNAL_SECRET, INVOCATION_BUDGET_MS, installForgeGlobals, runInInvocation } from './runtime';
import { parseEntityDefs, type EntityDef } from './kvs';
import { HostStats } from './stats';
import { PlatformLatency } from './latency';

export const LOCAL_CLOUD_ID = '7e3c1a52-0f6b-4c1e-9d2a-5b1f0c0ffee1';
export const LOCAL_ENVIRONMENT_ID = '0a0b0c0d-0000-4000-8000-000000000dev';
export const LOCAL_INSTALLATION_ID = '1b2c3d4e-0000-4000-8000-00000000inst';

export interface ManifestModule {
  type: string;
  key: string;
  resource?: string;
  resolverFunction?: string;
  function?: string;
  title?: string;
  name?: string;
  description?: string;
  displayConditions?: unknown;
  configResources?: { create?: string; edit?: string; view?: string };
  raw: Record<string, unknown>;
}

export interface Manifest {
  appId: string;
  functions: Record<string, { handler: string }>;
  modules: ManifestModule[];
  resources: Record<string, { path: string }>;
  entities: EntityDef[];
  raw: Record<string, unknown>;
}

export function readManifest(appDir: string): Manifest {
  const file = path.join(appDir, 'manifest.yml');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped YAML, checked field by field below
  const raw = parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, any>;
  const functions: Manifest['functions'] = {};
  const modules: ManifestModule[] = [];
  for (const [type, list] of Object.entries((raw.modules ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped YAML
    for (const m of list as Array<Record<string, any>>) {
      if (type === 'function') {
        functions[m.key] = { handler: String(m.handler) };
        continue;
      }
      const res = (k: string) => (m[k] && typeof m[k] === 'object' ? (m[k].resource as string | undefined) : undefined);
      modules.push({
        type,
        key: String(m.key),
        resource: typeof m.resource === 'string' ? m.resource : undefined,
        resolverFunction: m.resolver?.function,
        function: typeof m.function === 'string' ? m.function : undefined,
        title: typeof m.title === 'string' ? m.title : undefined,
        name: typeof m.name === 'string' ? m.name : undefined,
        description: typeof m.description === 'string' ? m.description : undefined,
        displayConditions: m.displayConditions,
        configResources: type === 'jira:workflowValidator' ? { create: res('create'), edit: res('edit'), view: res('view') } : undefined,
        raw: m,
      });
    }
  }
  const resources: Manifest['resources'] = {};
  for (const r of (raw.resources ?? []) as Array<{ key: string; path: string }>) resources[r.key] = { path: r.path };
  return {
    appId: String(raw.app?.id ?? 'ari:cloud:ecosystem::app/local'),
    functions,
    modules,
    resources,
    entities: parseEntityDefs(raw.app?.storage?.entities),
    raw,
  };
}

export interface InvokeContextInput {
  issueKey?: string;
  projectKey?: string;
  /** For workflow validator config screens: the stored configuration string. */
  validatorConfig?: string;
  entryPoint?: string;
  /** Issue panels: true on the view right after someone pressed the panel's quick-add button. */
  isNewToIssue?: boolean;
  /** A dashboard gadget's dashboard and gadget ids (the gadget's context is read from the host's dashboards). */
  dashboardId?: string;
  gadgetId?: string;
}

/** Adds a module type's own fields to its `extension` context (e.g. a gadget's configuration); may refuse by throwing. */
export type ExtensionProvider = (mod: ManifestModule, ctx: InvokeContextInput, accountId: string | undefined) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface InvokeInput {
  moduleKey: string;
  functionKey: string;
  payload?: unknown;
  context?: InvokeContextInput;
  accountId?: string;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; ms: number }
  | { ok: false; status: number; error: { message: string; name?: string }; ms: number };

export interface ValidatorRunnerInput {
  issueKey: string;
  transition: { id: string; from: { id: string }; to: { id: string } };
  validators: Array<{ moduleKey: string; configuration: unknown }>;
}
export type ValidatorRunner = (input: ValidatorRunnerInput) => Promise<{ result: boolean; errorMessage?: string }>;

export class InvocationError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

export interface ForgeAppOptions {
  appDir: string;
  getBaseUrl: () => string;
  stats?: HostStats;
  /** Per-invocation budget; defaults to Forge's 25 s. */
  timeoutMs?: number;
  /** The platform's costs per invocation (see latency.ts); default off. */
  latency?: PlatformLatency;
  /**
   * Run the app as Forge's bundler built it (`<bundleDir>/<module>.cjs`, from `npm run bundle`) instead of
   * `src/<module>.ts` through tsx: the code `forge deploy` would upload, with its own bundled copies of
   * the @forge packages.
   */
  bundleDir?: string;
}

/** Where the app's code comes from, and which file each function was loaded from (GET /__local/app). */
export interface AppCodeInfo {
  code: 'source' | 'bundle';
  dir: string;
  loaded: Record<string, string>;
}

/** Marks the host's own platform requests (e.g. building a module's context) apart from the app's requests. */
export const PLATFORM_HEADER = 'x-local-platform';

export class ForgeApp {
  readonly appDir: string;
  readonly manifest: Manifest;
  readonly stats: HostStats;
  readonly latency: PlatformLatency;
  private readonly getBaseUrl: () => string;
  private readonly timeoutMs: number;
  private readonly bundleDir: string | undefined;
  private handlerCache = new Map<string, (...args: unknown[]) => unknown>();
  private loadedFrom: Record<string, string> = {};
  /** Per module type, what the host adds to its extension context (see local/forge/gadgets.ts). */
  readonly extensionProviders = new Map<string, ExtensionProvider>();

  constructor(opts: ForgeAppOptions) {
    installForgeGlobals();
    this.appDir = path.resolve(opts.appDir);
    this.manifest = readManifest(this.appDir);
    this.getBaseUrl = opts.getBaseUrl;
    this.stats = opts.stats ?? new HostStats();
    this.latency = opts.latency ?? new PlatformLatency();
    this.timeoutMs = opts.timeoutMs ?? INVOCATION_BUDGET_MS;
    this.bundleDir = opts.bundleDir === undefined ? undefined : path.resolve(this.appDir, opts.bundleDir);
    if (this.bundleDir) {
      // Refuse at start, not at the first invocation: a host on a missing bundle would test nothing.
      const missing = Object.values(this.manifest.functions).map((f) => this.handlerFile(f.handler)).filter((f) => !fs.existsSync(f));
      if (missing.length > 0) throw new Error(`No Forge bundle at ${missing.join(', ')}: run npm run bundle first`);
    }
  }

  get codeInfo(): AppCodeInfo {
    return { code: this.bundleDir ? 'bundle' : 'source', dir: this.bundleDir ?? path.join(this.appDir, 'src'), loaded: { ...this.loadedFrom } };
  }

  /** The file a manifest handler (`module.export`) loads from: the bundle's `<module>.cjs` or `src/<module>`. */
  private handlerFile(handler: string): string {
    const module = handler.slice(0, handler.lastIndexOf('.'));
    return this.bundleDir ? path.join(this.bundleDir, `${module}.cjs`) : require.resolve(path.join(this.appDir, 'src', module));
  }

  get cloudId(): string {
    return LOCAL_CLOUD_ID;
  }

  module(moduleKey: string): ManifestModule | undefined {
    return this.manifest.modules.find((m) => m.key === moduleKey);
  }

  modulesOfType(type: string): ManifestModule[] {
    return this.manifest.modules.filter((m) => m.type === type);
  }

  /** Resolves a manifest function key (handler `dir/file.export`) to the exported function. */
  loadFunction(functionKey: string): (...args: unknown[]) => unknown {
    const cached = this.handlerCache.get(functionKey);
    if (cached) return cached;
    const fn = this.manifest.functions[functionKey];
    if (!fn) throw new InvocationError(500, `Function "${functionKey}" is not declared in manifest.yml`);
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) throw new InvocationError(500, `Handler "${fn.handler}" must look like "file.export"`);
    const modulePath = this.handlerFile(fn.handler);
    const exportName = fn.handler.slice(dot + 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(modulePath) as Record<string, unknown>;
    const handler = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
    if (typeof handler !== 'function') {
      throw new InvocationError(500, `Handler "${fn.handler}" does not export a function "${exportName}" (from ${modulePath})`);
    }
    this.handlerCache.set(functionKey, handler as (...args: unknown[]) => unknown);
    this.loadedFrom[functionKey] = modulePath;
    return handler as (...args: unknown[]) => unknown;
  }

  /** A Jira REST call as the app, through the host's own HTTP server. */
  async jiraAsApp(pathAndQuery: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.getBaseUrl()}${pathAndQuery}`, {
      method: init.method ?? 'GET',
      // Marked as the platform's own request (building a module's context), not the app's.
      headers: { [INTERNAL_HEADER]: `${INTERNAL_SECRET};app`, [PLATFORM_HEADER]: '1', accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  }

  /** The `extension` object of a module's Forge context. */
  async buildExtension(mod: ManifestModule, ctx: InvokeContextInput = {}, accountId?: string): Promise<Record<string, unknown>> {
    const extension: Record<string, unknown> = { type: mod.type };
    if (ctx.issueKey) {
      const r = await this.jiraAsApp(`/rest/api/3/issue/${encodeURIComponent(ctx.issueKey)}?fields=issuetype,project`);
      if (r.status !== 200) throw new InvocationError(404, `Issue ${ctx.issueKey} was not found (${r.status})`);
      const issue = r.body as { id: string; key: string; fields: { issuetype?: { id: string; name: string }; project?: { id: string; key: string; projectTypeKey?: string } } };
      extension.issue = { id: String(issue.id), key: issue.key, type: issue.fields.issuetype?.name, typeId: issue.fields.issuetype?.id };
      const p = issue.fields.project;
      if (p) extension.project = { id: String(p.id), key: p.key, type: p.projectTypeKey ?? 'software' };
    } else if (ctx.projectKey) {
      const r = await this.jiraAsApp(`/rest/api/3/project/${encodeURIComponent(ctx.projectKey)}`);
      if (r.status !== 200) throw new InvocationError(404, `Project ${ctx.projectKey} was not found (${r.status})`);
      const p = r.body as { id: string; key: string; projectTypeKey?: string };
      extension.project = { id: String(p.id), key: p.key, type: p.projectTypeKey ?? 'software' };
    }
    if (mod.type === 'jira:issuePanel' && ctx.issueKey) extension.isNewToIssue = ctx.isNewToIssue === true;
    if (mod.type === 'jira:workflowValidator') {
      if (ctx.validatorConfig !== undefined) extension.validatorConfig = ctx.validatorConfig;
      if (ctx.entryPoint) extension.entryPoint = ctx.entryPoint;
    }
    const provider = this.extensionProviders.get(mod.type);
    if (provider) Object.assign(extension, await provider(mod, ctx, accountId));
    return extension;
  }

  localId(mod: ManifestModule, extension: Record<string, unknown>): string {
    const scope = (extension.gadget as { id?: string } | undefined)?.id ?? (extension.issue as { id?: string } | undefined)?.id ?? (extension.project as { id?: string } | undefined)?.id ?? 'global';
    return `${this.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, '')}__${mod.key}__${scope}`;
  }

  private withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new InvocationError(504, `${what} timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref?.();
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  /** Calls a resolver function exactly as the Forge platform does for a Custom UI `invoke`. */
  async invokeResolver(input: InvokeInput): Promise<InvokeOutcome> {
    const functionKey = this.module(input.moduleKey)?.resolverFunction;
    // The platform's share comes before the function's own time (`ms`), as in Forge's invocation metrics.
    const release = functionKey ? await this.latency.invocation(functionKey) : () => undefined;
    try {
      return await this.callResolver(input);
    } finally {
      release();
    }
  }

  private async callResolver(input: InvokeInput): Promise<InvokeOutcome> {
    const started = Date.now();
    const statKey = `${input.moduleKey}:${input.functionKey}`;
    try {
      const mod = this.module(input.moduleKey);
      if (!mod) throw new InvocationError(404, `Module "${input.moduleKey}" is not declared in manifest.yml`);
      if (!mod.resolverFunction) throw new InvocationError(400, `Module "${input.moduleKey}" has no resolver`);
      if (typeof input.functionKey !== 'string' || !input.functionKey) throw new InvocationError(400, 'functionKey must be a non-empty string');
      const handler = this.loadFunction(mod.resolverFunction);
      const extension = await this.buildExtension(mod, input.context, input.accountId);
      const event = {
        call: { functionKey: input.functionKey, payload: input.payload ?? {} },
        context: { cloudId: this.cloudId, localId: this.localId(mod, extension), moduleKey: mod.key, extension },
      };
      const backendPayload = {
        principal: input.accountId ? { accountId: input.accountId } : undefined,
        installContext: `ari:cloud:jira::site/${this.cloudId}`,
      };
      const result = await this.withTimeout(
        runInInvocation(this.invocationBase(mod, mod.resolverFunction, input.accountId), async () => handler(event, backendPayload)),
        `Resolver ${input.functionKey}`,
      );
      const ms = Date.now() - started;
      this.stats.countInvocation(statKey, ms, false);
      // Forge serialises the result across the wire: undefined stays undefined, objects lose functions.
      return { ok: true, result: result === undefined ? undefined : JSON.parse(JSON.stringify(result)), ms };
    } catch (e) {
      const ms = Date.now() - started;
      this.stats.countInvocation(statKey, ms, true);
      const status = e instanceof InvocationError ? e.status : 500;
      const err = e instanceof Error ? e : new Error(String(e));
      return { ok: false, status, error: { message: err.message, name: err.name }, ms };
    }
  }

  /** The invocation context of one call of `functionKey` for `mod` (also used by the event dispatcher). */
  invocationBase(mod: ManifestModule, functionKey: string, accountId?: string) {
    return {
      baseUrl: this.getBaseUrl(),
      // The runtime carries the bare app id; @forge/api builds the ARI from it.
      appId: this.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, ''),
      appVersion: '1.0.0-local',
      environmentId: LOCAL_ENVIRONMENT_ID,
      installationId: LOCAL_INSTALLATION_ID,
      cloudId: this.cloudId,
      functionKey,
      moduleType: mod.type,
      moduleKey: mod.key,
      accountId,
      appCodeDir: this.appDir,
    };
  }

  /** Finds this app's validator module for a rule's module key (plain key or a full extension ARI ending in it). */
  validatorModule(moduleKey: string): ManifestModule | undefined {
    return this.modulesOfType('jira:workflowValidator').find((m) => m.key === moduleKey || moduleKey.endsWith(`/${m.key}`));
  }

  /** The ValidatorRunner the Jira transitions endpoint calls. */
  runValidators: ValidatorRunner = async (input) => {
    for (const rule of input.validators) {
      const mod = this.validatorModule(rule.moduleKey);
      if (!mod || !mod.function) continue;
      const label = mod.name ?? mod.key;
      const release = await this.latency.invocation(mod.function);
      const started = Date.now();
      this.stats.validatorRuns += 1;
      let outcome: { result: boolean; errorMessage?: string };
      try {
        const handler = this.loadFunction(mod.function);
        const event = {
          issue: { key: input.issueKey },
          configuration: rule.configuration,
          transition: { id: input.transition.id, from: { id: input.transition.from.id }, to: { id: input.transition.to.id }, modifiedFields: {} },
          context: { cloudId: this.cloudId, moduleKey: mod.key },
        };
        const platformContext = { installContext: `ari:cloud:jira::site/${this.cloudId}` };
        const raw = await this.withTimeout(
          runInInvocation(this.invocationBase(mod, mod.function, undefined), async () => handler(event, platformContext)),
          `Validator ${label}`,
        );
        const r = raw as { result?: unknown; errorMessage?: unknown } | undefined;
        if (!r || typeof r.result !== 'boolean') {
          outcome = { result: false, errorMessage: `The validator "${label}" could not be evaluated: it returned ${JSON.stringify(raw)} instead of {result: boolean}.` };
        } else {
          outcome = { result: r.result, ...(typeof r.errorMessage === 'string' ? { errorMessage: r.errorMessage } : {}) };
        }
        this.stats.countInvocation(`${mod.key}:validator`, Date.now() - started, false);
      } catch (e) {
        this.stats.countInvocation(`${mod.key}:validator`, Date.now() - started, true);
        outcome = { result: false, errorMessage: `The validator "${label}" could not be evaluated: ${e instanceof Error ? e.message : String(e)}` };
      } finally {
        release();
      }
      if (!outcome.result) {
        return { result: false, errorMessage: outcome.errorMessage ?? `The validator "${label}" rejected the transition.` };
      }
    }
    return { result: true };
  };

  /** Absolute directory of a Custom UI resource. */
  resourceDir(resourceKey: string): string | undefined {
    const r = this.manifest.resources[resourceKey];
    return r ? path.resolve(this.appDir, r.path) : undefined;
  }
}
