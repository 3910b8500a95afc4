/**
 * The host clock: the local host, and the Forge app it runs in the same process, can be moved in time
 * so that "in 14 days" can be tested today. Off by default (real time).
 *
 * How: the process's `Date` is replaced by one that adds an offset to the real time. Every
 * `Date.now()` / `new Date()` in the process follows it — the app's own code, `@forge/*`, the host's
 * Jira timestamps, JQL's `now()`, KVS TTL expiry — because a global `Date` is looked up on each call.
 * Timers are untouched (`setTimeout` counts real milliseconds on a monotonic clock), and so is
 * `performance.now()`; time keeps flowing from the moved point. Custom UI frames get the same offset
 * (see bridge-shim.js), so the browser and the backend agree on "today".
 *
 * One clock per process: two hosts started in one process share it.
 */
import type { Database } from './db';

const DAY_MS = 86_400_000;
/** Farther than this from real time is almost surely a typo (a century). */
const MAX_OFFSET_MS = 36_500 * DAY_MS;

/** The real `Date`, captured before any patch. */
const RealDate: DateConstructor = globalThis.Date;

let offsetMs = 0;

/** Milliseconds since the epoch on the host clock. */
export function hostNow(): number {
  return RealDate.now() + offsetMs;
}

export function realNow(): number {
  return RealDate.now();
}

export function clockOffsetMs(): number {
  return offsetMs;
}

export interface ClockStatus {
  /** ISO time on the host clock. */
  now: string;
  /** ISO real time. */
  realNow: string;
  offsetMs: number;
  /** False while the host runs on real time. */
  moved: boolean;
}

export function clockStatus(): ClockStatus {
  const real = RealDate.now();
  return { now: new RealDate(real + offsetMs).toISOString(), realNow: new RealDate(real).toISOString(), offsetMs, moved: offsetMs !== 0 };
}

/** A `Date` constructor that reads the time from `now()`; everything else is the real `Date`. */
export function makeHostDate(Real: DateConstructor, now: () => number): DateConstructor {
  function HostDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date answers the current time as a string.
    if (!new.target) return new Real(now()).toString();
    return Reflect.construct(Real, args.length === 0 ? [now()] : args, new.target);
  }
  // Same prototype: `instanceof Date` holds both ways and dates made before the patch keep working.
  HostDate.prototype = Real.prototype;
  Object.setPrototypeOf(HostDate, Real);
  Object.defineProperty(HostDate, 'name', { value: 'Date' });
  Object.defineProperty(HostDate, 'length', { value: 7 });
  Object.defineProperty(HostDate, 'now', { value: () => now(), writable: true, configurable: true });
  Object.defineProperty(HostDate, 'parse', { value: Real.parse, writable: true, configurable: true });
  Object.defineProperty(HostDate, 'UTC', { value: Real.UTC, writable: true, configurable: true });
  return HostDate as unknown as DateConstructor;
}

let installed = false;

/** Replaces the process's `Date` with the host clock's (idempotent). */
export function installHostDate(): void {
  if (installed) return;
  installed = true;
  const HostDate = makeHostDate(RealDate, hostNow);
  Object.defineProperty(RealDate.prototype, 'constructor', { value: HostDate, writable: true, configurable: true });
  (globalThis as { Date: DateConstructor }).Date = HostDate;
}

export type ClockChange = { offsetMs: number };

/**
 * What `POST /__local/clock` asks for, as an offset from real time: `{now: ISO}` (jump to that
 * moment), `{advanceDays: n}` / `{advanceMs: n}` (move on from the host clock's now) or
 * `{reset: true}` (back to real time). Exactly one of them.
 */
export function parseClockChange(body: unknown, real: number, currentOffset: number): ClockChange {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('Send a JSON object: {"now": ISO}, {"advanceDays": n}, {"advanceMs": n} or {"reset": true}');
  const b = body as Record<string, unknown>;
  const given = ['now', 'advanceDays', 'advanceMs', 'reset'].filter((k) => b[k] !== undefined);
  const unknown = Object.keys(b).filter((k) => !['now', 'advanceDays', 'advanceMs', 'reset'].includes(k));
  if (unknown.length) throw new Error(`Unknown clock field(s): ${unknown.join(', ')}`);
  if (given.length !== 1) throw new Error('Give exactly one of now, advanceDays, advanceMs, reset');
  let offset: number;
  if (b.reset !== undefined) {
    if (b.reset !== true) throw new Error('reset must be true');
    offset = 0;
  } else if (b.now !== undefined) {
    if (typeof b.now !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(b.now)) {
      throw new Error('now must be an ISO-8601 date or date-time, e.g. 2027-01-15T09:00:00Z');
    }
    const at = RealDate.parse(b.now);
    if (!Number.isFinite(at)) throw new Error(`now is not a valid date: ${b.now}`);
    offset = at - real;
  } else {
    const ms = b.advanceDays !== undefined ? Number(b.advanceDays) * DAY_MS : Number(b.advanceMs);
    const raw = b.advanceDays ?? b.advanceMs;
    if (typeof raw !== 'number' || !Number.isFinite(ms)) throw new Error('advanceDays / advanceMs must be a number');
    offset = currentOffset + ms;
  }
  offset = Math.round(offset);
  if (Math.abs(offset) > MAX_OFFSET_MS) throw new Error('The host clock stays within 100 years of real time');
  return { offsetMs: offset };
}

type ClockListener = (status: ClockStatus) => void;
const listeners = new Set<ClockListener>();

/** Called after every change of the clock (the scheduler checks what became due). */
export function onClockChange(listener: ClockListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setClockOffset(ms: number): ClockStatus {
  offsetMs = ms;
  const status = clockStatus();
  for (const l of [...listeners]) l(status);
  return status;
}

// ---- persistence: a restarted host keeps its moved clock (the data was written on it) ----

const META_KEY = 'clock_offset_ms';

export function loadClock(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare('SELECT value FROM local_meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
  const stored = row ? Number(row.value) : 0;
  installHostDate();
  setClockOffset(Number.isFinite(stored) ? stored : 0);
}

export function saveClock(db: Database): void {
  db.prepare('INSERT OR REPLACE INTO local_meta (key, value) VALUES (?, ?)').run(META_KEY, String(offsetMs));
}
