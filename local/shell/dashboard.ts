/**
 * The shell's Dashboards (Jira's dashboards with the app's Forge gadgets, several side by side, each in
 * its view or edit mode) and Apps (the app's `jira:globalPage`, at `/jira/apps/{appId}/{envId}`).
 *
 * Reads come from SQLite; writes go through Jira REST (`/rest/api/3/dashboard...`) from the browser as the
 * signed-in user, except a gadget's configuration, which its edit view saves with `view.submit(config)`
 * (bridge-shim.js → the shell page → `PUT /__shell/dashboards/{id}/gadgets/{gadgetId}/configuration`, as that user).
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Database } from '../db';
import type { UserRow } from '../jira/catalog';
import { JiraError } from '../jira/errors';
import { canEditDashboard, canViewDashboard, ensureDashboardSchema, findDashboard, gadgetsOf, saveGadgetConfiguration, DASHBOARD_COLUMNS, type DashboardRow, type GadgetRow } from '../jira/dashboards';
import type { ForgeApp, ManifestModule } from '../forge/app';
import { FORGE_IFRAME_ALLOW, FORGE_IFRAME_SANDBOX } from '../forge/custom-ui';
import { GADGET_TYPE, GLOBAL_PAGE_TYPE, dashboardPath, globalPagePath } from '../forge/gadgets';
import { Html, html } from './layout';
import { principalOf, renderPage } from './page';

export interface DashboardShellOptions {
  db: Database;
  app: ForgeApp;
  userOf: (req: Request) => UserRow | undefined;
  /** Where the app's Custom UI is served: an origin of its own, as Forge's CDN is. */
  getUiBaseUrl: () => string;
}

/** Every app frame gets Jira's sandbox and feature policies. */
const FRAME_ATTRS = new Html(`sandbox="${FORGE_IFRAME_SANDBOX}" allow="${FORGE_IFRAME_ALLOW}"`);

interface Page { title: string; route: string }

/** The sidebar of a global page: its `pages`, or the pages of its `sections`. */
function subpages(mod: ManifestModule): Array<{ header?: string; pages: Page[] }> {
  const text = (t: unknown) => (typeof t === 'string' ? t : '');
  const pages = (list: unknown): Page[] => (Array.isArray(list) ? list : []).map((p: { title?: unknown; route?: unknown }) => ({ title: text(p.title), route: String(p.route ?? '') })).filter((p) => p.route);
  if (Array.isArray(mod.raw.sections)) return (mod.raw.sections as Array<{ header?: unknown; pages?: unknown }>).map((s) => ({ header: text(s.header) || undefined, pages: pages(s.pages) }));
  if (Array.isArray(mod.raw.pages)) return [{ pages: pages(mod.raw.pages) }];
  return [];
}

export function createDashboardShellRouter(opts: DashboardShellOptions): Router {
  const { db, app } = opts;
  ensureDashboardSchema(db);
  const router = express.Router();
  const page = (req: Request, res: Response, title: string, body: Html, crumbs?: Array<{ href?: string; label: string }>, status = 200) =>
    renderPage({ db, userOf: opts.userOf }, req, res, title, body, crumbs, status);
  const notFound = (req: Request, res: Response, what: string) => page(req, res, 'Not found', html`<h1>Not found</h1><p>${what}</p>`, undefined, 404);
  const gadgetMods = () => app.modulesOfType(GADGET_TYPE);
  const text = (t: unknown, fallback: string) => (typeof t === 'string' ? t : t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string' ? (t as { text: string }).text : fallback);

  // ---------------- dashboards ----------------
  router.get('/jira/dashboards', (req, res) => {
    const viewer = principalOf(opts.userOf(req));
    const list = viewer ? (db.prepare('SELECT * FROM dashboards ORDER BY name, id').all() as DashboardRow[]).filter((d) => canViewDashboard(db, viewer, d)) : [];
    const owner = (id: string) => (db.prepare('SELECT display_name FROM users WHERE account_id = ?').get(id) as { display_name: string } | undefined)?.display_name ?? id;
    page(req, res, 'Dashboards', html`<h1>Dashboards</h1>
      <table class="list" id="dashboards"><thead><tr><th>Name</th><th>Owner</th><th>Shared with</th></tr></thead><tbody>
      ${list.length === 0 ? html`<tr><td colspan="3" class="muted">No dashboards yet.</td></tr>` : ''}
      ${list.map((d) => html`<tr><td><a href="${dashboardPath(d.id)}">${d.name}</a></td><td>${owner(d.owner_account_id)}</td><td>${(JSON.parse(d.share_permissions) as unknown[]).length ? 'Everyone signed in' : 'Private'}</td></tr>`)}
      </tbody></table>
      <h2>Create dashboard</h2>
      <form class="inline" id="create-dashboard">
        <label>Name<input name="name" required maxlength="255"></label>
        <label>Shared with<select name="share"><option value="private">Private</option><option value="loggedin">Everyone signed in</option></select></label>
        <button class="btn primary" type="submit">Create</button><span class="form-error muted" role="alert"></span>
      </form>`, [{ label: 'Dashboards' }]);
  });

  const frameSrc = (mod: ManifestModule, g: GadgetRow, edit: boolean): string | undefined => {
    const resource = edit ? (mod.raw.edit as { resource?: string } | undefined)?.resource : mod.resource;
    if (!resource) return undefined;
    const q = new URLSearchParams({ moduleKey: mod.key, dashboardId: String(g.dashboard_id), gadgetId: String(g.id), frameId: `gadget-${g.id}` });
    if (edit) q.set('entryPoint', 'edit');
    return `${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(resource)}/index.html?${q.toString()}`;
  };

  const gadgetCard = (d: DashboardRow, g: GadgetRow, writable: boolean, editId: number | undefined): Html => {
    const mod = app.module(g.module_key);
    if (!mod || mod.type !== GADGET_TYPE) {
      return html`<section class="panel gadget" data-gadget-id="${g.id}"><div class="panel-title">${g.title}</div><p class="muted" style="padding:8px 12px">This gadget's app module (${g.module_key}) is no longer installed.</p></section>`;
    }
    const hasEdit = Boolean((mod.raw.edit as { resource?: string } | undefined)?.resource);
    // As on Jira: a gadget opens in its edit view when asked to, and when it has never been configured.
    const editing = writable && hasEdit && (editId === g.id || g.configuration === null);
    const src = frameSrc(mod, g, editing);
    const config = g.configuration ? (JSON.parse(g.configuration) as { refresh?: unknown }) : {};
    const refresh = Number.isInteger(config.refresh) ? String(config.refresh) : '';
    return html`<section class="panel gadget gadget-${g.color}" data-gadget-id="${g.id}" data-module-key="${mod.key}" data-mode="${editing ? 'edit' : 'view'}"
        data-refreshable="${mod.raw.refreshable === false ? 'false' : 'true'}" data-refresh-minutes="${refresh}">
      <div class="panel-title"><span class="gadget-title">${g.title}</span><span class="spacer"></span>
        ${editing && g.configuration !== null ? html`<a class="btn" href="${dashboardPath(d.id)}">Cancel</a>` : ''}
        ${!editing && writable && hasEdit ? html`<a class="btn gadget-edit" href="${dashboardPath(d.id)}?edit=${g.id}">Edit</a>` : ''}
        ${!editing ? html`<button class="btn gadget-refresh" type="button">Refresh</button>` : ''}
        ${writable ? html`<button class="btn gadget-remove" type="button">Remove</button>` : ''}
      </div>
      ${src ? html`<iframe class="forge-frame" data-frame-id="gadget-${g.id}" title="${g.title}${editing ? ' (edit)' : ''}" src="${src}" ${FRAME_ATTRS}></iframe>` : html`<p class="muted">No resource.</p>`}
    </section>`;
  };

  router.get('/jira/dashboards/:id', (req, res) => {
    const viewer = principalOf(opts.userOf(req));
    const d = findDashboard(db, String(req.params.id));
    if (!d || !viewer || !canViewDashboard(db, viewer, d)) return notFound(req, res, `Dashboard ${req.params.id} does not exist or you cannot see it.`);
    const writable = canEditDashboard(db, viewer, d);
    const editId = Number(req.query.edit) || undefined;
    const gadgets = gadgetsOf(db, d.id);
    const columns = Array.from({ length: DASHBOARD_COLUMNS }, (_, c) => gadgets.filter((g) => g.col === c));
    page(req, res, d.name, html`<h1>${d.name}</h1>
      <div id="dashboard" data-dashboard-id="${d.id}">
        <form class="inline" id="dashboard-toolbar" autocomplete="off">
          ${writable ? html`
          <label>Gadget<select name="moduleKey" id="gadget-module">${gadgetMods().map((m) => html`<option value="${m.key}">${text(m.raw.title, m.key)}</option>`)}</select></label>
          <label>Column<select name="column">${Array.from({ length: DASHBOARD_COLUMNS }, (_, c) => html`<option value="${c}">${c + 1}</option>`)}</select></label>
          <button class="btn primary" type="submit" id="add-gadget"${new Html(gadgetMods().length ? '' : ' disabled')}>Add gadget</button>` : html`<span class="muted">Read only: only the owner can change this dashboard.</span>`}
          <button class="btn" type="button" id="refresh-dashboard">Refresh</button><span class="form-error muted" role="alert"></span>
        </form>
        ${gadgets.length === 0 ? html`<p class="muted" id="empty-dashboard">This dashboard has no gadgets yet.</p>` : ''}
        <div class="dash-grid">${columns.map((list, c) => html`<div class="dash-col" data-column="${c}">${list.map((g) => gadgetCard(d, g, writable, editId))}</div>`)}</div>
      </div>`, [{ href: '/jira/dashboards', label: 'Dashboards' }, { label: d.name }]);
  });

  router.put('/__shell/dashboards/:id/gadgets/:gadgetId/configuration', express.json({ strict: false, limit: '1mb' }), (req, res) => {
    const viewer = principalOf(opts.userOf(req));
    try {
      if (!viewer) throw new JiraError(401, ['Client must be authenticated to access this resource.']);
      const saved = saveGadgetConfiguration(db, viewer, String(req.params.id), String(req.params.gadgetId), req.body);
      res.json({ gadgetConfiguration: saved });
    } catch (e) {
      if (e instanceof JiraError) res.status(e.status).json(e.body);
      else res.status(400).json({ errorMessages: [e instanceof Error ? e.message : String(e)], errors: {} });
    }
  });

  // ---------------- apps (global pages) ----------------
  const globalPage = () => app.modulesOfType(GLOBAL_PAGE_TYPE)[0];

  router.get('/jira/apps', (req, res) => {
    const mod = globalPage();
    page(req, res, 'Apps', html`<h1>Apps</h1>
      ${mod ? html`<ul id="apps-menu"><li><a href="${globalPagePath(app.manifest)}">${text(mod.raw.title, mod.key)}</a></li></ul>` : html`<p class="muted">The app has no jira:globalPage module.</p>`}`, [{ label: 'Apps' }]);
  });

  router.get(/^\/jira\/apps\/([^/]+)\/([^/]+)(?:\/([^?#]*))?$/, (req, res) => {
    const mod = globalPage();
    const params = req.params as unknown as Record<string, string | undefined>;
    if (!mod || `/jira/apps/${params[0]}/${params[1]}` !== globalPagePath(app.manifest) || !mod.resource) return notFound(req, res, 'No such app page.');
    const route = params[2] ?? '';
    const sections = subpages(mod);
    const base = globalPagePath(app.manifest);
    const q = new URLSearchParams({ moduleKey: mod.key, frameId: 'page' });
    // The subpage route reaches the app as its history location (view.createHistory); the app's push or replace changes the page URL.
    const src = `${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(mod.resource)}/index.html?${q.toString()}${route ? `#!/${route}` : ''}`;
    const title = text(mod.raw.title, mod.key);
    const frame = html`<iframe class="page-frame forge-frame" data-frame-id="page" data-app-base="${base}" title="${title}" src="${src}" ${FRAME_ATTRS}></iframe>`;
    page(req, res, title, html`<h1>${title}</h1>
      ${sections.length ? html`<div class="app-layout"><nav class="app-nav" aria-label="${title}">
        ${sections.map((s) => html`${s.header ? html`<div class="muted" style="margin:8px 0 4px;font-weight:600">${s.header}</div>` : ''}
          ${s.pages.map((p) => html`<a href="${base}/${p.route}"${new Html(p.route === route ? ' class="current"' : '')}>${p.title}</a>`)}`)}
      </nav><div>${frame}</div></div>` : frame}`, [{ href: '/jira/apps', label: 'Apps' }, { label: title }]);
  });

  return router;
}
