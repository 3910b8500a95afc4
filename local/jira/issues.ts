import type { Database } from '../db';
import type { Principal } from '../auth';
import {
  findIssue, findIssueType, findProject, findUserByAccountId, nowIso,
  type IssueRow, type IssueTypeRow, type ProjectRow,
} from './catalog';
import { JiraError, fieldErrors, issueNotFound } from './errors';
import { hasProjectPermission, isAssignable, requireBrowsable, requirePermission } from './permissions';
import { writeProperty } from './properties';
import { customFieldIds, customFieldValues, isInScheme, isOnCreateScreen, missingRequiredFields, REMOVABLE_FIELDS, writeFieldValues } from './create-screen';

/** Creating, editing and deleting issues with Jira's validation rules and messages. */

const CREATABLE_FIELDS = new Set(['project', 'issuetype', 'summary', 'description', 'parent', 'assignee', 'reporter', 'labels', 'duedate']);
const EDITABLE_FIELDS = new Set(['summary', 'description', 'assignee', 'labels', 'parent', 'issuetype', 'duedate']);

export interface CreatedIssue { id: number; key: string }

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A plain string becomes a one-paragraph ADF document; ADF passes through. */
export function toAdf(value: unknown, field = 'description'): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    return JSON.stringify({ type: 'doc', version: 1, content: value === '' ? [] : [{ type: 'paragraph', content: [{ type: 'text', text: value }] }] });
  }
  if (isObject(value) && value.type === 'doc') return JSON.stringify(value);
  throw fieldErrors({ [field]: 'Operation value must be an Atlassian Document (see the Atlassian Document Format).' });
}

function checkSummary(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
  if (value.length > 255) throw fieldErrors({ summary: 'Summary must be less than 255 characters.' });
  return value;
}

/** A due date is a calendar day, YYYY-MM-DD (Jira's own date format), or null to clear it. */
function checkDueDate(value: unknown): string | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw fieldErrors({ duedate: `Error parsing date string: ${text}` });
  }
  return text;
}

function checkLabels(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) throw fieldErrors({ labels: 'Labels must be a list of strings.' });
  for (const l of value as string[]) {
    if (/\s/.test(l)) throw fieldErrors({ labels: `The label '${l}' contains spaces which is invalid.` });
    if (l.length > 255) throw fieldErrors({ labels: 'The label must not exceed 255 characters.' });
  }
  return [...new Set(value as string[])];
}

function checkAssignee(db: Database, value: unknown, project: ProjectRow): string | null {
  if (value === null) return null;
  const accountId = isObject(value) ? value.accountId ?? value.id : undefined;
  if (accountId === null || accountId === '-1') return null;
  if (typeof accountId !== 'string') throw fieldErrors({ assignee: 'Specify the assignee by accountId.' });
  if (!findUserByAccountId(db, accountId)) throw fieldErrors({ assignee: `User '${accountId}' does not exist.` });
  if (!isAssignable(db, accountId, project.id)) throw fieldErrors({ assignee: `User '${accountId}' cannot be assigned issues.` });
  return accountId;
}

/** Jira's hierarchy: a parent sits exactly one level above its child; a sub-task always has a parent. */
function checkParent(db: Database, principal: Principal, value: unknown, type: IssueTypeRow, project: ProjectRow): IssueRow | null {
  if (value === undefined || value === null) {
    if (type.subtask === 1) throw fieldErrors({ parent: 'A sub-task must have a parent issue.' });
    return null;
  }
  const ref = isObject(value) ? (value.key ?? value.id) : undefined;
  if (typeof ref !== 'string' && typeof ref !== 'number') throw fieldErrors({ parent: 'Specify the parent by key or id.' });
  const parent = findIssue(db, String(ref));
  if (!parent || !hasProjectPermission(db, principal, parent.project_id, 'BROWSE_PROJECTS')) {
    throw fieldErrors({ parent: `Could not find issue by id or key '${ref}'.` });
  }
  const parentType = db.prepare('SELECT * FROM issue_types WHERE id = ?').get(parent.issuetype_id) as IssueTypeRow;
  if (parentType.hierarchy_level !== type.hierarchy_level + 1) {
    throw fieldErrors({ parent: `Given parent work item does not belong to appropriate hierarchy: a ${type.name} (level ${type.hierarchy_level}) cannot have a ${parentType.name} (level ${parentType.hierarchy_level}) as its parent.` });
  }
  if (type.subtask === 1 && parent.project_id !== project.id) {
    throw fieldErrors({ parent: 'A sub-task must be in the same project as its parent.' });
  }
  return parent;
}

function rejectUnknownFields(fields: Json, allowed: Set<string>): void {
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    if (!allowed.has(name)) errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
}

export function createIssue(db: Database, principal: Principal, body: unknown): CreatedIssue {
  if (!isObject(body) || !isObject(body.fields)) throw new JiraError(400, ['The request body must hold "fields".']);
  const fields = body.fields;

  const projectRef = isObject(fields.project) ? (fields.project.id ?? fields.project.key) : undefined;
  const project = typeof projectRef === 'string' || typeof projectRef === 'number' ? findProject(db, String(projectRef)) : undefined;
  rejectUnknownFields(fields, project ? new Set([...CREATABLE_FIELDS, ...customFieldIds(db, project.id)]) : CREATABLE_FIELDS);
  if (!project || !hasProjectPermission(db, principal, project.id, 'BROWSE_PROJECTS')) {
    throw fieldErrors({ project: 'Specify a valid project ID or key' });
  }
  requirePermission(db, principal, project.id, 'CREATE_ISSUES');

  if (!isObject(fields.issuetype)) throw fieldErrors({ issuetype: 'Specify an issue type' });
  const type = findIssueType(db, fields.issuetype);
  if (!type) throw fieldErrors({ issuetype: 'Specify a valid issue type' });
  if (!isInScheme(db, project.id, type.id)) throw fieldErrors({ issuetype: 'The issue type selected is invalid.' });
  // A system field the project's screen for this type lacks is refused as Jira refuses it.
  const offScreen = REMOVABLE_FIELDS.filter((f) => f in fields && !isOnCreateScreen(db, project.id, type.id, f));
  if (offScreen.length > 0) throw fieldErrors(Object.fromEntries(offScreen.map((f) => [f, `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`])));
  const missing = missingRequiredFields(db, project.id, type.id, fields);
  if (Object.keys(missing).length > 0) throw fieldErrors(missing);
  const customValues = customFieldValues(db, project.id, fields);

  const summary = checkSummary(fields.summary);
  const description = toAdf(fields.description);
  const labels = fields.labels === undefined ? [] : checkLabels(fields.labels);
  const duedate = fields.duedate === undefined ? null : checkDueDate(fields.duedate);
  const parent = checkParent(db, principal, fields.parent, type, project);
  const assignee = fields.assignee === undefined ? null : checkAssignee(db, fields.assignee, project);
  let reporter = principal.kind === 'user' ? principal.accountId : project.lead_account_id;
  if (isObject(fields.reporter) && typeof fields.reporter.accountId === 'string') {
    if (!findUserByAccountId(db, fields.reporter.accountId)) throw fieldErrors({ reporter: `User '${fields.reporter.accountId}' does not exist.` });
    reporter = fields.reporter.accountId;
  }
  const properties = body.properties === undefined ? [] : body.properties;
  if (!Array.isArray(properties) || properties.some((p) => !isObject(p) || typeof p.key !== 'string')) {
    throw new JiraError(400, ['properties must be a list of {key, value}.']);
  }

  return db.transaction((): CreatedIssue => {
    const num = (db.prepare('UPDATE projects SET issue_counter = issue_counter + 1 WHERE id = ? RETURNING issue_counter').get(project.id) as { issue_counter: number }).issue_counter;
    const id = nextIssueId(db);
    const key = `${project.key}-${num}`;
    const now = nowIso();
    db.prepare(`INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, description, status_id, assignee_id, reporter_id, labels, parent_id, created, updated, duedate)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id, key, project.id, num, type.id, summary, description, initialStatusId(db), assignee, reporter, JSON.stringify(labels), parent?.id ?? null, now, now, duedate);
    for (const p of properties as Array<{ key: string; value: unknown }>) writeProperty(db, id, p.key, p.value);
    writeFieldValues(db, id, customValues);
    return { id, key };
  })();
}

/**
 * Jira never gives a deleted issue's id to another issue: the counter only grows (it also steps over
 * ids the seed inserted directly).
 */
export function nextIssueId(db: Database): number {
  const row = db.prepare(`INSERT INTO jira_counters (name, value) VALUES ('issue_id', MAX(9999, (SELECT COALESCE(MAX(id), 0) FROM issues)) + 1)
    ON CONFLICT (name) DO UPDATE SET value = MAX(value, (SELECT COALESCE(MAX(id), 0) FROM issues)) + 1
    RETURNING value`).get() as { value: number };
  return row.value;
}

export function initialStatusId(db: Database): string {
  const row = db.prepare(`SELECT s.id FROM statuses s JOIN status_categories c ON c.id = s.category_id
    WHERE c.key = 'new' ORDER BY CAST(s.id AS INTEGER) LIMIT 1`).get() as { id: string } | undefined;
  if (!row) throw new JiraError(500, ['No initial status is configured.']);
  return row.id;
}

export interface BulkResult {
  issues: CreatedIssue[];
  errors: Array<{ elementErrors: { errorMessages: string[]; errors: Record<string, string> }; failedElementNumber: number; status: number }>;
}

export const BULK_LIMIT = 50;

/**
 * Each element succeeds or fails on its own, as in Jira; failures report their index. The router answers
 * 201 when any element was created and 400 (same `{issues: [], errors}` shape) when every element failed.
 */
export function createIssuesInBulk(db: Database, principal: Principal, body: unknown): BulkResult {
  if (!isObject(body) || !Array.isArray(body.issueUpdates)) throw new JiraError(400, ['issueUpdates is required.']);
  if (body.issueUpdates.length > BULK_LIMIT) {
    throw new JiraError(400, [`The number of issues to create exceeds the limit of ${BULK_LIMIT}.`]);
  }
  const result: BulkResult = { issues: [], errors: [] };
  body.issueUpdates.forEach((update, index) => {
    try {
      result.issues.push(createIssue(db, principal, update));
    } catch (e) {
      if (!(e instanceof JiraError)) throw e;
      // In the order of Jira's documented example: {elementErrors, failedElementNumber, status}.
      result.errors.push({ elementErrors: e.body, failedElementNumber: index, status: e.status });
    }
  });
  return result;
}

interface UpdateOp { add?: unknown; remove?: unknown; set?: unknown; edit?: unknown }

export function updateIssue(db: Database, principal: Principal, idOrKey: string, body: unknown): void {
  const issue = requireBrowsable(db, principal, findIssue(db, idOrKey));
  requirePermission(db, principal, issue.project_id, 'EDIT_ISSUES');
  if (!isObject(body)) throw new JiraError(400, ['The request body must be a JSON object.']);
  const fields = isObject(body.fields) ? body.fields : {};
  const update = isObject(body.update) ? body.update : {};
  const project = findProject(db, issue.project_id)!;
  // The edit endpoint does not check screens, but a custom field must exist in the issue's project.
  const editable = new Set([...EDITABLE_FIELDS, ...customFieldIds(db, project.id)]);
  rejectUnknownFields(fields, editable);
  rejectUnknownFields(update, EDITABLE_FIELDS);
  const customValues = customFieldValues(db, project.id, fields);

  const next = { summary: issue.summary, description: issue.description, assignee: issue.assignee_id, labels: JSON.parse(issue.labels) as string[], parent: issue.parent_id, type: issue.issuetype_id, duedate: issue.duedate };
  if ('issuetype' in fields) next.type = checkTypeEdit(db, issue, fields.issuetype).id;
  if ('summary' in fields) next.summary = checkSummary(fields.summary);
  if ('description' in fields) next.description = toAdf(fields.description);
  if ('labels' in fields) next.labels = checkLabels(fields.labels);
  if ('duedate' in fields) next.duedate = checkDueDate(fields.duedate);
  if ('assignee' in fields) {
    requirePermission(db, principal, issue.project_id, 'ASSIGN_ISSUES');
    next.assignee = checkAssignee(db, fields.assignee, project);
  }
  if ('parent' in fields) {
    const type = db.prepare('SELECT * FROM issue_types WHERE id = ?').get(next.type) as IssueTypeRow;
    next.parent = checkParent(db, principal, fields.parent, type, project)?.id ?? null;
  }
  for (const [name, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) throw fieldErrors({ [name]: 'Update operations must be a list.' });
    for (const op of ops as UpdateOp[]) {
      if (name === 'labels') {
        if (op.set !== undefined) next.labels = checkLabels(op.set);
        if (op.add !== undefined) next.labels = checkLabels([...next.labels, op.add]);
        if (op.remove !== undefined) next.labels = next.labels.filter((l) => l !== op.remove);
      } else if (name === 'summary' && op.set !== undefined) next.summary = checkSummary(op.set);
      else if (name === 'description' && op.set !== undefined) next.description = toAdf(op.set);
      else if (name === 'parent' && op.set !== undefined) {
        // Jira's documented way to take a standard issue out of its parent: `{set: {none: true}}`.
        const type = db.prepare('SELECT * FROM issue_types WHERE id = ?').get(next.type) as IssueTypeRow;
        const none = isObject(op.set) && op.set.none === true;
        next.parent = none ? (checkParent(db, principal, null, type, project), null) : checkParent(db, principal, op.set, type, project)?.id ?? null;
      }
      else if (name === 'assignee' && op.set !== undefined) {
        requirePermission(db, principal, issue.project_id, 'ASSIGN_ISSUES');
        next.assignee = checkAssignee(db, op.set, project);
      } else throw fieldErrors({ [name]: `The operation is not supported for the field '${name}'.` });
    }
  }
  db.transaction(() => {
    db.prepare(`UPDATE issues SET summary = ?, description = ?, assignee_id = ?, labels = ?, parent_id = ?, issuetype_id = ?, duedate = ?, updated = ? WHERE id = ?`)
      .run(next.summary, next.description, next.assignee, JSON.stringify(next.labels), next.parent, next.type, next.duedate, nowIso(), issue.id);
    writeFieldValues(db, issue.id, customValues);
  })();
}

/**
 * An edit changes the issue type only to another type of the same hierarchy level (Story ↔ Task, not
 * Epic ↔ Task, not to or from a sub-task type): anything else is Jira's Move (`bulk/issues/move`).
 */
function checkTypeEdit(db: Database, issue: IssueRow, value: unknown): IssueTypeRow {
  const type = isObject(value) ? findIssueType(db, value) : undefined;
  if (!type) throw fieldErrors({ issuetype: 'Specify a valid issue type' });
  const current = db.prepare('SELECT * FROM issue_types WHERE id = ?').get(issue.issuetype_id) as IssueTypeRow;
  if (type.hierarchy_level !== current.hierarchy_level || type.subtask !== current.subtask) {
    throw fieldErrors({ issuetype: `The issue type can only be changed to a type at the same hierarchy level (${current.name} is level ${current.hierarchy_level}, ${type.name} is level ${type.hierarchy_level}). Move the work item to change it to ${type.name}.` });
  }
  return type;
}

export function assignIssue(db: Database, principal: Principal, idOrKey: string, body: unknown): void {
  const issue = requireBrowsable(db, principal, findIssue(db, idOrKey));
  requirePermission(db, principal, issue.project_id, 'ASSIGN_ISSUES');
  const project = findProject(db, issue.project_id)!;
  const assignee = isObject(body) && body.accountId === null ? null : checkAssignee(db, body, project);
  db.prepare('UPDATE issues SET assignee_id = ?, updated = ? WHERE id = ?').run(assignee, nowIso(), issue.id);
}

/** Deleting needs DELETE_ISSUES; an issue with sub-tasks needs `deleteSubtasks=true`. Epic children lose their parent. */
export function deleteIssue(db: Database, principal: Principal, idOrKey: string, deleteSubtasks: boolean): void {
  const issue = requireBrowsable(db, principal, findIssue(db, idOrKey));
  requirePermission(db, principal, issue.project_id, 'DELETE_ISSUES');
  const subtasks = db.prepare(`SELECT i.id FROM issues i JOIN issue_types t ON t.id = i.issuetype_id
    WHERE i.parent_id = ? AND t.subtask = 1`).all(issue.id) as Array<{ id: number }>;
  if (subtasks.length > 0 && !deleteSubtasks) {
    throw new JiraError(400, [`The issue has subtasks. To delete it, set deleteSubtasks to true.`]);
  }
  db.transaction(() => {
    for (const s of subtasks) db.prepare('DELETE FROM issues WHERE id = ?').run(s.id);
    db.prepare('DELETE FROM issues WHERE id = ?').run(issue.id);
  })();
}

export function getIssueOr404(db: Database, principal: Principal, idOrKey: string): IssueRow {
  const issue = findIssue(db, idOrKey);
  if (!issue) throw issueNotFound();
  return requireBrowsable(db, principal, issue);
}
