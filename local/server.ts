/**
 * The offline local host of Production Handoff: one HTTP server on 127.0.0.1 that
 * answers Jira REST (/rest/api/3), Forge storage (/__kvs), resolver invocations
 * (/__local/invoke), the Custom UI resources (/__ui) and the Jira-like shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { openDatabase, type Database } from './db';
import { authenticate, INTERNAL_HEADER, resolvePrincipal, type Principal } from './auth';
import { findUserByEmail, type UserRow } from './jira/catalog';
import { createJiraRouter } from './jira/router';
import { createJiraControlRouter, JiraHold } from './jira/control';
import { getRequestStats, resetRequestStats } from './jira/request-log';
import { seedJira } from './jira/seed';
import { ForgeApp, PLATFORM_HEADER } from './forge/app';
import { createKvsRouter, ensureKvsSchema, KvsStore, validateEntityDefs, type ExpiredKeys } from './forge/kvs';
import { createCustomUiRouter } from './forge/custom-ui';
import { INTERNAL_SECRET } from './forge/runtime';
import { Faults, HostStats } from './forge/stats';
import { deliveryFromEnv, EventDispatcher, type DeliveryOptions } from './forge/events';
import { BRIDGE_REQUEST_HEADER, PlatformLatency, parseLatencySpec, type LatencyModel } from './forge/latency';
import { createShellRouter } from './shell';
import { isTimeZone } from '../src/domain/dates';
import { addIssueType } from './jira/issue-types';
import { JiraError } from './jira/errors';
import { clockStatus, loadClock, parseClockChange, clockOffsetMs, realNow, saveClock, setClockOffset } from './clock';
import { ScheduledTriggers, scheduleProblems, type ScheduleMode } from './forge/schedules';
import { WebTriggers, webtriggerProblems } from './forge/webtrigger';
import { gadgetModules, pageModuleProblems, registerPageExtensions } from './forge/gadgets';
import { createNotifyRouter, createOutboxRouter } from './jira/notify';
import { createDashboardRouter } from './jira/dashboards';
import { createDashboardShellRouter } from './shell/dashboard';
import { createHostPagesRouter } from './shell/host-pages';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_USER_EMAIL = 'admin@example.com';
export const DB_FILE_NAME = 'production-handoff.sqlite';

export interface StartHostOptions {
  /** 0 or undefined = a free port. */
  port?: number;
  /** Where the SQLite file lives; default `<repo>/.data`. */
  dataDir?: string;
  /** The Forge app to load (manifest.yml + src/); default the repo root. */
  appDir?: string;
  /** Seed the demo data when the database is new (default true). */
  seed?: boolean;
  /** Also run local/seed-app.ts when seeding (default: only when appDir is this repository). */
  seedApp?: boolean;
  /** Expired KVS keys: 'linger' (default, as Forge: until a sweep) or 'vanish' at expiry. */
  kvsExpiredKeys?: ExpiredKeys;
  /** How issue events reach triggers; default from LOCAL_EVENT_* (late, twice, concurrently). */
  eventDelivery?: DeliveryOptions;
  /** Run the backend from Forge's bundle (`<appDir>/.forge-bundle/dist`, built by `npm run bundle`) instead of src/. */
  bundled?: boolean;
  /**
   * The latency model (local/forge/latency.ts): a model, or a `FORGE_LATENCY` spec such as "model"
   * or "invocation=300,cold=1000,jira=150,kvs=40". Default off. `host.latency.use()` switches it later.
   */
  latency?: LatencyModel | string;
  /** Scheduled triggers: 'auto' (default: run when due on the host clock) or 'manual' (only `POST /__local/scheduled/run`). */
  scheduledTriggers?: ScheduleMode;
}

/** Where `npm run bundle` (scripts/forge-bundle.mjs) writes the backend as Forge's bundler builds it. */
export const FORGE_BUNDLE_DIST = path.join('.forge-bundle', 'dist');

export interface Host {
  url: string;
  /** The origin the app's Custom UI frames are served from (Forge's CDN stands apart from the site). */
  uiUrl: string;
  port: number;
  db: Database;
  app: ForgeApp;
  stats: HostStats;
  faults: Faults;
  latency: PlatformLatency;
  schedules: ScheduledTriggers;
  webtriggers: WebTriggers;
  dataDir: string;
  close(): Promise<void>;
}

function ensureMeta(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
}

export function isSeeded(db: Database): boolean {
  ensureMeta(db);
  return !!db.prepare("SELECT value FROM local_meta WHERE key = 'seeded'").get();
}

function markSeeded(db: Database): void {
  db.prepare("INSERT OR REPLACE INTO local_meta (key, value) VALUES ('seeded', ?)").run(new Date().toISOString());
}

/** Runs `seedJira` and then the optional app-record seeder `local/seed-app.ts`. */
export async function seedHost(host: Host, opts: { app?: boolean } = {}): Promise<void> {
  seedJira(host.db);
  const withApp = opts.app ?? host.app.appDir === REPO_ROOT;
  const seedAppFile = ['seed-app.ts', 'seed-app.js'].map((f) => path.join(__dirname, f)).find((f) => fs.existsSync(f));
  if (withApp && seedAppFile) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(seedAppFile) as { seedApp?: (h: Host) => unknown };
    if (typeof mod.seedApp === 'function') await mod.seedApp(host);
  }
  markSeeded(host.db);
}

/** Empties every table (Jira, KVS, meta) so `seedHost` starts from scratch. */
export function wipeDatabase(db: Database): void {
  ensureMeta(db);
  ensureKvsSchema(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const t of tables) db.exec(`DELETE FROM "${t.replace(/"/g, '""')}"`);
      if (tables.includes('sqlite_sequence')) db.exec('DELETE FROM sqlite_sequence');
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
  new KvsStore(db).clear();
}

export async function startHost(opts: StartHostOptions = {}): Promise<Host> {
  const dataDir = path.resolve(opts.dataDir ?? path.join(REPO_ROOT, '.data'));
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  ensureKvsSchema(db);
  ensureMeta(db);
  // The host clock first: everything after it (seeding included) reads the time from it.
  loadClock(db);

  let baseUrl = '';
  const getBaseUrl = () => baseUrl;
  let uiBaseUrl = '';
  const getUiBaseUrl = () => uiBaseUrl;
  const stats = new HostStats();
  const faults = new Faults();
  const appDir = path.resolve(opts.appDir ?? REPO_ROOT);
  const latencyModel = typeof opts.latency === 'string' ? parseLatencySpec(opts.latency) : opts.latency;
  // Off while the host seeds itself: seeding is setup, not the app in use (the model is switched on below).
  const latency = new PlatformLatency();
  const forgeApp = new ForgeApp({ appDir, getBaseUrl, stats, latency, bundleDir: opts.bundled ? FORGE_BUNDLE_DIST : undefined });
  // `forge deploy` refuses entities that break the storage rules; so does the host, before serving anything.
  const entityProblems = validateEntityDefs(forgeApp.manifest.entities);
  if (entityProblems.length) {
    db.close();
    throw new Error(`manifest.yml app.storage.entities break Forge's rules:\n  ${entityProblems.join('\n  ')}`);
  }
  // Likewise what Forge refuses (or the host cannot honour) in scheduled triggers, web triggers, gadgets and global pages.
  const moduleProblems = [...scheduleProblems(forgeApp.manifest), ...webtriggerProblems(forgeApp.manifest), ...pageModuleProblems(forgeApp.manifest)];
  if (moduleProblems.length) {
    db.close();
    throw new Error(`manifest.yml modules break Forge's rules:\n  ${moduleProblems.join('\n  ')}`);
  }
  const schedules = new ScheduledTriggers({ app: forgeApp, db, mode: opts.scheduledTriggers ?? 'auto' });
  const webtriggers = new WebTriggers({ app: forgeApp, db, getBaseUrl });
  registerPageExtensions(forgeApp, db, getBaseUrl);
  const kvsStore = new KvsStore(db, forgeApp.manifest.entities, { expiredKeys: opts.kvsExpiredKeys ?? 'linger' });
  const events = new EventDispatcher({ app: forgeApp, db, delivery: opts.eventDelivery ?? deliveryFromEnv(process.env) });
  const jiraHold = new JiraHold();

  /** The shell's user: the `ph_user` cookie, else the default admin. */
  const userOf = (req: Request): UserRow | undefined => {
    const p = resolvePrincipal(db, INTERNAL_SECRET, req) as Principal | undefined;
    if (p && p.kind === 'user') return findUserByEmail(db, p.email);
    if (p && p.kind === 'app') return undefined;
    return findUserByEmail(db, DEFAULT_USER_EMAIL);
  };

  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);

  // Forge storage: only the app's invocations (secret header) reach it.
  web.use('/__kvs', (req, _res, next) => {
    if (!req.get(INTERNAL_HEADER)) return next();
    latency.kvs().then(() => next(), next);
  });
  web.use('/__kvs', createKvsRouter({ db, secret: INTERNAL_SECRET, stats, faults, store: kvsStore }));
  // Web triggers (public, no user, as on Forge) and the GraphQL gateway behind webTrigger.getUrl().
  web.use(webtriggers.router());
  web.use(webtriggers.gatewayRouter());

  // Local control endpoints.
  const local = express.Router();
  local.use(express.json({ limit: '6mb' }));
  local.post('/invoke', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { moduleKey?: unknown; functionKey?: unknown; payload?: unknown; context?: unknown; user?: unknown };
    let user: UserRow | undefined;
    if (typeof body.user === 'string' && body.user) {
      user = findUserByEmail(db, body.user);
      if (!user) {
        res.status(400).json({ error: { message: `Unknown user ${body.user}` } });
        return;
      }
    } else {
      user = userOf(req);
    }
    const ctx = (body.context && typeof body.context === 'object' ? body.context : {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const payloadSize = Buffer.byteLength(JSON.stringify(body.payload ?? {}), 'utf8');
    if (payloadSize > 500 * 1024) {
      res.status(413).json({ error: { message: 'Invocation payload exceeds the 500 KB Forge limit' } });
      return;
    }
    const outcome = await forgeApp.invokeResolver({
      moduleKey: String(body.moduleKey ?? ''),
      functionKey: String(body.functionKey ?? ''),
      payload: body.payload,
      context: {
        issueKey: str(ctx.issueKey),
        projectKey: str(ctx.projectKey),
        entryPoint: str(ctx.entryPoint),
        validatorConfig: typeof ctx.validatorConfig === 'string' ? ctx.validatorConfig : undefined,
        dashboardId: str(ctx.dashboardId),
        gadgetId: str(ctx.gadgetId),
      },
      accountId: user?.account_id,
    });
    res.setHeader('x-invocation-ms', String(outcome.ms));
    if (!outcome.ok) {
      res.status(outcome.status).json({ error: outcome.error });
      return;
    }
    if (outcome.result === undefined) {
      res.status(204).end();
      return;
    }
    const text = JSON.stringify(outcome.result);
    // Forge counts bytes, not characters: a page of non-ASCII text is up to three times larger.
    if (Buffer.byteLength(text, 'utf8') > 5 * 1024 * 1024) {
      res.status(500).json({ error: { message: 'Resolver response exceeds the 5 MB Forge limit' } });
      return;
    }
    res.status(200).type('application/json').send(text);
  });
  local.get('/app', (_req, res) => {
    res.json(forgeApp.codeInfo);
  });
  local.get('/stats', (_req, res) => {
    res.json({ jira: getRequestStats(), ...stats.toJSON(), events: events.toJSON(), faults: faults.toJSON(), platform: latency.toJSON() });
  });
  local.post('/stats/reset', (_req, res) => {
    resetRequestStats();
    stats.reset();
    events.reset();
    latency.resetCounts();
    res.json({ ok: true });
  });
  // Issue events reach trigger functions after the REST answer; tests wait here until all are delivered.
  local.get('/events/idle', async (_req, res) => {
    await events.idle();
    res.json(events.toJSON());
  });
  // Forge deletes expired keys eventually (documented: within 48 hours); this is that moment.
  local.post('/kvs/sweep', (_req, res) => {
    res.json({ swept: kvsStore.sweepExpired(), expiredKeys: kvsStore.expiredKeys });
  });
  // How issue events are delivered (late, twice, concurrently): GET the settings, POST a partial change.
  local.get('/events/delivery', (_req, res) => {
    res.json(events.delivery);
  });
  local.post('/events/delivery', (req, res) => {
    try {
      res.json(events.configureDelivery(req.body ?? {}));
      } catch (e) {
        res.status(400).json({ error: { message: e instanceof Error ? e.message : String(e) } });
      }
    });
  // The host clock (local/clock.ts).
  local.get('/clock', (_req, res) => {
    res.json(clockStatus());
  });
  local.post('/clock', (req, res) => {
    try {
      const change = parseClockChange(req.body, realNow(), clockOffsetMs());
      const status = setClockOffset(change.offsetMs);
      saveClock(db);
      res.json(status);
    } catch (e) {
      res.status(400).json({ error: { message: e instanceof Error ? e.message : String(e) } });
    }
  });
  // An issue type at any hierarchy level, as a Jira admin adds one in Settings > Issue type hierarchy
  // (REST creates only levels 0 and -1). Renaming goes through Jira's own PUT /rest/api/3/issuetype/{id}.
  local.post('/issue-types', (req, res) => {
    try {
      const b = (req.body ?? {}) as { name?: unknown; hierarchyLevel?: unknown; description?: unknown };
      const t = addIssueType(db, { name: b.name, hierarchyLevel: b.hierarchyLevel, description: b.description });
      res.status(201).json({ id: t.id, name: t.name, hierarchyLevel: t.hierarchy_level });
    } catch (e) {
      res.status(e instanceof JiraError ? e.status : 500).json({ error: { message: e instanceof Error ? e.message : String(e) } });
    }
  });
  // A user's profile time zone (Jira: Personal settings): what view.getContext().timezone tells their frames.
  local.post('/users/time-zone', (req, res) => {
    const { email, timeZone } = (req.body ?? {}) as { email?: unknown; timeZone?: unknown };
    const user = typeof email === 'string' ? findUserByEmail(db, email) : undefined;
    if (!user || typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
      res.status(400).json({ error: { message: 'Give the email of a user and an IANA time zone, e.g. Pacific/Auckland.' } });
      return;
    }
    db.prepare('UPDATE users SET time_zone = ? WHERE account_id = ?').run(timeZone, user.account_id);
    res.json({ email: user.email, timeZone });
  });
  // Scheduled triggers (local/forge/schedules.ts).
  local.get('/scheduled', (_req, res) => {
    res.json({ mode: schedules.mode, now: clockStatus().now, schedules: schedules.state() });
  });
  local.post('/scheduled/run', async (req, res) => {
    const b = (req.body ?? {}) as { moduleKey?: unknown; force?: unknown; copies?: unknown };
    if ((b.moduleKey !== undefined && typeof b.moduleKey !== 'string') || (b.force !== undefined && typeof b.force !== 'boolean') || (b.copies !== undefined && typeof b.copies !== 'number')) {
      res.status(400).json({ error: { message: 'Body: {moduleKey?: string, force?: boolean, copies?: number}' } });
      return;
    }
    try {
      res.json(await schedules.runDue({ moduleKey: b.moduleKey as string | undefined, force: b.force as boolean | undefined, copies: b.copies as number | undefined }));
    } catch (e) {
      res.status(400).json({ error: { message: e instanceof Error ? e.message : String(e) } });
    }
  });
  local.get('/scheduled/idle', async (_req, res) => {
    await schedules.idle();
    res.json({ schedules: schedules.state() });
  });
  // Web trigger URLs made so far (what webTrigger.queryUrls() answers the app).
  local.get('/webtriggers', (_req, res) => {
    res.json({ urls: webtriggers.list() });
  });
  // Every notification Jira would have sent (local/jira/notify.ts).
  local.use(createOutboxRouter({ db }));
  local.get('/faults', (_req, res) => {
    res.json(faults.toJSON());
  });
  local.post('/faults', (req, res) => {
    try {
      faults.set((req.body ?? {}) as { kvs?: unknown; jiraRateLimit?: unknown });
      res.json(faults.toJSON());
    } catch (e) {
      res.status(400).json({ error: { message: e instanceof Error ? e.message : String(e) } });
    }
  });
  // Pages and frames give a browser without a user cookie the default user, so the frames'
  // own /rest/api/3 calls (requestJira) act as the same user the page shows.
  web.use((req, res, next) => {
    if (req.method === 'GET' && !req.path.startsWith('/rest/') && !/(?:^|;\s*)ph_user=/.test(req.get('cookie') ?? '')) {
      res.cookie('ph_user', DEFAULT_USER_EMAIL, { path: '/', sameSite: 'lax', httpOnly: false });
    }
    next();
  });

  web.use('/__local', local);
  web.use('/__local/jira', createJiraControlRouter({ db, hold: jiraHold }));

  // Jira REST.
  // The latency model charges the app's own requests: from its functions (the internal header, not the
  // host's platform look-ups) and from its Custom UI's requestJira (the bridge's header).
  web.use('/rest/api/3', (req, _res, next) => {
    const from = req.get(BRIDGE_REQUEST_HEADER) ? 'ui' : req.get(INTERNAL_HEADER) && !req.get(PLATFORM_HEADER) ? 'function' : undefined;
    if (!from) return next();
    latency.jira(from).then(() => next(), next);
  });
  // Simulated rate limiting applies to the app's own Jira calls (the internal header), as Jira limits apps.
  web.use('/rest/api/3', (req, res, next) => {
    if (req.get(INTERNAL_HEADER) && !req.get(PLATFORM_HEADER) && faults.takeJiraRateLimit()) {
      res.status(429).set('Retry-After', String(faults.jiraRateLimit.retryAfterSeconds)).json({ errorMessages: ['Rate limit exceeded.'], errors: {} });
      return;
    }
    next();
  });
  web.use('/rest/api/3', jiraHold.middleware);
  web.use('/rest/api/3', authenticate(db, INTERNAL_SECRET),
    createNotifyRouter({ db }),
    createDashboardRouter({ db, gadgets: gadgetModules(forgeApp) }),
    createJiraRouter({ db, manifestPath: path.join(appDir, 'manifest.yml'), validators: forgeApp.runValidators, onIssueEvent: events.emit }));

  // The Jira-like shell.
  web.get('/__shell/host-ui.js', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.type('application/javascript').send(fs.readFileSync(path.join(__dirname, 'shell', 'host-ui.js'), 'utf8'));
  });
  web.use(createDashboardShellRouter({ db, app: forgeApp, userOf, getUiBaseUrl }));
  web.use(createHostPagesRouter({ db, userOf, schedules: () => schedules.state() }));
  web.use(createShellRouter({ db, app: forgeApp, getBaseUrl, getUiBaseUrl, userOf }));

  // The app's Custom UI on a listener of its own: another port is another origin, as Forge's CDN is
  // another origin than the Jira site. A relative link followed in a frame lands here and finds
  // nothing; the frame reaches Jira and the resolvers only through the bridge (the shell page).
  // The session cookie ignores ports, so frames still know who is looking.
  const cdn = express();
  cdn.disable('x-powered-by');
  cdn.set('etag', false);
  const uiUser = (req: Request) => {
    const u = userOf(req);
    return { accountId: u?.account_id, timeZone: u?.time_zone };
  };
  cdn.use(createCustomUiRouter({ app: forgeApp, getBaseUrl, userOf: uiUser }));
  cdn.use((req, res) => {
    res.status(404).type('text/plain').send(`Not found: ${req.path}. This origin serves only the app's Custom UI resources, as Forge's CDN does; open Jira pages with router.navigate or router.open.`);
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = web.listen(opts.port ?? 0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  const uiServer: Server = await new Promise((resolve, reject) => {
    const s = cdn.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  uiBaseUrl = `http://127.0.0.1:${(uiServer.address() as AddressInfo).port}`;

  let closed = false;
  const host: Host = {
    url: baseUrl,
    uiUrl: uiBaseUrl,
    port,
    db,
    app: forgeApp,
    stats,
    faults,
    latency,
    schedules,
    webtriggers,
    dataDir,
    close: async () => {
      if (closed) return;
      closed = true;
      await schedules.stop();
      // Let queued issue events finish while the server can still answer their requests.
      await Promise.race([events.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await Promise.all([server, uiServer].map((srv) => new Promise<void>((resolve) => {
        srv.close(() => resolve());
        srv.closeAllConnections?.();
      })));
      db.close();
      // The clock belongs to this host: a later host in the same process starts from its own database.
      setClockOffset(0);
    },
  };

  if (opts.seed !== false && !isSeeded(db)) {
    try {
      await seedHost(host, { app: opts.seedApp });
      // The seed's issue events (its transitions) are setup too: delivered before the host says it is
      // ready, so a test's request counts start clean, and before the latency model applies.
      await events.idle();
    } catch (e) {
      await host.close();
      throw e;
    }
  }
  latency.use(latencyModel);
  schedules.start();
  return host;
}
