/**
 * Jira's issue notifications (`POST /rest/api/3/issue/{issueIdOrKey}/notify`) and the host's outbox: every
 * e-mail Jira would send is kept, one entry per recipient, as a mail catcher sees it.
 *
 * From Jira Cloud REST v3 ("Send notification for issue", api-group-issues): scope `write:jira-work`
 * (granular `send:notification:jira`); the caller needs Browse Projects for the issue; body `{subject?,
 * textBody?, htmlBody?, to: {reporter, assignee, watchers, voters, users: [{accountId}], groups, groupIds},
 * restrict: {groups, groupIds, permissions: [{id|key}]}}`; no subject means the issue key and summary;
 * answers 204 when queued, 400 when the recipient is the calling user, a recipient is invalid (e.g. the
 * assignee of an unassigned issue) or the request is invalid, 403 when outgoing mail is off, 404 when the
 * issue is not found (or cannot be browsed).
 *
 * Where the docs are silent the host takes the stricter reading, so an app that works here works there:
 * `to` is required and must name at least one recipient; an unknown account or group is an invalid
 * recipient (400); the local site has no groups. What Jira does to every e-mail it sends applies too:
 * users who cannot browse the issue, and inactive users, get nothing, silently. Watchers: the local site
 * has no watch list; Jira's default "autowatch" makes the reporter a watcher. Voters: nobody votes here.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Database } from '../db';
import type { Principal } from '../auth';
import { hostNow } from '../clock';
import { findIssue, findUserByAccountId, type IssueRow, type UserRow } from './catalog';
import { JiraError, badRequest, issueNotFound } from './errors';
import { PERMISSIONS, hasProjectPermission, isPermissionKey, type PermissionKey } from './permissions';
import { INVOCATION_HEADER, recordRequest } from './request-log';

export function ensureOutboxSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS local_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sent_ms INTEGER NOT NULL,
    issue_id INTEGER NOT NULL,
    issue_key TEXT NOT NULL,
    to_account_id TEXT NOT NULL,
    to_email TEXT NOT NULL,
    to_name TEXT NOT NULL,
    from_account_id TEXT,
    from_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT,
    html_body TEXT
  );
  CREATE TABLE IF NOT EXISTS local_outbox_withheld (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sent_ms INTEGER NOT NULL, issue_key TEXT NOT NULL, account_id TEXT NOT NULL, reason TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Old and new names Jira accepts for permissions in `restrict.permissions`. */
const PERMISSION_ALIASES: Record<string, PermissionKey> = { BROWSE: 'BROWSE_PROJECTS', EDIT: 'EDIT_ISSUES', CREATE: 'CREATE_ISSUES', ASSIGN: 'ASSIGN_ISSUES', PROJECT_ADMIN: 'ADMINISTER_PROJECTS' };

function permissionOf(ref: unknown): PermissionKey {
  if (!isObject(ref)) throw badRequest('restrict.permissions must be a list of {id} or {key}.');
  if (typeof ref.key === 'string') {
    const key = PERMISSION_ALIASES[ref.key] ?? ref.key;
    if (isPermissionKey(key)) return key;
    throw badRequest(`The permission '${ref.key}' does not exist.`);
  }
  if (typeof ref.id === 'string' || typeof ref.id === 'number') {
    const found = (Object.keys(PERMISSIONS) as PermissionKey[]).find((k) => PERMISSIONS[k].id === String(ref.id));
    if (found) return found;
    throw badRequest(`The permission with id '${ref.id}' does not exist.`);
  }
  throw badRequest('restrict.permissions must be a list of {id} or {key}.');
}

function optionalString(body: Json, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${field} must be a string.`);
  return v;
}

function optionalBoolean(to: Json, field: string): boolean {
  const v = to[field];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw badRequest(`to.${field} must be true or false.`);
  return v;
}

function noGroups(list: unknown, field: string): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw badRequest(`${field} must be a list.`);
  for (const g of list) {
    const name = typeof g === 'string' ? g : isObject(g) ? (g.name ?? g.groupId) : undefined;
    throw badRequest(`The recipient is invalid: the group '${String(name)}' does not exist.`);
  }
}

export interface Notification {
  issue: IssueRow;
  subject: string;
  textBody?: string;
  htmlBody?: string;
  /** Who gets the e-mail (active, can browse the issue, passes `restrict`). */
  recipients: UserRow[];
  /** Named or implied recipients Jira sends nothing to, with why. */
  withheld: Array<{ accountId: string; reason: string }>;
}

/** Validates a notify request and works out its recipients the way Jira does; throws JiraError. */
export function resolveNotification(db: Database, caller: Principal, issueIdOrKey: string, body: unknown): Notification {
  const issue = findIssue(db, issueIdOrKey);
  if (!issue || !hasProjectPermission(db, caller, issue.project_id, 'BROWSE_PROJECTS')) throw issueNotFound();
  if (!isObject(body)) throw badRequest('The request body must be a JSON object.');
  const subject = optionalString(body, 'subject') ?? `${issue.key}: ${issue.summary}`;
  const textBody = optionalString(body, 'textBody');
  const htmlBody = optionalString(body, 'htmlBody');
  if (!isObject(body.to)) throw badRequest('to is required: name the recipients (reporter, assignee, watchers, voters, users, groups).');
  const to = body.to;

  const named: Array<{ accountId: string; via: string }> = [];
  if (optionalBoolean(to, 'reporter')) {
    if (!issue.reporter_id) throw badRequest('The recipient is invalid: the issue has no reporter.');
    named.push({ accountId: issue.reporter_id, via: 'reporter' });
  }
  if (optionalBoolean(to, 'assignee')) {
    if (!issue.assignee_id) throw badRequest('The recipient is invalid: the issue is unassigned.');
    named.push({ accountId: issue.assignee_id, via: 'assignee' });
  }
  // Jira's default autowatch makes the reporter a watcher; nobody votes on the local site.
  if (optionalBoolean(to, 'watchers') && issue.reporter_id) named.push({ accountId: issue.reporter_id, via: 'watcher' });
  optionalBoolean(to, 'voters');
  if (to.users !== undefined && to.users !== null) {
    if (!Array.isArray(to.users)) throw badRequest('to.users must be a list of {accountId}.');
    for (const u of to.users) {
      const accountId = isObject(u) ? u.accountId : undefined;
      if (typeof accountId !== 'string' || !accountId) throw badRequest('The recipient is invalid: every user needs an accountId.');
      if (!findUserByAccountId(db, accountId)) throw badRequest(`The recipient is invalid: the user '${accountId}' does not exist.`);
      named.push({ accountId, via: 'user' });
    }
  }
  noGroups(to.groups, 'to.groups');
  noGroups(to.groupIds, 'to.groupIds');
  const anySelector = ['reporter', 'assignee', 'watchers', 'voters'].some((f) => to[f] === true) || (Array.isArray(to.users) && to.users.length > 0);
  if (!anySelector) throw badRequest('to names no recipients.');

  let required: PermissionKey[] = [];
  if (body.restrict !== undefined && body.restrict !== null) {
    if (!isObject(body.restrict)) throw badRequest('restrict must be an object.');
    noGroups(body.restrict.groups, 'restrict.groups');
    noGroups(body.restrict.groupIds, 'restrict.groupIds');
    if (body.restrict.permissions !== undefined) {
      if (!Array.isArray(body.restrict.permissions)) throw badRequest('restrict.permissions must be a list.');
      required = body.restrict.permissions.map(permissionOf);
    }
  }

  if (caller.kind === 'user' && named.some((n) => n.accountId === caller.accountId)) {
    throw badRequest('The recipient is invalid: a user cannot send a notification to themselves.');
  }

  const recipients: UserRow[] = [];
  const withheld: Notification['withheld'] = [];
  const seen = new Set<string>();
  for (const n of named) {
    if (seen.has(n.accountId)) continue;
    seen.add(n.accountId);
    const user = findUserByAccountId(db, n.accountId);
    const asPrincipal: Principal | undefined = user ? { kind: 'user', accountId: user.account_id, email: user.email, displayName: user.display_name } : undefined;
    if (!user || !asPrincipal) withheld.push({ accountId: n.accountId, reason: 'no such user' });
    else if (user.active !== 1) withheld.push({ accountId: n.accountId, reason: 'inactive user' });
    else if (!hasProjectPermission(db, asPrincipal, issue.project_id, 'BROWSE_PROJECTS')) withheld.push({ accountId: n.accountId, reason: 'cannot browse the issue' });
    else if (required.some((p) => !hasProjectPermission(db, asPrincipal, issue.project_id, p))) withheld.push({ accountId: n.accountId, reason: `lacks ${required.join(', ')}` });
    else recipients.push(user);
  }
  return { issue, subject, textBody, htmlBody, recipients, withheld };
}

export interface OutboxMessage {
  id: number;
  sentAt: string;
  issue: { id: string; key: string };
  to: { accountId: string; emailAddress: string; displayName: string };
  from: { accountId: string | null; displayName: string };
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
}

interface OutboxRow {
  id: number; sent_ms: number; issue_id: number; issue_key: string; to_account_id: string; to_email: string; to_name: string;
  from_account_id: string | null; from_name: string; subject: string; text_body: string | null; html_body: string | null;
}

const APP_SENDER = 'Production Handoff (app)';

/** Puts one message per recipient in the outbox, stamped with the host clock (and notes who got nothing, and why). */
export function deliver(db: Database, caller: Principal, n: Notification): number {
  const insert = db.prepare(`INSERT INTO local_outbox (sent_ms, issue_id, issue_key, to_account_id, to_email, to_name, from_account_id, from_name, subject, text_body, html_body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const now = hostNow();
  db.transaction(() => {
    for (const r of n.recipients) {
      insert.run(now, n.issue.id, n.issue.key, r.account_id, r.email, r.display_name, caller.kind === 'user' ? caller.accountId : null,
        caller.kind === 'user' ? caller.displayName : APP_SENDER, n.subject, n.textBody ?? null, n.htmlBody ?? null);
    }
    const withheld = db.prepare('INSERT INTO local_outbox_withheld (sent_ms, issue_key, account_id, reason) VALUES (?, ?, ?, ?)');
    for (const w of n.withheld) withheld.run(now, n.issue.key, w.accountId, w.reason);
  })();
  return n.recipients.length;
}

export function outgoingMailEnabled(db: Database): boolean {
  const row = db.prepare("SELECT value FROM local_meta WHERE key = 'outgoing_mail'").get() as { value: string } | undefined;
  return row?.value !== 'off';
}

export function listOutbox(db: Database, filter: { to?: string; issue?: string } = {}): OutboxMessage[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.to) {
    where.push('(to_account_id = ? OR to_email = ? COLLATE NOCASE)');
    params.push(filter.to, filter.to);
  }
  if (filter.issue) {
    where.push('(issue_key = ? COLLATE NOCASE OR CAST(issue_id AS TEXT) = ?)');
    params.push(filter.issue, filter.issue);
  }
  const rows = db.prepare(`SELECT * FROM local_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sent_ms DESC, id DESC`).all(...params) as OutboxRow[];
  return rows.map((r) => ({
    id: r.id,
    sentAt: new Date(r.sent_ms).toISOString(),
    issue: { id: String(r.issue_id), key: r.issue_key },
    to: { accountId: r.to_account_id, emailAddress: r.to_email, displayName: r.to_name },
    from: { accountId: r.from_account_id, displayName: r.from_name },
    subject: r.subject,
    textBody: r.text_body,
    htmlBody: r.html_body,
  }));
}

/** `POST /issue/{issueIdOrKey}/notify`; mount at `/rest/api/3` after `authenticate`, before the main Jira router. */
export function createNotifyRouter(opts: { db: Database }): Router {
  const { db } = opts;
  ensureOutboxSchema(db);
  const router = express.Router();
  router.post('/issue/:issueIdOrKey/notify', express.json({ strict: false, limit: '5mb' }), (req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    recordRequest('POST /rest/api/3/issue/{issueIdOrKey}/notify', principal?.kind ?? 'anonymous', req.get(INVOCATION_HEADER));
    try {
      if (!principal) throw new JiraError(401, ['Client must be authenticated to access this resource.']);
      const n = resolveNotification(db, principal, String(req.params.issueIdOrKey), req.body);
      if (!outgoingMailEnabled(db)) throw new JiraError(403, ['Outgoing mail is disabled.']);
      deliver(db, principal, n);
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
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

/** `GET|DELETE /__local/outbox` and `POST /__local/outbox/settings {outgoingMail: boolean}`. */
export function createOutboxRouter(opts: { db: Database }): Router {
  const { db } = opts;
  ensureOutboxSchema(db);
  const router = express.Router();
  router.get('/outbox', (req, res) => {
    const q = (k: string) => (typeof req.query[k] === 'string' && req.query[k] ? (req.query[k] as string) : undefined);
    const messages = listOutbox(db, { to: q('to'), issue: q('issue') });
    // Named recipients Jira sent nothing to (cannot browse the issue, inactive): not mail, but the reason a message is missing.
    const withheld = (db.prepare('SELECT sent_ms, issue_key, account_id, reason FROM local_outbox_withheld ORDER BY id DESC').all() as Array<{ sent_ms: number; issue_key: string; account_id: string; reason: string }>)
      .map((w) => ({ at: new Date(w.sent_ms).toISOString(), issueKey: w.issue_key, accountId: w.account_id, reason: w.reason }));
    res.json({ count: messages.length, outgoingMail: outgoingMailEnabled(db), messages, withheld });
  });
  router.delete('/outbox', (_req, res) => {
    db.prepare('DELETE FROM local_outbox_withheld').run();
    const removed = db.prepare('DELETE FROM local_outbox').run().changes;
    res.json({ removed });
  });
  router.post('/outbox/settings', express.json(), (req, res) => {
    const v = (req.body ?? {}).outgoingMail;
    if (typeof v !== 'boolean') {
      res.status(400).json({ error: { message: 'outgoingMail must be true or false' } });
      return;
    }
    db.prepare("INSERT OR REPLACE INTO local_meta (key, value) VALUES ('outgoing_mail', ?)").run(v ? 'on' : 'off');
    res.json({ outgoingMail: v });
  });
  return router;
}
