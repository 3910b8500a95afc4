/**
 * Jira dashboards and their gadgets: the REST API (`/rest/api/3/dashboard...`) the shell's Dashboards page
 * writes through, and each gadget's configuration (what a Forge gadget's edit view saves with
 * `view.submit(config)` and reads back as `extension.gadgetConfiguration`).
 *
 * From Jira Cloud REST v3 (api-group-dashboards): `POST /dashboard {name, description, sharePermissions,
 * editPermissions}`; `GET /dashboard`, `GET|DELETE /dashboard/{id}`; `GET|POST /dashboard/{id}/gadget`
 * (`{moduleKey | uri, color, position: {column, row}, title}`; color one of blue, red, yellow, green, cyan,
 * purple, gray, white; placing a gadget moves the others in its column down), `PUT|DELETE
 * /dashboard/{id}/gadget/{gadgetId}`. A dashboard is seen by its owner and whoever its share permissions
 * name, changed by its owner and whoever its edit permissions name; one nobody may see is "not found".
 * From Forge (manifest-reference/modules/jira-dashboard-gadget): a gadget's extension context is
 * `{type, gadgetConfiguration, dashboard: {id}, gadget: {id}, location}` and `entryPoint: 'edit'` in its
 * edit view; `view.submit({...config, refresh})` saves, `refresh` (minutes) must be a positive integer.
 * The configuration lives with the dashboard item, so the host holds it to Jira's entity property limit
 * (32,768 characters).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Database } from '../db';
import type { Principal } from '../auth';
import { hostNow } from '../clock';
import { findProject, findUserByAccountId } from './catalog';
import { JiraError, badRequest } from './errors';
import { hasGlobalAdmin, hasProjectPermission } from './permissions';
import { PROPERTY_VALUE_LIMIT } from './properties';
import { INVOCATION_HEADER, recordRequest } from './request-log';

export const GADGET_COLORS = ['blue', 'red', 'yellow', 'green', 'cyan', 'purple', 'gray', 'white'] as const;
/** The local dashboards have Jira's default two-column layout. */
export const DASHBOARD_COLUMNS = 2;

export function ensureDashboardSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS dashboards (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      owner_account_id TEXT NOT NULL,
      share_permissions TEXT NOT NULL DEFAULT '[]',
      edit_permissions TEXT NOT NULL DEFAULT '[]',
      created_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS dashboard_gadgets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      dashboard_id INTEGER NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
      module_key TEXT NOT NULL,
      title TEXT NOT NULL,
      color TEXT NOT NULL,
      col INTEGER NOT NULL,
      row INTEGER NOT NULL,
      configuration TEXT,
      configured_ms INTEGER
    );
  `);
  // Jira's ids start at 10000.
  for (const t of ['dashboards', 'dashboard_gadgets']) {
    if (!db.prepare('SELECT 1 FROM sqlite_sequence WHERE name = ?').get(t)) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, 9999)').run(t);
  }
}

export interface SharePermission {
  type: 'global' | 'loggedin' | 'authenticated' | 'project' | 'user';
  project?: { id: string };
  user?: { accountId: string };
}

export interface DashboardRow { id: number; name: string; description: string; owner_account_id: string; share_permissions: string; edit_permissions: string; created_ms: number }
export interface GadgetRow { id: number; dashboard_id: number; module_key: string; title: string; color: string; col: number; row: number; configuration: string | null; configured_ms: number | null }

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parsePermissions(raw: unknown, field: string, db: Database): SharePermission[] {
  if (!Array.isArray(raw)) throw badRequest(`${field} is required: a list of share permissions (an empty list keeps the dashboard private).`);
  return raw.map((p): SharePermission => {
    if (!isObject(p) || typeof p.type !== 'string') throw badRequest(`Every ${field} entry needs a type.`);
    switch (p.type) {
      case 'global':
      case 'loggedin':
      case 'authenticated':
        return { type: p.type };
      case 'project': {
        const id = isObject(p.project) ? String(p.project.id ?? '') : '';
        if (!findProject(db, id)) throw badRequest(`${field}: the project '${id}' does not exist.`);
        return { type: 'project', project: { id: findProject(db, id)!.id } };
      }
      case 'user': {
        const accountId = isObject(p.user) ? String(p.user.accountId ?? '') : '';
        if (!findUserByAccountId(db, accountId)) throw badRequest(`${field}: the user '${accountId}' does not exist.`);
        return { type: 'user', user: { accountId } };
      }
      default:
        throw badRequest(`${field}: the share type '${p.type}' is not supported.`);
    }
  });
}

function grants(db: Database, p: Principal, perms: SharePermission[]): boolean {
  if (p.kind === 'app') return true;
  return perms.some((s) => s.type === 'global' || s.type === 'loggedin' || s.type === 'authenticated'
    || (s.type === 'project' && s.project && hasProjectPermission(db, p, s.project.id, 'BROWSE_PROJECTS'))
    || (s.type === 'user' && s.user?.accountId === p.accountId));
}

export function canViewDashboard(db: Database, p: Principal, d: DashboardRow): boolean {
  if (p.kind === 'app') return true;
  return d.owner_account_id === p.accountId || grants(db, p, JSON.parse(d.share_permissions)) || grants(db, p, JSON.parse(d.edit_permissions));
}

export function canEditDashboard(db: Database, p: Principal, d: DashboardRow): boolean {
  if (p.kind === 'app') return false;
  return d.owner_account_id === p.accountId || grants(db, p, JSON.parse(d.edit_permissions));
}

export function findDashboard(db: Database, id: string | number): DashboardRow | undefined {
  if (!/^\d+$/.test(String(id))) return undefined;
  return db.prepare('SELECT * FROM dashboards WHERE id = ?').get(Number(id)) as DashboardRow | undefined;
}

export function findGadget(db: Database, dashboardId: string | number, gadgetId: string | number): GadgetRow | undefined {
  if (!/^\d+$/.test(String(gadgetId)) || !/^\d+$/.test(String(dashboardId))) return undefined;
  return db.prepare('SELECT * FROM dashboard_gadgets WHERE id = ? AND dashboard_id = ?').get(Number(gadgetId), Number(dashboardId)) as GadgetRow | undefined;
}

export function gadgetsOf(db: Database, dashboardId: number): GadgetRow[] {
  return db.prepare('SELECT * FROM dashboard_gadgets WHERE dashboard_id = ? ORDER BY col, row, id').all(dashboardId) as GadgetRow[];
}

const notFound = (id: string) => new JiraError(404, [`The dashboard with id '${id}' does not exist.`]);

export function visibleDashboard(db: Database, p: Principal, id: string): DashboardRow {
  const d = findDashboard(db, id);
  if (!d || !canViewDashboard(db, p, d)) throw notFound(id);
  return d;
}

function writableDashboard(db: Database, p: Principal, id: string): DashboardRow {
  const d = visibleDashboard(db, p, id);
  if (!canEditDashboard(db, p, d)) throw new JiraError(403, ['You do not have permission to edit this dashboard.']);
  return d;
}

/** The gadget configuration a Forge edit view submits: a JSON object; `refresh` minutes a positive integer. */
export function checkGadgetConfiguration(config: unknown): Json {
  if (!isObject(config)) throw badRequest('The gadget configuration must be a JSON object.');
  if (config.refresh !== undefined && !(Number.isInteger(config.refresh) && (config.refresh as number) > 0)) {
    throw badRequest('refresh must be a positive whole number of minutes.');
  }
  if (JSON.stringify(config).length > PROPERTY_VALUE_LIMIT) throw badRequest(`The gadget configuration is too long: at most ${PROPERTY_VALUE_LIMIT} characters.`);
  return config;
}

export function saveGadgetConfiguration(db: Database, p: Principal, dashboardId: string, gadgetId: string, config: unknown): Json {
  const d = writableDashboard(db, p, dashboardId);
  const g = findGadget(db, d.id, gadgetId);
  if (!g) throw new JiraError(404, [`The gadget with id '${gadgetId}' does not exist on this dashboard.`]);
  const checked = checkGadgetConfiguration(config);
  db.prepare('UPDATE dashboard_gadgets SET configuration = ?, configured_ms = ? WHERE id = ?').run(JSON.stringify(checked), hostNow(), g.id);
  return checked;
}

export interface GadgetModules {
  /** The module key of one of the app's `jira:dashboardGadget` modules named by a plain key or its extension ARI. */
  resolve(moduleKey: string): { key: string; title: string } | undefined;
  /** How Jira names a Forge gadget's module in REST answers (its extension ARI). */
  extensionId(moduleKey: string): string;
}

export interface DashboardRouterOptions {
  db: Database;
  gadgets: GadgetModules;
  /** Where the shell shows a dashboard. */
  viewUrl?: (base: string, id: number) => string;
}

/** The dashboards REST API; mount at `/rest/api/3` after `authenticate`, before the main Jira router. */
export function createDashboardRouter(opts: DashboardRouterOptions): Router {
  const { db, gadgets } = opts;
  ensureDashboardSchema(db);
  const router = express.Router();
  router.use('/dashboard', express.json({ strict: false, limit: '1mb' }));
  const base = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const viewUrl = opts.viewUrl ?? ((b: string, id: number) => `${b}/jira/dashboards/${id}`);

  const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, handler: (req: Request, res: Response, p: Principal) => unknown) => {
    router[method](path, (req: Request, res: Response, next: NextFunction) => {
      const principal = res.locals.principal as Principal | undefined;
      recordRequest(`${method.toUpperCase()} /rest/api/3${path.replace(/:(\w+)/g, '{$1}')}`, principal?.kind ?? 'anonymous', req.get(INVOCATION_HEADER));
      try {
        if (!principal) throw new JiraError(401, ['Client must be authenticated to access this resource.']);
        const result = handler(req, res, principal);
        if (!res.headersSent) {
          if (result === undefined) res.status(204).end();
          else res.json(result);
        }
      } catch (e) {
        next(e);
      }
    });
  };

  const formatDashboard = (req: Request, p: Principal, d: DashboardRow) => {
    const owner = findUserByAccountId(db, d.owner_account_id);
    return {
      id: String(d.id),
      name: d.name,
      ...(d.description ? { description: d.description } : {}),
      self: `${base(req)}/rest/api/3/dashboard/${d.id}`,
      view: viewUrl(base(req), d.id),
      owner: owner ? { accountId: owner.account_id, displayName: owner.display_name, active: owner.active === 1 } : { accountId: d.owner_account_id },
      isFavourite: false,
      popularity: 0,
      sharePermissions: JSON.parse(d.share_permissions),
      editPermissions: JSON.parse(d.edit_permissions),
      isWritable: canEditDashboard(db, p, d),
      systemDashboard: false,
    };
  };
  const formatGadget = (g: GadgetRow) => ({ id: g.id, moduleKey: gadgets.extensionId(g.module_key), color: g.color, position: { row: g.row, column: g.col }, title: g.title });

  route('get', '/dashboard', (req, _res, p) => {
    const all = (db.prepare('SELECT * FROM dashboards ORDER BY id').all() as DashboardRow[]).filter((d) => canViewDashboard(db, p, d));
    const startAt = Number(req.query.startAt ?? 0);
    const maxResults = Number(req.query.maxResults ?? 20);
    if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 0) throw badRequest('startAt and maxResults must be non-negative integers.');
    return { startAt, maxResults, total: all.length, dashboards: all.slice(startAt, startAt + maxResults).map((d) => formatDashboard(req, p, d)) };
  });

  route('post', '/dashboard', (req, _res, p) => {
    if (p.kind !== 'user') throw new JiraError(403, ['Only a user can own a dashboard.']);
    const b = req.body;
    if (!isObject(b)) throw badRequest('The request body must be a JSON object.');
    if (typeof b.name !== 'string' || !b.name.trim()) throw new JiraError(400, [], { name: 'You must specify a dashboard name.' });
    if (b.name.length > 255) throw new JiraError(400, [], { name: 'The dashboard name must be at most 255 characters.' });
    if (b.description !== undefined && typeof b.description !== 'string') throw badRequest('description must be a string.');
    const share = parsePermissions(b.sharePermissions, 'sharePermissions', db);
    const edit = parsePermissions(b.editPermissions, 'editPermissions', db);
    if (edit.some((e) => e.type === 'global')) throw badRequest('editPermissions cannot be global.');
    const id = db.prepare('INSERT INTO dashboards (name, description, owner_account_id, share_permissions, edit_permissions, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(b.name.trim(), (b.description as string | undefined) ?? '', p.accountId, JSON.stringify(share), JSON.stringify(edit), hostNow()).lastInsertRowid;
    return formatDashboard(req, p, findDashboard(db, Number(id))!);
  });

  route('get', '/dashboard/:id', (req, _res, p) => formatDashboard(req, p, visibleDashboard(db, p, String(req.params.id))));

  route('delete', '/dashboard/:id', (req, _res, p) => {
    const d = visibleDashboard(db, p, String(req.params.id));
    if (p.kind !== 'user' || (d.owner_account_id !== p.accountId && !hasGlobalAdmin(db, p.accountId))) throw new JiraError(403, ['Only the owner can delete this dashboard.']);
    db.prepare('DELETE FROM dashboards WHERE id = ?').run(d.id);
    return undefined;
  });

  route('get', '/dashboard/:id/gadget', (req, _res, p) => ({ gadgets: gadgetsOf(db, visibleDashboard(db, p, String(req.params.id)).id).map(formatGadget) }));

  const position = (raw: unknown, fallback: { column: number; row: number }) => {
    if (raw === undefined) return fallback;
    if (!isObject(raw) || !Number.isInteger(raw.column) || !Number.isInteger(raw.row) || (raw.column as number) < 0 || (raw.row as number) < 0) {
      throw badRequest('position must be {column, row}, whole numbers from 0.');
    }
    if ((raw.column as number) >= DASHBOARD_COLUMNS) throw badRequest(`Cannot add gadget to column ${raw.column}: the dashboard has ${DASHBOARD_COLUMNS} columns.`);
    return { column: raw.column as number, row: raw.row as number };
  };
  const color = (raw: unknown, fallback: string) => {
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string' || !(GADGET_COLORS as readonly string[]).includes(raw)) throw badRequest(`color must be one of ${GADGET_COLORS.join(', ')}.`);
    return raw;
  };
  /** Places a gadget at (column, row), moving the gadgets at or below it in that column down, as Jira does. */
  const place = (dashboardId: number, gadgetId: number, pos: { column: number; row: number }) => {
    const column = (db.prepare('SELECT id FROM dashboard_gadgets WHERE dashboard_id = ? AND col = ? AND id != ? ORDER BY row, id').all(dashboardId, pos.column, gadgetId) as Array<{ id: number }>).map((r) => r.id);
    const ordered = [...column.slice(0, pos.row), gadgetId, ...column.slice(pos.row)];
    const set = db.prepare('UPDATE dashboard_gadgets SET col = ?, row = ? WHERE id = ?');
    ordered.forEach((id, row) => set.run(pos.column, row, id));
  };

  route('post', '/dashboard/:id/gadget', (req, _res, p) => {
    const d = writableDashboard(db, p, String(req.params.id));
    const b = req.body;
    if (!isObject(b)) throw badRequest('The request body must be a JSON object.');
    if (b.uri !== undefined && b.moduleKey !== undefined) throw badRequest('Provide moduleKey or uri, not both.');
    if (b.uri !== undefined) throw badRequest('The local site has no gadgets by URI; add a Forge gadget by moduleKey.');
    const mod = typeof b.moduleKey === 'string' ? gadgets.resolve(b.moduleKey) : undefined;
    if (!mod) throw badRequest(`The gadget module key '${String(b.moduleKey)}' is not valid.`);
    if (b.title !== undefined && (typeof b.title !== 'string' || !b.title.trim() || b.title.length > 255)) throw badRequest('title must be 1-255 characters.');
    const pos = position(b.position, { column: 0, row: 0 });
    const id = Number(db.prepare('INSERT INTO dashboard_gadgets (dashboard_id, module_key, title, color, col, row) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.id, mod.key, (b.title as string | undefined) ?? mod.title, color(b.color, 'blue'), pos.column, 0).lastInsertRowid);
    db.transaction(() => place(d.id, id, pos))();
    return formatGadget(findGadget(db, d.id, id)!);
  });

  route('put', '/dashboard/:id/gadget/:gadgetId', (req, _res, p) => {
    const d = writableDashboard(db, p, String(req.params.id));
    const g = findGadget(db, d.id, String(req.params.gadgetId));
    if (!g) throw new JiraError(404, [`The gadget with id '${req.params.gadgetId}' does not exist on this dashboard.`]);
    const b = isObject(req.body) ? req.body : {};
    if (b.title !== undefined && (typeof b.title !== 'string' || !b.title.trim() || b.title.length > 255)) throw badRequest('title must be 1-255 characters.');
    const pos = position(b.position, { column: g.col, row: g.row });
    db.transaction(() => {
      db.prepare('UPDATE dashboard_gadgets SET title = ?, color = ? WHERE id = ?').run((b.title as string | undefined) ?? g.title, color(b.color, g.color), g.id);
      if (b.position !== undefined) place(d.id, g.id, pos);
    })();
    return undefined;
  });

  route('delete', '/dashboard/:id/gadget/:gadgetId', (req, _res, p) => {
    const d = writableDashboard(db, p, String(req.params.id));
    const g = findGadget(db, d.id, String(req.params.gadgetId));
    if (!g) throw new JiraError(404, [`The gadget with id '${req.params.gadgetId}' does not exist on this dashboard.`]);
    db.prepare('DELETE FROM dashboard_gadgets WHERE id = ?').run(g.id);
    return undefined;
  });

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof JiraError) {
      res.status(err.status).json(err.body);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed' || e?.type === 'entity.too.large') {
      res.status(e.status ?? 400).json({ errorMessages: [e.message ?? 'Invalid request body.'], errors: {} });
      return;
    }
    next(err);
  });
  return router;
}
