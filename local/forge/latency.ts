/**
 * The latency model: what the Forge platform costs in time, which loopback does not. Off by default
 * (every request then costs what loopback costs, about a millisecond); `FORGE_LATENCY=model` for
 * `npm start`, or `startHost({ latency })`, turns it on. Each cost is a real wait before the call is
 * served, per call, so calls made in parallel overlap as they do on the platform and sequential
 * calls add up; nothing is queued behind anything else.
 *
 * - invocation: each resolver, validator or trigger call of a function (routing through Forge's
 *   gateway to a function instance and back).
 * - cold start: added when no warm instance of that function is free. Forge functions run on AWS
 *   Lambda, which gives each concurrent request its own execution environment: the first call of a
 *   function is cold, and so is every call that finds all warm instances busy. Instances stay warm.
 * - jira: each Jira REST request the app makes, from its functions (`@forge/api`) or from its
 *   Custom UI (`requestJira` through the bridge). The platform's own context look-ups and the
 *   user's own Jira requests (the shell's transitions) cost nothing here.
 * - kvs: each Forge storage request (`@forge/kvs`: a get, set, query, batch or transaction).
 *
 * No published Atlassian figures exist for these (checked: Forge docs, Nov 2026); the defaults are
 * the assumptions of issue 12. See README "Measured figures".
 */
export interface LatencyModel {
  invocationMs: number;
  coldStartMs: number;
  jiraMs: number;
  kvsMs: number;
}

export const DEFAULT_LATENCY_MODEL: Readonly<LatencyModel> = Object.freeze({ invocationMs: 300, coldStartMs: 1000, jiraMs: 150, kvsMs: 40 });

/** Set by the Custom UI bridge shim on `requestJira`, so the host can tell the app's UI requests from Jira's own pages. */
export const BRIDGE_REQUEST_HEADER = 'x-local-bridge-request';

const SPEC_KEYS: Record<string, keyof LatencyModel> = { invocation: 'invocationMs', cold: 'coldStartMs', jira: 'jiraMs', kvs: 'kvsMs' };
const MAX_MS = 60_000;

/**
 * Reads the `FORGE_LATENCY` switch: empty, `off` or `0` → no model (loopback); `model` → the defaults;
 * `invocation=300,cold=1000,jira=150,kvs=40` → the defaults with the listed costs replaced.
 */
export function parseLatencySpec(spec: string | undefined): LatencyModel | undefined {
  const text = (spec ?? '').trim();
  if (text === '' || text === 'off' || text === '0') return undefined;
  const model: LatencyModel = { ...DEFAULT_LATENCY_MODEL };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part === 'model') continue;
    const [name, value, extra] = part.split('=').map((s) => s.trim());
    const key = SPEC_KEYS[name];
    if (!key || value === undefined || extra !== undefined) {
      throw new Error(`FORGE_LATENCY: "${part}" is not understood; use "off", "model" or e.g. "invocation=300,cold=1000,jira=150,kvs=40" (milliseconds)`);
    }
    const ms = Number(value);
    if (!/^\d+$/.test(value) || ms > MAX_MS) throw new Error(`FORGE_LATENCY: ${name} must be a whole number of milliseconds from 0 to ${MAX_MS}, got "${value}"`);
    model[key] = ms;
  }
  return model;
}

export function describeLatencyModel(model: LatencyModel | undefined): string {
  if (!model) return 'off (loopback)';
  return `invocation ${model.invocationMs} ms (+${model.coldStartMs} ms cold start), Jira request ${model.jiraMs} ms, KVS operation ${model.kvsMs} ms`;
}

/** What went through the platform since the last reset, whether or not the model is on. */
export interface PlatformCalls {
  invocations: number;
  coldStarts: number;
  /** Cold starts per function key. */
  coldStartsByFunction: Record<string, number>;
  /** Jira requests from the app's functions. */
  jira: number;
  /** Jira requests from the app's Custom UI (`requestJira`). */
  jiraFromUi: number;
  kvs: number;
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const noCalls = (): PlatformCalls => ({ invocations: 0, coldStarts: 0, coldStartsByFunction: {}, jira: 0, jiraFromUi: 0, kvs: 0 });

export class PlatformLatency {
  private current: LatencyModel | undefined;
  /** Warm instances not serving a call right now, per function key. */
  private idle = new Map<string, number>();
  /** Bumped by coolDown(): instances of an older generation are not returned to the pool. */
  private generation = 0;
  private calls: PlatformCalls = noCalls();

  constructor(model?: LatencyModel, private readonly sleep: Sleep = realSleep) {
    this.current = model ? { ...model } : undefined;
  }

  get model(): LatencyModel | undefined {
    return this.current ? { ...this.current } : undefined;
  }

  /** Switches the model (undefined = off) and starts every function cold, as a fresh deployment. */
  use(model: LatencyModel | undefined): void {
    this.current = model ? { ...model } : undefined;
    this.coolDown();
  }

  /** Every function is cold again (its next call pays the cold start). */
  coolDown(): void {
    this.idle.clear();
    this.generation += 1;
  }

  /**
   * Waits what the platform takes to start one call of `functionKey` and answers the function to
   * call when the call has finished, which frees its instance for the next call.
   */
  async invocation(functionKey: string): Promise<() => void> {
    this.calls.invocations += 1;
    const free = this.idle.get(functionKey) ?? 0;
    const warm = free > 0;
    if (warm) this.idle.set(functionKey, free - 1);
    else {
      this.calls.coldStarts += 1;
      this.calls.coldStartsByFunction[functionKey] = (this.calls.coldStartsByFunction[functionKey] ?? 0) + 1;
    }
    const generation = this.generation;
    const model = this.current;
    if (model) await this.wait(model.invocationMs + (warm ? 0 : model.coldStartMs));
    let released = false;
    return () => {
      if (released || generation !== this.generation) return;
      released = true;
      this.idle.set(functionKey, (this.idle.get(functionKey) ?? 0) + 1);
    };
  }

  /** One Jira REST request by the app: from its functions, or from its Custom UI. */
  async jira(from: 'function' | 'ui'): Promise<void> {
    if (from === 'ui') this.calls.jiraFromUi += 1;
    else this.calls.jira += 1;
    if (this.current) await this.wait(this.current.jiraMs);
  }

  /** One Forge storage request. */
  async kvs(): Promise<void> {
    this.calls.kvs += 1;
    if (this.current) await this.wait(this.current.kvsMs);
  }

  resetCounts(): void {
    this.calls = noCalls();
  }

  toJSON(): { model: LatencyModel | null; description: string; calls: PlatformCalls } {
    return { model: this.model ?? null, description: describeLatencyModel(this.current), calls: { ...this.calls, coldStartsByFunction: { ...this.calls.coldStartsByFunction } } };
  }

  private wait(ms: number): Promise<void> {
    return ms > 0 ? this.sleep(ms) : Promise.resolve();
  }
}
