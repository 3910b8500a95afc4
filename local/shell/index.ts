/**
 * The Jira-like shell: project list, project (epics + issues), issue view with
 * transitions and the app's issue panel iframe, the app's project page, and the
 * project's workflow validator settings (project admins only).
 *
 * Reads come straight from the SQLite catalog; every write goes through the Jira
 * REST API (from the browser as the cookie user, or here as the user over loopback).
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Database } from '../db';
import type { UserRow, IssueRow, ProjectRow } from '../jira/catalog';
import { findIssue, findProject, listTransitions } from '../jira/catalog';
import { addValidatorRule, getValidatorRule, listValidatorRules, removeValidatorRule, updateValidatorRule } from '../jira/workflow-rules';
import type { ForgeApp, ManifestModule } from '../forge/app';
import { INTERNAL_HEADER, INTERNAL_SECRET } from '../forge/runtime';
import { FORGE_IFRAME_ALLOW, FORGE_IFRAME_SANDBOX } from '../forge/custom-ui';
import { Html, html, layout, lozenge, type LayoutUser } from './layout';
import { addedPanels, addPanel, ensureIssuePanelSchema, removePanel } from './issue-panels';

export interface ShellOptions {
  db: Database;
  app: ForgeApp;
  getBaseUrl: () => string;
  /** Where the app's Custom UI is served: an origin of its own, as Forge's CDN is. */
  getUiBaseUrl: () => string;
  userOf: (req: Request) => UserRow | undefined;
}

const CLIENT_JS = path.join(__dirname, 'client.js');

/** Every app frame gets Jira's sandbox and feature policies. */
const FRAME_ATTRS = new Html(`sandbox="${FORGE_IFRAME_SANDBOX}" allow="${FORGE_IFRAME_ALLOW}"`);

interface IssueListRow extends IssueRow {
  type_name: string;
  hierarchy_level: number;
  status_name: string;
  category_key: string;
  assignee_name: string | null;
}

function adfToText(raw: string | null): string {
  if (!raw) return '';
  try {
    const doc = JSON.parse(raw) as unknown;
    const out: string[] = [];
    type Node = { type?: string; text?: unknown; content?: unknown };
    const walk = (n: Node | null | undefined, depth: number) => {
      if (!n || typeof n !== 'object') return;
      if (n.type === 'text' && typeof n.text === 'string') out.push(n.text);
      if (n.type === 'hardBreak') out.push('\n');
      if (Array.isArray(n.content)) n.content.forEach((c: Node) => walk(c, depth + 1));
      if (['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(String(n.type))) out.push('\n');
    };
    walk(doc as Node, 0);
    return out.join('').replace(/\n{3,}/g, '\n\n').trim();
  } catch {
    return raw;
  }
}

/** Evaluates the simple display conditions the shell understands; anything else shows the module. */
export function displayConditionAllows(conditions: unknown, issue: { hierarchyLevel: number; typeName: string }): boolean {
  if (!conditions || typeof conditions !== 'object') return true;
  const c = conditions as Record<string, unknown>;
  if (typeof c.jiraExpression === 'string') {
    const m = /^\s*issue\.issueType\.hierarchyLevel\s*(==|!=|>=|<=|>|<)\s*(-?\d+)\s*$/.exec(c.jiraExpression);
    if (m) {
      const v = Number(m[2]);
      const h = issue.hierarchyLevel;
      switch (m[1]) {
        case '==': return h === v;
        case '!=': return h !== v;
        case '>=': return h >= v;
        case '<=': return h <= v;
        case '>': return h > v;
        case '<': return h < v;
      }
    }
    const t = /^\s*issue\.issueType\.name\s*==\s*['"]([^'"]+)['"]\s*$/.exec(c.jiraExpression);
    if (t) return issue.typeName.toLowerCase() === t[1].toLowerCase();
  }
  if (Array.isArray(c.issueTypes)) return c.issueTypes.map(String).includes(issue.typeName);
  return true;
}

/** The text of a manifest `status` (badge, lozenge, or icon label) shown beside an issue context's label. */
function staticStatus(status: unknown): string | undefined {
  const value = (status as { value?: { label?: unknown } } | undefined)?.value;
  return typeof value?.label === 'string' ? value.label : undefined;
}

/** The app's route from the page URL, as the frame's history location (`#!/route?search`), or nothing at the app's root. */
export function appRoute(req: Request, subpath: string | undefined): string {
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  const path = subpath && subpath !== '/' ? subpath : '/';
  return path === '/' && !query ? '' : `#!${path}${query}`;
}

export function createShellRouter(opts: ShellOptions): Router {
  const { db, app } = opts;
  const router = express.Router();
  ensureIssuePanelSchema(db);

  const allUsers = (): LayoutUser[] =>
    (db.prepare('SELECT email, display_name FROM users WHERE active = 1 ORDER BY display_name').all() as Array<{ email: string; display_name: string }>)
      .map((u) => ({ email: u.email, displayName: u.display_name }));

  const page = (req: Request, res: Response, title: string, body: Html, breadcrumbs?: Array<{ href?: string; label: string }>, status = 200) => {
    const u = opts.userOf(req);
    const colorMode = /(?:^|;\s*)ph_theme=dark/.test(req.get('cookie') ?? '') ? 'dark' : 'light';
    res.status(status).type('text/html').send(layout({
      title,
      body,
      breadcrumbs,
      users: allUsers(),
      user: u ? { email: u.email, displayName: u.display_name } : undefined,
      colorMode,
    }));
  };

  /** A Jira REST call as the shell's user, over loopback (counted and permission-checked like any client). */
  const asUser = async (user: UserRow | undefined, p: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${opts.getBaseUrl()}${p}`, {
      method: init.method ?? 'GET',
      headers: {
        [INTERNAL_HEADER]: user ? `${INTERNAL_SECRET};user;${user.account_id}` : 'anonymous',
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Jira JSON, read defensively
    let body: any;
    try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
    return { status: res.status, body };
  };

  const isProjectAdmin = async (user: UserRow | undefined, projectKey: string): Promise<boolean> => {
    if (!user) return false;
    const r = await asUser(user, `/rest/api/3/mypermissions?projectKey=${encodeURIComponent(projectKey)}&permissions=ADMINISTER_PROJECTS`);
    return r.status === 200 && r.body?.permissions?.ADMINISTER_PROJECTS?.havePermission === true;
  };

  const hasProjectPermission = (user: UserRow | undefined, projectId: string, permission: string): boolean => {
    if (!user) return false;
    const row = db.prepare(`SELECT 1 FROM role_members rm JOIN role_permissions rp ON rp.role_id = rm.role_id
      WHERE rm.account_id = ? AND rm.project_id = ? AND rp.permission = ? LIMIT 1`).get(user.account_id, projectId, permission);
    return row !== undefined;
  };
  const canBrowse = (user: UserRow | undefined, projectId: string): boolean => hasProjectPermission(user, projectId, 'BROWSE_PROJECTS');

  /** A module's icon: `resource:<key>;<path>` from the app's CDN, an absolute https URL, or a generic app icon. */
  const iconUrl = (m: ManifestModule): string => {
    const icon = typeof m.raw.icon === 'string' ? m.raw.icon : '';
    const res = /^resource:([^;]+);(.+)$/.exec(icon);
    if (res) return `${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(res[1])}/${res[2].split('/').map(encodeURIComponent).join('/')}`;
    if (/^https:\/\//.test(icon)) return icon;
    return 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Crect width=%2216%22 height=%2216%22 rx=%223%22 fill=%22%23626F86%22/%3E%3C/svg%3E';
  };

  const issueRows = (where: string, ...params: unknown[]): IssueListRow[] =>
    db.prepare(`SELECT i.*, t.name AS type_name, t.hierarchy_level, s.name AS status_name, c.key AS category_key, u.display_name AS assignee_name
      FROM issues i JOIN issue_types t ON t.id = i.issuetype_id JOIN statuses s ON s.id = i.status_id
      JOIN status_categories c ON c.id = s.category_id LEFT JOIN users u ON u.account_id = i.assignee_id
      WHERE ${where} ORDER BY i.num`).all(...params) as IssueListRow[];

  const projectPageModules = () => app.modulesOfType('jira:projectPage');

  const notFound = (req: Request, res: Response, what: string) =>
    page(req, res, 'Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">Back to projects</a></p>`, undefined, 404);

  router.get('/__shell/client.js', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.type('application/javascript').send(fs.readFileSync(CLIENT_JS, 'utf8'));
  });

  router.get('/', (req, res) => {
    const user = opts.userOf(req);
    const projects = (db.prepare('SELECT * FROM projects ORDER BY key').all() as ProjectRow[]).filter((p) => canBrowse(user, p.id));
    const lead = (id: string | null) => (id ? (db.prepare('SELECT display_name FROM users WHERE account_id = ?').get(id) as { display_name: string } | undefined)?.display_name : '');
    page(req, res, 'Projects', html`<h1>Projects</h1>
      ${projects.length === 0 ? html`<p class="muted">You cannot see any project. Switch user above.</p>` : ''}
      <table class="list"><thead><tr><th>Name</th><th>Key</th><th>Type</th><th>Lead</th></tr></thead><tbody>
      ${projects.map((p) => html`<tr><td><a href="/projects/${p.key}">${p.name}</a></td><td>${p.key}</td><td>${p.project_type_key}</td><td>${lead(p.lead_account_id)}</td></tr>`)}
      </tbody></table>`);
  });

  router.get('/projects/:key', async (req, res) => {
    const user = opts.userOf(req);
    const project = findProject(db, String(req.params.key));
    if (!project || !canBrowse(user, project.id)) return notFound(req, res, `Project ${req.params.key} does not exist or you cannot see it.`);
    const rows = issueRows('i.project_id = ?', project.id);
    const epics = rows.filter((r) => r.hierarchy_level === 1);
    const others = rows.filter((r) => r.hierarchy_level !== 1);
    const admin = await isProjectAdmin(user, project.key);
    const table = (list: IssueListRow[]) => html`<table class="list"><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Assignee</th></tr></thead><tbody>
      ${list.map((r) => html`<tr><td><a href="/browse/${r.key}">${r.key}</a></td><td>${r.type_name}</td><td>${r.summary}</td><td>${lozenge(r.status_name, r.category_key)}</td><td>${r.assignee_name ?? html`<span class="muted">Unassigned</span>`}</td></tr>`)}
      </tbody></table>`;
    page(req, res, project.name, html`<h1>${project.name}</h1>
      <div class="tabs">
        ${projectPageModules().map((m) => html`<a href="/projects/${project.key}/apps/${m.key}">${m.title ?? m.key}</a>`)}
        ${admin ? html`<a href="/projects/${project.key}/settings/workflow">Project settings: workflow validators</a>` : ''}
      </div>
      <h2>Epics (${epics.length})</h2>${table(epics)}
      <h2>Other issues (${others.length})</h2>${table(others)}`, [{ href: '/', label: 'Projects' }, { label: project.name }]);
  });

  // Jira's project page URL carries the app's route after the page's own address (…/apps/<appId>/<envId>/<route>?<search>):
  // it reaches the app as its history location (view.createHistory), and the app's push or replace changes it.
  router.get(/^\/projects\/([^/]+)\/apps\/([^/]+)(\/[^?#]*)?$/, (req, res) => {
    const params = req.params as unknown as Record<string, string | undefined>;
    const user = opts.userOf(req);
    const project = findProject(db, String(params[0]));
    if (!project || !canBrowse(user, project.id)) return notFound(req, res, `Project ${params[0]} does not exist or you cannot see it.`);
    const mod = app.module(String(params[1]));
    if (!mod || mod.type !== 'jira:projectPage' || !mod.resource) return notFound(req, res, `No project page ${params[1]}.`);
    const base = `/projects/${project.key}/apps/${mod.key}`;
    const src = `${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(mod.resource)}/index.html?moduleKey=${encodeURIComponent(mod.key)}&projectKey=${encodeURIComponent(project.key)}&frameId=page${appRoute(req, params[2])}`;
    // layout native (the default) gets Jira's page chrome with the title; blank leaves the whole page to the app.
    const blank = mod.raw.layout === 'blank';
    page(req, res, mod.title ?? mod.key, html`${blank ? '' : html`<h1>${mod.title ?? mod.key}</h1>`}
      <iframe class="page-frame forge-frame" data-frame-id="page" data-app-base="${base}" title="${mod.title ?? mod.key}" src="${src}" ${FRAME_ATTRS}></iframe>`,
    [{ href: '/', label: 'Projects' }, { href: `/projects/${project.key}`, label: project.name }, { label: mod.title ?? mod.key }]);
  });

  router.get('/browse/:key', (req, res) => {
    const user = opts.userOf(req);
    const issue = findIssue(db, String(req.params.key));
    if (!issue || !canBrowse(user, issue.project_id)) return notFound(req, res, `Issue ${req.params.key} does not exist or you do not have permission to see it.`);
    const [row] = issueRows('i.id = ?', issue.id);
    const project = findProject(db, issue.project_id)!;
    const parent = issue.parent_id ? issueRows('i.id = ?', issue.parent_id)[0] : undefined;
    const children = issueRows('i.parent_id = ?', issue.id);
    const labels = JSON.parse(issue.labels || '[]') as string[];
    const transitions = listTransitions(db);
    const shows = (m: ManifestModule) => Boolean(m.resource) && displayConditionAllows(m.displayConditions, { hierarchyLevel: row.hierarchy_level, typeName: row.type_name });
    const frameSrc = (m: ManifestModule, frameId: string, extra: Record<string, string> = {}) =>
      `${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(m.resource!)}/index.html?${new URLSearchParams({ moduleKey: m.key, issueKey: issue.key, frameId, ...extra })}`;
    // Issue panels: a quick-add button each (for people who can edit the issue); the panel itself only once added here.
    const panels = app.modulesOfType('jira:issuePanel').filter(shows);
    const added = addedPanels(db, issue.id);
    const canEdit = hasProjectPermission(user, issue.project_id, 'EDIT_ISSUES');
    const justAdded = typeof req.query.panelAdded === 'string' ? req.query.panelAdded : undefined;
    const quickAdd = canEdit && panels.length ? html`<div id="quick-add" role="group" aria-label="Add to this issue">
      ${panels.map((m) => html`<button type="button" class="btn quick-add" data-module-key="${m.key}" data-issue-key="${issue.key}" title="${m.title ?? m.key}" aria-label="Add ${m.title ?? m.key} to this issue"><img src="${iconUrl(m)}" alt="" width="16" height="16"> ${m.title ?? m.key}</button>`)}
    </div>` : '';
    const panelHtml = panels.filter((m) => added.has(m.key)).map((m, i) => {
      const frameId = `panel-${i}`;
      const src = frameSrc(m, frameId, { isNewToIssue: String(justAdded === m.key) });
      return html`<section class="panel" data-module-key="${m.key}"><div class="panel-title"><span class="panel-name">${m.title ?? m.key}</span>
        ${canEdit ? html`<button type="button" class="btn panel-remove" data-module-key="${m.key}" data-issue-key="${issue.key}" aria-label="Remove ${m.title ?? m.key} from this issue">Remove</button>` : ''}</div>
        <iframe class="forge-frame" data-frame-id="${frameId}" title="${m.title ?? m.key}" src="${src}" ${FRAME_ATTRS}></iframe></section>`;
    });
    // Issue contexts: in the sidebar of every issue their display conditions allow, collapsed until expanded
    // (Jira remembers each user's choice); the frame loads on first expand.
    const contextHtml = app.modulesOfType('jira:issueContext').filter(shows).map((m, i) => {
      const frameId = `context-${i}`;
      const title = m.title ?? m.key;
      const label = typeof m.raw.label === 'string' ? m.raw.label : title;
      const status = staticStatus(m.raw.status);
      return html`<section class="issue-context" data-module-key="${m.key}">
        <button type="button" class="issue-context-toggle" aria-expanded="false" aria-controls="${frameId}-body"><span class="ctx-title">${title}</span> <span class="muted">${label}</span>${status ? html` <span class="lozenge todo">${status}</span>` : ''}</button>
        <div id="${frameId}-body" hidden><iframe class="forge-frame" data-frame-id="${frameId}" title="${title}" data-src="${frameSrc(m, frameId)}" ${FRAME_ATTRS}></iframe></div>
      </section>`;
    });
    page(req, res, `${issue.key} ${issue.summary}`, html`
      <div class="issue-layout" data-issue-key="${issue.key}">
        <div>
          <h1 id="issue-summary">${issue.summary}</h1>
          <div id="transition-bar">
            ${transitions.map((t) => html`<button class="btn transition-btn${new Html(t.to_status_id === issue.status_id ? ' current' : '')}" data-transition-id="${t.id}" data-issue-key="${issue.key}">${t.name}</button>`)}
          </div>
          <div id="transition-error"></div>
          ${quickAdd}
          <h2>Description</h2>
          <div class="desc">${adfToText(issue.description) || html`<span class="muted">No description</span>`}</div>
          ${children.length ? html`<h2>Child issues (${children.length})</h2>
            <table class="list" id="child-issues"><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Assignee</th></tr></thead><tbody>
            ${children.map((c) => html`<tr><td><a href="/browse/${c.key}">${c.key}</a></td><td>${c.type_name}</td><td>${c.summary}</td><td>${lozenge(c.status_name, c.category_key)}</td><td>${c.assignee_name ?? html`<span class="muted">Unassigned</span>`}</td></tr>`)}
            </tbody></table>` : ''}
          ${panelHtml}
        </div>
        <aside>
          <div class="field"><div class="label">Status</div><span id="issue-status">${lozenge(row.status_name, row.category_key)}</span></div>
          <div class="field"><div class="label">Type</div>${row.type_name}</div>
          <div class="field"><div class="label">Assignee</div>${row.assignee_name ?? html`<span class="muted">Unassigned</span>`}</div>
          <div class="field"><div class="label">Parent</div>${parent ? html`<a href="/browse/${parent.key}">${parent.key}</a> ${parent.summary}` : html`<span class="muted">None</span>`}</div>
          <div class="field"><div class="label">Labels</div><div class="labels">${labels.length ? labels.map((l) => html`<span>${l}</span>`) : html`<span class="muted" style="background:none">None</span>`}</div></div>
          <div class="field"><div class="label">Project</div><a href="/projects/${project.key}">${project.name}</a></div>
          ${contextHtml}
        </aside>
      </div>`, [{ href: '/', label: 'Projects' }, { href: `/projects/${project.key}`, label: project.name }, { label: issue.key }]);
  });

  // Quick-add: adds an app's issue panel to this issue for everyone (people who can edit it), as Jira does.
  const panelChange = (change: 'add' | 'remove') => async (req: Request, res: Response) => {
    const user = opts.userOf(req);
    const issue = findIssue(db, String(req.params.key));
    if (!issue || !canBrowse(user, issue.project_id)) {
      res.status(404).json({ errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
      return;
    }
    if (!hasProjectPermission(user, issue.project_id, 'EDIT_ISSUES')) {
      res.status(403).json({ errorMessages: ['You need permission to edit this issue to add or remove app panels.'] });
      return;
    }
    const mod = app.module(String(req.params.moduleKey));
    if (!mod || mod.type !== 'jira:issuePanel') {
      res.status(404).json({ errorMessages: [`No issue panel ${req.params.moduleKey}.`] });
      return;
    }
    if (change === 'add') addPanel(db, issue.id, mod.key, user!.account_id);
    else removePanel(db, issue.id, mod.key);
    res.status(204).end();
  };
  router.post('/__shell/issue/:key/panels/:moduleKey', panelChange('add'));
  router.delete('/__shell/issue/:key/panels/:moduleKey', panelChange('remove'));

  // ---------------- workflow validator settings ----------------
  const validatorModules = () => app.modulesOfType('jira:workflowValidator');
  const issueTypes = () => db.prepare('SELECT id, name FROM issue_types ORDER BY hierarchy_level DESC, name').all() as Array<{ id: string; name: string }>;
  const configString = (c: unknown) => (typeof c === 'string' ? c : JSON.stringify(c ?? {}));

  const configFrame = (mod: ManifestModule, entryPoint: 'create' | 'edit' | 'view', projectKey: string, frameId: string, config?: unknown): Html => {
    const resource = mod.configResources?.[entryPoint];
    if (!resource) return html`<p class="muted">This validator has no ${entryPoint} configuration screen.</p>`;
    const q = new URLSearchParams({ moduleKey: mod.key, entryPoint, projectKey, frameId });
    // A rule with no saved configuration hands the screen no validatorConfig at all.
    if (config !== undefined && config !== null) q.set('validatorConfig', configString(config));
    return html`<iframe class="forge-frame config-frame" data-frame-id="${frameId}" title="${mod.name ?? mod.key} configuration" src="${opts.getUiBaseUrl()}/__ui/${encodeURIComponent(resource)}/index.html?${q.toString()}" ${FRAME_ATTRS}></iframe>`;
  };

  const requireAdmin = async (req: Request, res: Response): Promise<{ project: ProjectRow; user: UserRow } | undefined> => {
    const user = opts.userOf(req);
    const project = findProject(db, String(req.params.key));
    if (!project || !canBrowse(user, project.id)) {
      notFound(req, res, `Project ${req.params.key} does not exist or you cannot see it.`);
      return undefined;
    }
    if (!(await isProjectAdmin(user, project.key))) {
      page(req, res, 'Forbidden', html`<h1>You can't administer this project</h1><p>Only project administrators can change the workflow. Switch to an administrator above.</p>`, undefined, 403);
      return undefined;
    }
    return { project, user: user! };
  };

  router.get('/projects/:key/settings/workflow', async (req, res) => {
    const ok = await requireAdmin(req, res);
    if (!ok) return;
    const { project } = ok;
    const transitions = listTransitions(db);
    const types = issueTypes();
    const rules = listValidatorRules(db, { projectId: project.id });
    const tName = (id: string) => transitions.find((t) => t.id === id)?.name ?? id;
    const typeName = (id: string | null) => (id ? types.find((t) => t.id === id)?.name ?? id : 'All issue types');
    const modName = (key: string) => app.validatorModule(key)?.name ?? key;
    const editId = Number(req.query.edit);
    const viewId = Number(req.query.view);
    const editRule = editId ? rules.find((r) => r.id === editId) : undefined;
    const viewRule = viewId ? rules.find((r) => r.id === viewId) : undefined;
    const mods = validatorModules();
    const base = `/projects/${project.key}/settings/workflow`;
    let configSection: Html | string = '';
    if (editRule) {
      const mod = app.validatorModule(editRule.moduleKey);
      configSection = mod ? html`<section class="panel" id="config-editor"><div class="panel-title">Edit "${modName(editRule.moduleKey)}" on ${tName(editRule.transitionId)}</div>
        ${configFrame(mod, 'edit', project.key, 'config', editRule.configuration)}
        <div style="padding:8px 12px"><button class="btn primary" id="save-config" data-action="${base}/rules/${editRule.id}/config">Update</button><a class="btn" href="${base}">Cancel</a><span id="config-error" class="muted"></span></div></section>` : '';
    } else if (viewRule) {
      const mod = app.validatorModule(viewRule.moduleKey);
      configSection = mod ? html`<section class="panel"><div class="panel-title">"${modName(viewRule.moduleKey)}" on ${tName(viewRule.transitionId)}</div>
        ${configFrame(mod, 'view', project.key, 'config', viewRule.configuration)}</section>` : '';
    } else if (req.query.add && typeof req.query.moduleKey === 'string') {
      const mod = app.validatorModule(req.query.moduleKey);
      const transitionId = String(req.query.transitionId ?? '');
      const issueTypeId = String(req.query.issueTypeId ?? '');
      configSection = mod ? html`<section class="panel" id="config-editor"><div class="panel-title">Add "${mod.name ?? mod.key}" to ${tName(transitionId)}</div>
        ${configFrame(mod, 'create', project.key, 'config')}
        <div style="padding:8px 12px"><button class="btn primary" id="save-config" data-action="${base}/rules" data-module-key="${mod.key}" data-transition-id="${transitionId}" data-issue-type-id="${issueTypeId}">Add</button><a class="btn" href="${base}">Cancel</a><span id="config-error" class="muted"></span></div></section>` : '';
    }
    page(req, res, 'Workflow validators', html`<h1>Workflow validators</h1>
      <p class="muted">Validators run when an issue takes the transition; a failing validator blocks it with its message.</p>
      <table class="list" id="validator-rules"><thead><tr><th>Transition</th><th>Issue type</th><th>Validator</th><th>Configuration</th><th></th></tr></thead><tbody>
      ${rules.length === 0 ? html`<tr><td colspan="5" class="muted">No validators yet.</td></tr>` : ''}
      ${rules.map((r) => html`<tr data-rule-id="${r.id}"><td>${tName(r.transitionId)}</td><td>${typeName(r.issueTypeId)}</td><td>${modName(r.moduleKey)}</td>
        <td>${r.configuration === null ? html`<span class="muted">none saved</span>` : html`<code class="config">${configString(r.configuration)}</code>`}</td>
        <td><a href="${base}?view=${r.id}">View</a> · <a href="${base}?edit=${r.id}">Edit</a> ·
          <form method="post" action="${base}/rules/${r.id}/delete" style="display:inline"><button class="btn" type="submit">Remove</button></form></td></tr>`)}
      </tbody></table>
      ${configSection}
      <h2>Add a validator</h2>
      ${mods.length === 0 ? html`<p class="muted">This app declares no jira:workflowValidator.</p>` : html`
      <form class="inline" method="get" action="${base}">
        <input type="hidden" name="add" value="1">
        <label>Transition<select name="transitionId">${transitions.map((t) => html`<option value="${t.id}"${new Html(/done/i.test(t.name) ? ' selected' : '')}>${t.name}</option>`)}</select></label>
        <label>Issue type<select name="issueTypeId"><option value="">All issue types</option>${types.map((t) => html`<option value="${t.id}"${new Html(t.name === 'Epic' ? ' selected' : '')}>${t.name}</option>`)}</select></label>
        <label>Validator<select name="moduleKey">${mods.map((m) => html`<option value="${m.key}">${m.name ?? m.key}</option>`)}</select></label>
        <button class="btn primary" type="submit">Configure…</button>
        <button class="btn" type="submit" formmethod="post" formaction="${base}/rules/bare" id="add-without-configuration"
          title="The old workflow editor offers no create screen for a function validator: the rule is added with no configuration">Add without configuration (old workflow editor)</button>
      </form>`}`,
    [{ href: '/', label: 'Projects' }, { href: `/projects/${project.key}`, label: project.name }, { label: 'Workflow validators' }]);
  });

  const parseConfig = (value: unknown): unknown => {
    if (typeof value !== 'string') return value ?? {};
    try { return JSON.parse(value); } catch { return value; }
  };

  router.post('/projects/:key/settings/workflow/rules', express.json(), async (req, res) => {
    const ok = await requireAdmin(req, res);
    if (!ok) return;
    const b = (req.body ?? {}) as { moduleKey?: unknown; transitionId?: unknown; issueTypeId?: unknown; configuration?: unknown };
    const mod = typeof b.moduleKey === 'string' ? app.validatorModule(b.moduleKey) : undefined;
    const transition = listTransitions(db).find((t) => t.id === String(b.transitionId ?? ''));
    if (!mod || !transition) {
      res.status(400).json({ errorMessages: ['Pick a transition and one of the app\'s validators.'] });
      return;
    }
    const issueTypeId = typeof b.issueTypeId === 'string' && b.issueTypeId ? b.issueTypeId : null;
    const rule = addValidatorRule(db, { projectId: ok.project.id, issueTypeId, transitionId: transition.id, moduleKey: mod.key, configuration: parseConfig(b.configuration) });
    res.status(201).json(rule);
  });

  // The old workflow editor: function validators have no create/edit screens there, so a rule is added bare.
  router.post('/projects/:key/settings/workflow/rules/bare', express.urlencoded({ extended: false }), async (req, res) => {
    const ok = await requireAdmin(req, res);
    if (!ok) return;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const mod = typeof b.moduleKey === 'string' ? app.validatorModule(b.moduleKey) : undefined;
    const transition = listTransitions(db).find((t) => t.id === String(b.transitionId ?? ''));
    if (!mod || !transition) {
      res.status(400).type('text/plain').send("Pick a transition and one of the app's validators.");
      return;
    }
    const issueTypeId = typeof b.issueTypeId === 'string' && b.issueTypeId ? b.issueTypeId : null;
    addValidatorRule(db, { projectId: ok.project.id, issueTypeId, transitionId: transition.id, moduleKey: mod.key, configuration: undefined });
    res.redirect(303, `/projects/${ok.project.key}/settings/workflow`);
  });

  router.post('/projects/:key/settings/workflow/rules/:id/config', express.json(), async (req, res) => {
    const ok = await requireAdmin(req, res);
    if (!ok) return;
    const rule = getValidatorRule(db, Number(req.params.id));
    if (!rule || rule.projectId !== ok.project.id) {
      res.status(404).json({ errorMessages: ['No such validator rule.'] });
      return;
    }
    const updated = updateValidatorRule(db, rule.id, { configuration: parseConfig((req.body ?? {}).configuration) });
    res.json(updated);
  });

  router.post('/projects/:key/settings/workflow/rules/:id/delete', async (req, res) => {
    const ok = await requireAdmin(req, res);
    if (!ok) return;
    const rule = getValidatorRule(db, Number(req.params.id));
    if (rule && rule.projectId === ok.project.id) removeValidatorRule(db, rule.id);
    res.redirect(303, `/projects/${ok.project.key}/settings/workflow`);
  });

  return router;
}
