import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findIssue, findProject, findUserByAccountId, loadCatalog, projectIssueTypes, type IssueRow, type UserRow } from './catalog';
import { createMetaFields } from './create-screen';
import { JiraError, badRequest, issueNotFound, projectNotFound } from './errors';
import { formatIssueType, formatProject, formatStatus, formatStatusCategory, formatUser, resolveFieldSelection, splitList } from './format';
import { viewIssues } from './issue-view';
import { assignIssue, createIssue, createIssuesInBulk, deleteIssue, getIssueOr404, updateIssue } from './issues';
import {
  PERMISSIONS, browsableProjectIds, hasPermissionAnywhere, hasProjectPermission, isAssignable, isPermissionKey,
  parsePermissionList, type PermissionKey,
} from './permissions';
import { deleteProperty, propertyKeys, readProperty, writeProperty } from './properties';
import { addRoleActors, deleteRoleActor, projectRole } from './roles';
import { BulkTasks, parseBulkMove, runBulkMove } from './move';
import { INVOCATION_HEADER, recordRequest } from './request-log';
import { jqlContext, searchIssues, type SearchRequest } from './search';
import { createFilter, deleteFilter, findVisibleFilter, formatFilter, myFilters, searchFilters, updateFilter, type JqlCheck } from './filters';
import { compileJql } from './jql/compile';
import { updateIssueType } from './issue-types';
import { availableTransitions, transitionIssue, type ValidatorRunner } from './transitions';
import { loadEntityPropertyIndex } from './jql/entity-properties';
import type { IssueChange } from '../forge/events';

export type { ValidatorRunner } from './transitions';

export interface JiraRouterOptions {
  db: Database;
  manifestPath: string;
  validators: ValidatorRunner;
  /** Site URL used in `self` links; defaults to the URL the caller used. */
  baseUrl?: string;
  /** Told after an issue was created, edited, transitioned or deleted (Forge's issue events). */
  onIssueEvent?: (change: IssueChange) => void;
}

const API = '/rest/api/3';
type Handler = (req: Request, res: Response, principal: Principal) => unknown;

/** Jira Cloud REST v3, answered from SQLite. Mount at `/rest/api/3`, after `authenticate`. */
export function createJiraRouter(opts: JiraRouterOptions): express.Router {
  const { db } = opts;
  const router = express.Router();
  const JSON_TYPES = ['application/json', 'application/*+json'];
  const json = express.json({ strict: false, limit: '5mb', type: JSON_TYPES });
  // An issue property's value is the raw body: read it as text, so an empty one gets Jira's own answer.
  const rawJson = express.text({ limit: '5mb', type: JSON_TYPES });
  const isPropertyPut = (req: Request) => req.method === 'PUT' && /^\/issue\/[^/]+\/properties\/[^/]+$/.test(req.path);
  router.use((req, res, next) => (isPropertyPut(req) ? rawJson : json)(req, res, next));

  const base = (req: Request) => opts.baseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, handler: Handler) => {
    const pattern = `${method.toUpperCase()} ${API}${path}`;
    router[method](path, async (req: Request, res: Response, next: NextFunction) => {
      const principal = res.locals.principal as Principal | undefined;
      recordRequest(pattern, principal?.kind ?? 'anonymous', req.get(INVOCATION_HEADER));
      if (!principal) {
        res.status(401).json({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
        return;
      }
      try {
        const result = await handler(req, res, principal);
        if (!res.headersSent) {
          if (result === undefined) res.status(204).end();
          else res.json(result);
        }
      } catch (e) {
        next(e);
      }
    });
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  /** Reports a change of an issue row; `before` (the row as it was) makes it an update. */
  const changed = (kind: IssueChange['kind'], actor: Principal, id: number, before?: IssueRow) => {
    if (!opts.onIssueEvent) return;
    const issue = kind === 'deleted' ? before : findIssue(db, String(id));
    if (issue) opts.onIssueEvent({ kind, issue, actor, ...(kind === 'updated' ? { before } : {}) });
  };
  const rowOf = (p: Principal, idOrKey: string) => getIssueOr404(db, p, idOrKey);
  const int = (v: unknown, fallback: number, name: string): number => {
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`The value of '${name}' must be a non-negative integer.`);
    return n;
  };
  const users = () => db.prepare('SELECT * FROM users ORDER BY display_name').all() as UserRow[];
  const matchesQuery = (u: UserRow, q: string | undefined) =>
    !q || u.display_name.toLowerCase().includes(q.toLowerCase()) || u.email.toLowerCase().includes(q.toLowerCase()) || u.account_id === q;
  const page = <T>(items: T[], req: Request) => {
    const startAt = int(req.query.startAt, 0, 'startAt');
    const maxResults = int(req.query.maxResults, 50, 'maxResults');
    return { startAt, maxResults, total: items.length, values: items.slice(startAt, startAt + maxResults) };
  };

  // ---- users --------------------------------------------------------------------------------
  route('get', '/myself', (req, _res, p) => {
    if (p.kind === 'app') {
      return { accountId: 'app', accountType: 'app', displayName: 'Production Handoff', active: true, self: `${base(req)}${API}/myself` };
    }
    const u = findUserByAccountId(db, p.accountId)!;
    return {
      ...formatUser(base(req), u),
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: 'groups,applicationRoles',
    };
  });
  route('get', '/user', (req) => {
    const accountId = str(req.query.accountId);
    if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
    const u = findUserByAccountId(db, accountId);
    if (!u) throw new JiraError(404, [`Specified user does not exist or you do not have required permissions`]);
    return formatUser(base(req), u);
  });
  route('get', '/user/bulk', (req) => {
    const ids = new Set(splitList(req.query.accountId) ?? []);
    if (ids.size === 0) throw badRequest('The accountId query parameter needs to be provided.');
    const found = users().filter((u) => ids.has(u.account_id)).map((u) => formatUser(base(req), u));
    const paged = page(found, req);
    return { self: `${base(req)}${req.originalUrl}`, ...paged, isLast: paged.startAt + paged.values.length >= paged.total };
  });
  route('get', '/user/search', (req) => {
    const q = str(req.query.query) ?? str(req.query.accountId);
    return page(users().filter((u) => matchesQuery(u, q)), req).values.map((u) => formatUser(base(req), u));
  });
  route('get', '/user/assignable/search', (req, _res, p) => {
    let projectId: string | undefined;
    const issueRef = str(req.query.issueKey) ?? str(req.query.issueId);
    if (issueRef) projectId = getIssueOr404(db, p, issueRef).project_id;
    const projectRef = str(req.query.project);
    if (!projectId && projectRef) {
      const project = findProject(db, projectRef);
      if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(projectRef);
      projectId = project.id;
    }
    if (!projectId) throw badRequest('One of the following query parameters must be provided: issueKey, issueId, project.');
    const q = str(req.query.query) ?? str(req.query.accountId) ?? str(req.query.username);
    return page(users().filter((u) => u.active === 1 && isAssignable(db, u.account_id, projectId!) && matchesQuery(u, q)), req)
      .values.map((u) => formatUser(base(req), u));
  });
  const allUsers: Handler = (req) => page(users(), req).values.map((u) => formatUser(base(req), u));
  route('get', '/users/search', allUsers);
  route('get', '/users', allUsers);

  // ---- projects, types, statuses ------------------------------------------------------------
  route('get', '/project/search', (req, _res, p) => {
    const catalog = loadCatalog(db);
    const visible = browsableProjectIds(db, p);
    const keys = splitList(req.query.keys)?.map((k) => k.toUpperCase());
    const q = str(req.query.query)?.toLowerCase();
    const projects = [...catalog.projects.values()]
      .filter((pr) => visible === null || visible.includes(pr.id))
      .filter((pr) => !keys || keys.includes(pr.key.toUpperCase()))
      .filter((pr) => !q || pr.key.toLowerCase().includes(q) || pr.name.toLowerCase().includes(q))
      .sort((a, b) => a.key.localeCompare(b.key));
    const paged = page(projects.map((pr) => formatProject(base(req), catalog, pr)), req);
    return {
      self: `${base(req)}${req.originalUrl}`,
      maxResults: paged.maxResults, startAt: paged.startAt, total: paged.total,
      isLast: paged.startAt + paged.values.length >= paged.total, values: paged.values,
    };
  });
  route('get', '/project/:idOrKey', (req, _res, p) => {
    const ref = String(req.params.idOrKey);
    const project = findProject(db, ref);
    if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(ref);
    return formatProject(base(req), loadCatalog(db), project);
  });
  route('get', '/project/:idOrKey/role/:id', (req, _res, p) => projectRole(db, p, base(req), String(req.params.idOrKey), String(req.params.id)));
  route('post', '/project/:idOrKey/role/:id', (req, _res, p) => addRoleActors(db, p, base(req), String(req.params.idOrKey), String(req.params.id), req.body));
  route('delete', '/project/:idOrKey/role/:id', (req, _res, p) => deleteRoleActor(db, p, String(req.params.idOrKey), String(req.params.id), req.query.user));
  route('get', '/issuetype', (req) => [...loadCatalog(db).issueTypes.values()].map((t) => formatIssueType(base(req), t)));
  route('get', '/issuetype/:id', (req) => {
    const t = loadCatalog(db).issueTypes.get(String(req.params.id));
    if (!t) throw new JiraError(404, ['The issue type with id \'' + String(req.params.id) + '\' does not exist.']);
    return formatIssueType(base(req), t);
  });
  route('put', '/issuetype/:id', (req, _res, p) => formatIssueType(base(req), updateIssueType(db, p, String(req.params.id), req.body)));
  route('get', '/status', (req) => {
    const catalog = loadCatalog(db);
    return [...catalog.statuses.values()].map((s) => formatStatus(base(req), catalog, s));
  });
  // Jira's "Get status": any status by id or name, with its category (the app tells a move into or out of Done by it).
  route('get', '/status/:idOrName', (req) => {
    const catalog = loadCatalog(db);
    const ref = String(req.params.idOrName);
    const s = catalog.statuses.get(ref) ?? [...catalog.statuses.values()].find((st) => st.name.toLowerCase() === ref.toLowerCase());
    if (!s) throw new JiraError(404, [`The status with id '${ref}' does not exist.`]);
    return formatStatus(base(req), catalog, s);
  });
  route('get', '/statuscategory', (req) => [...loadCatalog(db).categories.values()].map((c) => formatStatusCategory(base(req), c)));
  route('get', '/serverInfo', (req) => ({
    baseUrl: base(req), displayUrl: base(req), version: '1001.0.0-SNAPSHOT', versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud', buildNumber: 100000, buildDate: '2026-11-01T00:00:00.000+0000',
    serverTime: new Date().toISOString().replace('Z', '+0000'), scmInfo: 'local', serverTitle: 'Jira (local host)',
  }));
  route('get', '/issue/createmeta/:projectIdOrKey/issuetypes', (req, _res, p) => {
    const ref = String(req.params.projectIdOrKey);
    const project = findProject(db, ref);
    if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(ref);
    const types = hasProjectPermission(db, p, project.id, 'CREATE_ISSUES') ? projectIssueTypes(loadCatalog(db), project.id) : [];
    const paged = page(types.map((t) => ({ ...formatIssueType(base(req), t), untranslatedName: t.name })), req);
    return { issueTypes: paged.values, maxResults: paged.maxResults, startAt: paged.startAt, total: paged.total };
  });
  // The fields of one issue type's create screen (FieldCreateMetadata), 50 to a page by default.
  route('get', '/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId', (req, _res, p) => {
    const ref = String(req.params.projectIdOrKey);
    const project = findProject(db, ref);
    if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(ref);
    const type = projectIssueTypes(loadCatalog(db), project.id).find((t) => t.id === String(req.params.issueTypeId));
    if (!type) throw new JiraError(404, [`Issue type with id '${String(req.params.issueTypeId)}' is not valid for project ${project.key}.`]);
    const fields = hasProjectPermission(db, p, project.id, 'CREATE_ISSUES') ? createMetaFields(db, project.id, type) : [];
    const paged = page(fields, req);
    return { maxResults: paged.maxResults, startAt: paged.startAt, total: paged.total, fields: paged.values };
  });

  // ---- issues -------------------------------------------------------------------------------
  route('post', '/issue/bulk', (req, res, p) => {
    const result = createIssuesInBulk(db, p, req.body);
    for (const created of result.issues) changed('created', p, created.id);
    const status = result.issues.length > 0 || result.errors.length === 0 ? 201 : 400;
    res.status(status).json({
      issues: result.issues.map((i) => ({ id: String(i.id), key: i.key, self: `${base(req)}${API}/issue/${i.id}` })),
      errors: result.errors,
    });
  });
  route('post', '/issue', (req, res, p) => {
    const created = createIssue(db, p, req.body);
    changed('created', p, created.id);
    res.status(201).json({ id: String(created.id), key: created.key, self: `${base(req)}${API}/issue/${created.id}` });
  });
  route('get', '/issue/:idOrKey', (req, _res, p) => {
    const issue = getIssueOr404(db, p, String(req.params.idOrKey));
    const props = splitList(req.query.properties);
    return viewIssues(db, [issue], {
      base: base(req),
      fields: resolveFieldSelection(splitList(req.query.fields), true),
      properties: props === undefined || props.length === 0 ? undefined : props.includes('*all') ? null : props,
    })[0];
  });
  route('put', '/issue/:idOrKey', (req, _res, p) => {
    const before = rowOf(p, String(req.params.idOrKey));
    updateIssue(db, p, String(req.params.idOrKey), req.body);
    changed('updated', p, before.id, before);
  });
  route('delete', '/issue/:idOrKey', (req, _res, p) => {
    const before = rowOf(p, String(req.params.idOrKey));
    deleteIssue(db, p, String(req.params.idOrKey), req.query.deleteSubtasks === 'true');
    changed('deleted', p, before.id, before);
  });
  route('put', '/issue/:idOrKey/assignee', (req, _res, p) => {
    const before = rowOf(p, String(req.params.idOrKey));
    assignIssue(db, p, String(req.params.idOrKey), req.body);
    changed('updated', p, before.id, before);
  });

  // ---- Move (bulk): type across hierarchy levels, other projects ------------------------------
  const tasks = new BulkTasks();
  route('post', '/bulk/issues/move', (req, res, p) => {
    const targets = parseBulkMove(db, p, req.body);
    const task = tasks.submit(p, targets.reduce((n, t) => n + t.issueRefs.length, 0));
    // Jira runs the move as a background task: the answer is its id, progress is polled.
    setImmediate(() => {
      task.status = 'RUNNING';
      task.started = Date.now();
      try {
        const { changes, ...outcome } = runBulkMove(db, p, targets);
        for (const c of changes) changed('updated', p, c.after.id, c.before);
        task.outcome = outcome;
        task.status = 'COMPLETE';
      } catch (e) {
        console.error('Bulk move failed:', e);
        task.status = 'FAILED';
      }
      task.updated = Date.now();
    });
    res.status(201).json({ taskId: task.taskId });
  });
  route('get', '/bulk/queue/:taskId', (req, _res, p) => {
    const task = tasks.get(String(req.params.taskId));
    const mayView = task && (p.kind === 'app' || task.submittedBy === p.accountId || hasPermissionAnywhere(db, p, 'ADMINISTER'));
    if (!task || !mayView) throw new JiraError(404, [`The task '${String(req.params.taskId)}' was not found.`]);
    return BulkTasks.progress(task);
  });

  // ---- issue properties ---------------------------------------------------------------------
  route('get', '/issue/:idOrKey/properties', (req, _res, p) => {
    const issue = getIssueOr404(db, p, String(req.params.idOrKey));
    return {
      keys: propertyKeys(db, issue.id).map((key) => ({
        key, self: `${base(req)}${API}/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
      })),
    };
  });
  route('get', '/issue/:idOrKey/properties/:propertyKey', (req, _res, p) => {
    const issue = getIssueOr404(db, p, String(req.params.idOrKey));
    const key = String(req.params.propertyKey);
    const value = readProperty(db, issue.id, key);
    if (value === undefined) throw new JiraError(404, [`The property with key '${key}' does not exist.`]);
    return { key, value };
  });
  route('put', '/issue/:idOrKey/properties/:propertyKey', (req, res, p) => {
    const issue = getIssueOr404(db, p, String(req.params.idOrKey));
    if (!hasProjectPermission(db, p, issue.project_id, 'EDIT_ISSUES')) {
      throw new JiraError(403, ['You do not have permission to edit issues in this project.']);
    }
    if (req.get('content-type') && !req.is(JSON_TYPES)) throw new JiraError(415, ['Unsupported Media Type: send the value as application/json.']);
    const text = typeof req.body === 'string' ? req.body : '';
    if (text.trim() === '') throw badRequest('The property value can not be empty.');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('The property value must be valid JSON.');
    }
    const outcome = writeProperty(db, issue.id, String(req.params.propertyKey), value);
    res.status(outcome === 'created' ? 201 : 200).json({});
  });
  route('delete', '/issue/:idOrKey/properties/:propertyKey', (req, _res, p) => {
    const issue = getIssueOr404(db, p, String(req.params.idOrKey));
    if (!hasProjectPermission(db, p, issue.project_id, 'EDIT_ISSUES')) {
      throw new JiraError(403, ['You do not have permission to edit issues in this project.']);
    }
    const key = String(req.params.propertyKey);
    if (!deleteProperty(db, issue.id, key)) throw new JiraError(404, [`The property with key '${key}' does not exist.`]);
  });

  // ---- transitions --------------------------------------------------------------------------
  route('get', '/issue/:idOrKey/transitions', (req, _res, p) => ({
    expand: 'transitions',
    transitions: availableTransitions(db, p, String(req.params.idOrKey), base(req)),
  }));
  route('post', '/issue/:idOrKey/transitions', async (req, _res, p) => {
    const before = rowOf(p, String(req.params.idOrKey));
    await transitionIssue(db, p, String(req.params.idOrKey), req.body, opts.validators);
    changed('updated', p, before.id, before);
  });

  // ---- search -------------------------------------------------------------------------------
  const runSearch = (req: Request, p: Principal, input: SearchRequest) =>
    searchIssues(db, p, input, { base: base(req), properties: loadEntityPropertyIndex(opts.manifestPath) });
  route('get', '/search/jql', (req, _res, p) => runSearch(req, p, {
    jql: str(req.query.jql),
    fields: splitList(req.query.fields),
    properties: splitList(req.query.properties),
    maxResults: req.query.maxResults === undefined ? undefined : Number(req.query.maxResults),
    nextPageToken: str(req.query.nextPageToken),
  }));
  route('post', '/search/jql', (req, _res, p) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const list = (v: unknown, name: string) => {
      if (v === undefined || v === null) return undefined;
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`${name} must be a list of strings.`);
      return (v as string[]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
    };
    if (body.maxResults !== undefined && typeof body.maxResults !== 'number') throw badRequest('maxResults must be a number.');
    return runSearch(req, p, {
      jql: typeof body.jql === 'string' ? body.jql : undefined,
      fields: list(body.fields, 'fields'),
      properties: list(body.properties, 'properties'),
      maxResults: body.maxResults as number | undefined,
      nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
    });
  });
  const gone: Handler = () => {
    throw new JiraError(410, ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046']);
  };
  route('get', '/search', gone);
  route('post', '/search', gone);

  // ---- saved filters ------------------------------------------------------------------------
  const jqlCheck = (p: Principal): JqlCheck => (jql, selfId) => {
    compileJql(jql, jqlContext(db, p, loadEntityPropertyIndex(opts.manifestPath), selfId === undefined ? undefined : [selfId]));
  };
  route('post', '/filter', (req, res, p) => {
    const created = createFilter(db, p, req.body, jqlCheck(p));
    res.status(200).json(formatFilter(db, p, base(req), created));
  });
  route('get', '/filter/search', (req, _res, p) => searchFilters(db, p, base(req), {
    filterName: str(req.query.filterName),
    accountId: str(req.query.accountId),
    projectId: str(req.query.projectId),
    ids: req.query.id === undefined ? undefined : (Array.isArray(req.query.id) ? req.query.id : [req.query.id]).map(Number),
    orderBy: str(req.query.orderBy),
    expand: splitList(req.query.expand),
    startAt: int(req.query.startAt, 0, 'startAt'),
    maxResults: int(req.query.maxResults, 50, 'maxResults'),
  }));
  route('get', '/filter/my', (req, _res, p) => myFilters(db, p, base(req)));
  route('get', '/filter/:id', (req, _res, p) => formatFilter(db, p, base(req), findVisibleFilter(db, p, String(req.params.id))));
  route('put', '/filter/:id', (req, _res, p) => formatFilter(db, p, base(req), updateFilter(db, p, String(req.params.id), req.body, jqlCheck(p))));
  route('delete', '/filter/:id', (_req, _res, p) => deleteFilter(db, p, String(_req.params.id)));

  // ---- permissions --------------------------------------------------------------------------
  route('get', '/mypermissions', (req, _res, p) => {
    const keys = parsePermissionList(req.query.permissions);
    let projectId: string | undefined;
    const issueRef = str(req.query.issueKey) ?? str(req.query.issueId);
    const projectRef = str(req.query.projectKey) ?? str(req.query.projectId);
    if (issueRef) {
      const issue = findIssue(db, issueRef);
      if (!issue || !hasProjectPermission(db, p, issue.project_id, 'BROWSE_PROJECTS')) throw issueNotFound();
      projectId = issue.project_id;
    } else if (projectRef) {
      const project = findProject(db, projectRef);
      if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(projectRef);
      projectId = project.id;
    }
    const permissions: Record<string, unknown> = {};
    for (const key of keys) {
      const def = PERMISSIONS[key];
      const have = projectId === undefined || def.type === 'GLOBAL'
        ? hasPermissionAnywhere(db, p, key)
        : hasProjectPermission(db, p, projectId, key);
      permissions[key] = { id: def.id, key, name: def.name, type: def.type, description: def.description, havePermission: have };
    }
    return { permissions };
  });
  route('post', '/permissions/check', (req, _res, p) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      accountId?: unknown; globalPermissions?: unknown; projectPermissions?: unknown;
    };
    let subject: Principal = p;
    if (typeof body.accountId === 'string') {
      if (p.kind !== 'app' && !(p.kind === 'user' && p.accountId === body.accountId) && !hasPermissionAnywhere(db, p, 'ADMINISTER')) {
        throw new JiraError(403, ['Only administrators and apps can check the permissions of other users.']);
      }
      const u = findUserByAccountId(db, body.accountId);
      if (!u) throw badRequest(`User '${body.accountId}' does not exist.`);
      subject = { kind: 'user', accountId: u.account_id, email: u.email, displayName: u.display_name };
    }
    const globals = Array.isArray(body.globalPermissions) ? body.globalPermissions.map(String) : [];
    const projectChecks = Array.isArray(body.projectPermissions) ? body.projectPermissions as Array<{ permissions?: unknown; issues?: unknown; projects?: unknown }> : [];
    const check = (key: string): PermissionKey => {
      if (!isPermissionKey(key)) throw badRequest(`Unrecognized permission: ${key}`);
      return key;
    };
    const projectPermissions = projectChecks.flatMap((c) => {
      const perms = Array.isArray(c.permissions) ? c.permissions.map((k) => check(String(k))) : [];
      const issueIds = Array.isArray(c.issues) ? c.issues.map(Number) : [];
      const projectIds = Array.isArray(c.projects) ? c.projects.map(String) : [];
      return perms.map((perm) => ({
        permission: perm,
        issues: issueIds.filter((id) => {
          const issue = findIssue(db, String(id));
          return issue !== undefined && hasProjectPermission(db, subject, issue.project_id, 'BROWSE_PROJECTS')
            && hasProjectPermission(db, subject, issue.project_id, perm);
        }),
        projects: projectIds.filter((id) => findProject(db, id) !== undefined && hasProjectPermission(db, subject, id, perm)).map(Number),
      }));
    });
    return {
      globalPermissions: globals.map(check).filter((g) => hasPermissionAnywhere(db, subject, g)),
      projectPermissions,
    };
  });

  // ---- fallbacks ----------------------------------------------------------------------------
  router.use((req: Request, res: Response) => {
    recordRequest(`${req.method} ${API} (unmatched)`, (res.locals.principal as Principal | undefined)?.kind ?? 'anonymous');
    res.status(404).json({ errorMessages: [`No local handler for ${req.method} ${API}${req.path}`], errors: {} });
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof JiraError) {
      res.status(err.status).json(err.body);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed' || e?.type === 'entity.too.large') {
      res.status(e.status ?? 400).json({ errorMessages: [e.message ?? 'Invalid request body.'], errors: {} });
      return;
    }
    res.status(500).json({ errorMessages: [`Internal error: ${e?.message ?? String(err)}`], errors: {} });
  });
  return router;
}
