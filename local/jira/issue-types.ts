/**
 * Issue type administration as a Jira admin sees it. Sites rename "Epic" (e.g. "Initiative") and add
 * types at the epic's hierarchy level 1 (Settings > Issue type hierarchy, Premium): the app must find
 * epics by hierarchy level, never by the name "Epic". Renaming is Jira's `PUT /rest/api/3/issuetype/{id}`
 * (Administer Jira only); REST creates only level 0 and -1 types, so a level-1 type is added through
 * `addIssueType` (the host's stand-in for the hierarchy settings page).
 */
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findUserByAccountId, type IssueTypeRow } from './catalog';
import { JiraError, badRequest, forbidden } from './errors';

const MAX_NAME = 60;

function isJiraAdmin(db: Database, p: Principal): boolean {
  return p.kind === 'user' && findUserByAccountId(db, p.accountId)?.site_admin === 1;
}

function checkedName(db: Database, raw: unknown, exceptId?: string): string {
  if (typeof raw !== 'string' || !raw.trim()) throw badRequest('The issue type name must be given.');
  const name = raw.trim();
  if (name.length > MAX_NAME) throw badRequest(`The issue type name must be ${MAX_NAME} characters or fewer.`);
  const clash = db.prepare('SELECT id FROM issue_types WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
  if (clash && clash.id !== exceptId) throw new JiraError(409, [`An issue type with the name '${name}' already exists.`]);
  return name;
}

/** `PUT /rest/api/3/issuetype/{id}` with `{name?, description?}`: renames a type; its id and level stay. */
export function updateIssueType(db: Database, p: Principal, id: string, body: unknown): IssueTypeRow {
  if (!isJiraAdmin(db, p)) throw forbidden('You must have global administrator rights to update issue types.');
  const current = db.prepare('SELECT * FROM issue_types WHERE id = ?').get(id) as IssueTypeRow | undefined;
  if (!current) throw new JiraError(404, [`The issue type with id '${id}' does not exist.`]);
  const b = (body ?? {}) as { name?: unknown; description?: unknown };
  const name = b.name === undefined ? current.name : checkedName(db, b.name, id);
  const description = typeof b.description === 'string' ? b.description : current.description;
  db.prepare('UPDATE issue_types SET name = ?, description = ? WHERE id = ?').run(name, description, id);
  return { ...current, name, description };
}

/** A new issue type at any hierarchy level (1 = beside Epic); ids continue after the highest, never reused. */
export function addIssueType(db: Database, input: { name: unknown; hierarchyLevel: unknown; description?: unknown }): IssueTypeRow {
  const level = Number(input.hierarchyLevel);
  if (![-1, 0, 1].includes(level)) throw badRequest('hierarchyLevel must be -1, 0 or 1.');
  const name = checkedName(db, input.name);
  const { next } = db.prepare('SELECT COALESCE(MAX(CAST(id AS INTEGER)), 9999) + 1 AS next FROM issue_types').get() as { next: number };
  const row: IssueTypeRow = {
    id: String(next), name, description: typeof input.description === 'string' ? input.description : '',
    subtask: level === -1 ? 1 : 0, hierarchy_level: level, icon: level === 1 ? 'epic' : level === -1 ? 'subtask' : 'task',
  };
  db.prepare('INSERT INTO issue_types (id, name, description, subtask, hierarchy_level, icon) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row.id, row.name, row.description, row.subtask, row.hierarchy_level, row.icon);
  return row;
}
