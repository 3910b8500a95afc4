/**
 * The app's `scheduledTrigger` modules, run the way Forge runs them, on the host clock (local/clock.ts).
 *
 * From Forge's docs (manifest-reference/modules/scheduled-trigger, events-reference/scheduled-trigger,
 * limits-invocation):
 * - intervals `fiveMinute`, `hour`, `day`, `week`; at most five scheduled triggers per app;
 * - a trigger starts about 5 minutes after it is deployed, then runs once per interval at a consistent
 *   offset (an hourly one at 1:10, 2:10, ...); changing any scheduledTrigger module recreates them all and
 *   resets their start times; missed intervals are not made up;
 * - the function gets `({context: {cloudId, moduleKey}, contextToken}, {principal: undefined, installContext})`
 *   and runs without a user (asUser() fails); its return value is ignored, except that a response without
 *   a `statusCode` is recorded as 424; errors are not retried (the next run is at the next interval);
 * - default timeout 55 s, `timeoutSeconds` on the function up to 900 s;
 * - `filter.appIsLicensed: true` skips invocations where the app has no active license (a development
 *   installation, like this one, has none);
 * - "a small chance of duplicated invocations": `run({force})` makes one on purpose, so the app's
 *   exactly-once logic can be tested against overlapping runs.
 *
 * Bookkeeping (start time, last period run) lives in SQLite so a restarted host keeps to the schedule.
 */
import crypto from 'node:crypto';
import type { Database } from '../db';
import { hostNow, onClockChange } from '../clock';
import { runInInvocation } from './runtime';
import type { ForgeApp, Manifest, ManifestModule } from './app';

export const SCHEDULE_INTERVALS_MS = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
} as const;
export type ScheduleInterval = keyof typeof SCHEDULE_INTERVALS_MS;

export const MAX_SCHEDULED_TRIGGERS = 5;
export const FIRST_RUN_DELAY_MS = 5 * 60_000;
export const DEFAULT_SCHEDULED_TIMEOUT_S = 55;
export const MAX_SCHEDULED_TIMEOUT_S = 900;

export interface ScheduleDef {
  key: string;
  functionKey: string;
  interval: ScheduleInterval;
  intervalMs: number;
  timeoutMs: number;
  appIsLicensed: boolean;
}

/** What `forge deploy` (or the platform) would refuse about the scheduled triggers. */
export function scheduleProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const mods = manifest.modules.filter((m) => m.type === 'scheduledTrigger');
  if (mods.length > MAX_SCHEDULED_TRIGGERS) problems.push(`at most ${MAX_SCHEDULED_TRIGGERS} scheduledTrigger modules per app (found ${mods.length})`);
  for (const m of mods) {
    const interval = m.raw.interval;
    if (typeof interval !== 'string' || !(interval in SCHEDULE_INTERVALS_MS)) problems.push(`scheduledTrigger ${m.key}: interval must be one of ${Object.keys(SCHEDULE_INTERVALS_MS).join(', ')}`);
    if (m.raw.endpoint !== undefined) problems.push(`scheduledTrigger ${m.key}: Forge Remote endpoints are not available offline`);
    else if (!m.function || !manifest.functions[m.function]) problems.push(`scheduledTrigger ${m.key}: function "${m.function ?? ''}" is not declared`);
    const t = functionTimeout(manifest, m.function);
    if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > MAX_SCHEDULED_TIMEOUT_S)) problems.push(`function ${m.function}: timeoutSeconds must be 1..${MAX_SCHEDULED_TIMEOUT_S}`);
  }
  return problems;
}

function functionTimeout(manifest: Manifest, functionKey: string | undefined): number | undefined {
  const fns = (manifest.raw.modules as { function?: Array<{ key: string; timeoutSeconds?: unknown }> } | undefined)?.function ?? [];
  const t = fns.find((f) => f.key === functionKey)?.timeoutSeconds;
  return t === undefined ? undefined : Number(t);
}

export function scheduleDefs(manifest: Manifest): ScheduleDef[] {
  return manifest.modules.filter((m) => m.type === 'scheduledTrigger' && m.function).map((m) => {
    const interval = m.raw.interval as ScheduleInterval;
    const filter = m.raw.filter as { appIsLicensed?: unknown } | undefined;
    return {
      key: m.key,
      functionKey: m.function!,
      interval,
      intervalMs: SCHEDULE_INTERVALS_MS[interval],
      timeoutMs: (functionTimeout(manifest, m.function) ?? DEFAULT_SCHEDULED_TIMEOUT_S) * 1000,
      appIsLicensed: filter?.appIsLicensed === true,
    };
  });
}

/** Which run of a schedule `now` falls in: 0 from the start time, -1 before it. */
export function periodIndex(anchorMs: number, intervalMs: number, nowMs: number): number {
  if (nowMs < anchorMs) return -1;
  return Math.floor((nowMs - anchorMs) / intervalMs);
}

/** When run `period` of a schedule is due. */
export function periodStart(anchorMs: number, intervalMs: number, period: number): number {
  return anchorMs + period * intervalMs;
}

/** When a schedule runs next: now-ish if a run is due and not taken, else the start of the next period. */
export function nextDueMs(anchorMs: number, intervalMs: number, lastPeriod: number, nowMs: number): number {
  const period = periodIndex(anchorMs, intervalMs, nowMs);
  if (period >= 0 && period > lastPeriod) return periodStart(anchorMs, intervalMs, period);
  return periodStart(anchorMs, intervalMs, Math.max(period, lastPeriod) + 1);
}

/** A change to any scheduledTrigger module resets every start time (as a deployment does). */
export function schedulesFingerprint(defs: ScheduleDef[]): string {
  const canon = defs.map((d) => [d.key, d.functionKey, d.interval, d.appIsLicensed]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return crypto.createHash('sha256').update(JSON.stringify(canon)).digest('hex');
}

export interface ScheduleRun {
  moduleKey: string;
  period: number;
  /** Host-clock times (ISO). */
  dueAt: string;
  startedAt: string;
  finishedAt: string;
  ms: number;
  outcome: 'ok' | 'error' | 'timeout';
  error?: string;
  /** What the platform records for the invocation: the function's statusCode, 424 without one, 500 on error. */
  recordedStatus: number;
  /** A run made on purpose outside the schedule (`force`): Forge's documented duplicate invocation. */
  forced: boolean;
}

export interface ScheduleSkip {
  moduleKey: string;
  reason: 'not due' | 'running' | 'app not licensed';
  nextDueAt?: string;
}

export interface RunReport {
  now: string;
  ran: ScheduleRun[];
  skipped: ScheduleSkip[];
}

export interface ScheduleState {
  moduleKey: string;
  interval: ScheduleInterval;
  startsAt: string;
  lastPeriod: number;
  lastRun?: { startedAt: string; finishedAt?: string; outcome?: string; recordedStatus?: number };
  nextDueAt: string;
  running: number;
}

interface StateRow {
  module_key: string;
  anchor_ms: number;
  last_period: number;
  last_started_ms: number | null;
  last_finished_ms: number | null;
  last_outcome: string | null;
  last_status: number | null;
}

export type ScheduleMode = 'auto' | 'manual';

export function parseScheduleMode(raw: string | undefined): ScheduleMode {
  if (raw === undefined || raw === '') return 'auto';
  if (raw === 'auto' || raw === 'manual') return raw;
  throw new Error(`SCHEDULED_TRIGGERS must be 'auto' or 'manual', got '${raw}'`);
}

const TICK_MS = 10_000;
const iso = (ms: number) => new Date(ms).toISOString();

export class ScheduledTriggers {
  private readonly defs: ScheduleDef[];
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: { app: ForgeApp; db: Database; mode: ScheduleMode }) {
    this.defs = scheduleDefs(opts.app.manifest);
    opts.db.exec(`CREATE TABLE IF NOT EXISTS local_scheduled_triggers (
      module_key TEXT PRIMARY KEY, anchor_ms INTEGER NOT NULL, last_period INTEGER NOT NULL DEFAULT -1,
      last_started_ms INTEGER, last_finished_ms INTEGER, last_outcome TEXT, last_status INTEGER)`);
    opts.db.exec('CREATE TABLE IF NOT EXISTS local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.syncWithManifest();
  }

  get mode(): ScheduleMode {
    return this.opts.mode;
  }

  /** Starts the background check in 'auto' mode (also right after the clock moves). */
  start(): void {
    if (this.opts.mode !== 'auto' || this.defs.length === 0 || this.ticker) return;
    this.ticker = setInterval(() => void this.runDue().catch((e) => console.error('Scheduled triggers:', e)), TICK_MS);
    this.ticker.unref();
    this.unsubscribe = onClockChange(() => setImmediate(() => void this.runDue().catch((e) => console.error('Scheduled triggers:', e))));
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.unsubscribe?.();
    await this.idle();
  }

  /** Resolves once no scheduled invocation is running. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** New or changed modules get a start time 5 minutes from now (host clock); removed ones are forgotten. */
  private syncWithManifest(): void {
    const { db } = this.opts;
    const fingerprint = schedulesFingerprint(this.defs);
    const stored = (db.prepare("SELECT value FROM local_meta WHERE key = 'scheduled_triggers'").get() as { value: string } | undefined)?.value;
    db.transaction(() => {
      if (stored !== fingerprint) {
        db.prepare('DELETE FROM local_scheduled_triggers').run();
        db.prepare("INSERT OR REPLACE INTO local_meta (key, value) VALUES ('scheduled_triggers', ?)").run(fingerprint);
      }
      const anchor = hostNow() + FIRST_RUN_DELAY_MS;
      const insert = db.prepare('INSERT OR IGNORE INTO local_scheduled_triggers (module_key, anchor_ms) VALUES (?, ?)');
      for (const d of this.defs) insert.run(d.key, anchor);
    })();
  }

  private row(key: string): StateRow {
    let row = this.opts.db.prepare('SELECT * FROM local_scheduled_triggers WHERE module_key = ?').get(key) as StateRow | undefined;
    if (!row) {
      // The table was emptied under us (a wipe and re-seed): start this schedule afresh.
      this.syncWithManifest();
      row = this.opts.db.prepare('SELECT * FROM local_scheduled_triggers WHERE module_key = ?').get(key) as StateRow;
    }
    return row;
  }

  state(): ScheduleState[] {
    const now = hostNow();
    return this.defs.map((d) => {
      const r = this.row(d.key);
      return {
        moduleKey: d.key,
        interval: d.interval,
        startsAt: iso(r.anchor_ms),
        lastPeriod: r.last_period,
        ...(r.last_started_ms !== null ? { lastRun: {
          startedAt: iso(r.last_started_ms),
          ...(r.last_finished_ms !== null ? { finishedAt: iso(r.last_finished_ms) } : {}),
          ...(r.last_outcome ? { outcome: r.last_outcome } : {}),
          ...(r.last_status !== null ? { recordedStatus: r.last_status } : {}),
        } } : {}),
        nextDueAt: iso(nextDueMs(r.anchor_ms, d.intervalMs, r.last_period, now)),
        running: this.running.get(d.key) ?? 0,
      };
    });
  }

  /**
   * Runs every schedule that is due on the host clock, each at most once per interval, and waits for
   * them. `moduleKey` limits it to one schedule; `force` runs it now whatever the schedule says, `copies`
   * times at once (duplicate invocations), without touching its bookkeeping.
   */
  async runDue(opts: { moduleKey?: string; force?: boolean; copies?: number } = {}): Promise<RunReport> {
    const defs = opts.moduleKey ? this.defs.filter((d) => d.key === opts.moduleKey) : this.defs;
    if (opts.moduleKey && defs.length === 0) throw new Error(`No scheduledTrigger module "${opts.moduleKey}" in manifest.yml`);
    if (opts.force && !opts.moduleKey) throw new Error('force needs a moduleKey');
    const copies = opts.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 10) throw new Error('copies must be 1..10');
    const now = hostNow();
    const skipped: ScheduleSkip[] = [];
    const starts: Array<Promise<ScheduleRun>> = [];
    for (const d of defs) {
      if (d.appIsLicensed) {
        skipped.push({ moduleKey: d.key, reason: 'app not licensed' });
        continue;
      }
      if (opts.force) {
        const period = periodIndex(this.row(d.key).anchor_ms, d.intervalMs, now);
        for (let i = 0; i < copies; i++) starts.push(this.invoke(d, period, now, true));
        continue;
      }
      const claimed = this.claim(d, now);
      if (claimed.ok) starts.push(this.invoke(d, claimed.period, periodStart(claimed.anchor, d.intervalMs, claimed.period), false));
      else skipped.push({ moduleKey: d.key, reason: claimed.reason, nextDueAt: iso(claimed.nextDueAt) });
    }
    const ran = await Promise.all(starts);
    return { now: iso(now), ran, skipped };
  }

  /** Takes run `period` of a schedule in one SQLite statement, so two checks never both run it. */
  private claim(d: ScheduleDef, now: number): { ok: true; period: number; anchor: number } | { ok: false; reason: 'not due' | 'running'; nextDueAt: number } {
    const r = this.row(d.key);
    const period = periodIndex(r.anchor_ms, d.intervalMs, now);
    const next = nextDueMs(r.anchor_ms, d.intervalMs, Math.max(period, r.last_period), now);
    if (this.running.get(d.key)) return { ok: false, reason: 'running', nextDueAt: next };
    if (period < 0 || period <= r.last_period) return { ok: false, reason: 'not due', nextDueAt: next };
    const taken = this.opts.db.prepare('UPDATE local_scheduled_triggers SET last_period = ?, last_started_ms = ?, last_finished_ms = NULL, last_outcome = NULL, last_status = NULL WHERE module_key = ? AND last_period < ?')
      .run(period, now, d.key, period).changes;
    if (taken !== 1) return { ok: false, reason: 'running', nextDueAt: periodStart(r.anchor_ms, d.intervalMs, period + 1) };
    return { ok: true, period, anchor: r.anchor_ms };
  }

  private invoke(d: ScheduleDef, period: number, dueAt: number, forced: boolean): Promise<ScheduleRun> {
    const p = this.invokeNow(d, period, dueAt, forced);
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async invokeNow(d: ScheduleDef, period: number, dueAt: number, forced: boolean): Promise<ScheduleRun> {
    const { app, db } = this.opts;
    const mod = app.module(d.key) as ManifestModule;
    this.running.set(d.key, (this.running.get(d.key) ?? 0) + 1);
    const started = hostNow();
    const startedReal = performance.now();
    let outcome: ScheduleRun['outcome'] = 'ok';
    let error: string | undefined;
    let recordedStatus: number;
    try {
      const handler = app.loadFunction(d.functionKey);
      const event = { context: { cloudId: app.cloudId, moduleKey: d.key }, contextToken: contextToken(app, d.key, 'core:scheduledTrigger') };
      const context = { principal: undefined, installContext: `ari:cloud:jira::site/${app.cloudId}` };
      const result = await withTimeout(
        runInInvocation({ ...app.invocationBase(mod, d.functionKey, undefined), budgetMs: d.timeoutMs }, async () => handler(event, context)),
        d.timeoutMs,
        `Scheduled trigger ${d.key}`,
      );
      const status = (result as { statusCode?: unknown } | null | undefined)?.statusCode;
      recordedStatus = Number.isInteger(status) ? (status as number) : 424;
    } catch (e) {
      outcome = e instanceof TimeoutError ? 'timeout' : 'error';
      error = e instanceof Error ? e.message : String(e);
      recordedStatus = 500;
      console.error(`Scheduled trigger ${d.key} failed:`, e);
    } finally {
      this.running.set(d.key, (this.running.get(d.key) ?? 1) - 1);
    }
    const ms = Math.round(performance.now() - startedReal);
    const finished = hostNow();
    app.stats.countInvocation(`${d.key}:scheduledTrigger`, ms, outcome !== 'ok');
    if (!forced) {
      db.prepare('UPDATE local_scheduled_triggers SET last_finished_ms = ?, last_outcome = ?, last_status = ? WHERE module_key = ? AND last_period = ?')
        .run(finished, outcome, recordedStatus, d.key, period);
    }
    return { moduleKey: d.key, period, dueAt: iso(dueAt), startedAt: iso(started), finishedAt: iso(finished), ms, outcome, ...(error ? { error } : {}), recordedStatus, forced };
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms / 1000} s`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const TOKEN_SECRET = crypto.randomBytes(32);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** An opaque signed token like Forge's `contextToken` ("This value has no meaning to an app"). */
export function contextToken(app: ForgeApp, moduleKey: string, extensionType: string): string {
  const now = Math.floor(hostNow() / 1000);
  const head = b64({ alg: 'HS256', kid: 'forge/context-token/local' });
  const body = b64({
    context: { cloudId: app.cloudId, moduleKey },
    extensionType,
    appId: app.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, ''),
    contextIds: [`ari:cloud:jira::site/${app.cloudId}`],
    iss: 'forge/context-token', aud: 'forge', iat: now, nbf: now, exp: now + 900, jti: crypto.randomUUID(),
  });
  const sig = crypto.createHmac('sha256', TOKEN_SECRET).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
