import type { Database } from '../db';

/** Rows of the small configuration tables, loaded once per request to shape many issues cheaply. */
export interface UserRow { account_id: string; email: string; display_name: string; active: number; time_zone: string; site_admin: number }
export interface ProjectRow { id: string; key: string; name: string; description: string; project_type_key: string; style: string; lead_account_id: string | null; issue_counter: number }
export interface IssueTypeRow { id: string; name: string; description: string; subtask: number; hierarchy_level: number; icon: string }
export interface StatusCategoryRow { id: number; key: string; name: string; color_name: string }
export interface StatusRow { id: string; name: string; description: string; category_id: number }
export interface TransitionRow { id: string; name: string; to_status_id: string }
export interface IssueRow {
  id: number; key: string; project_id: string; num: number; issuetype_id: string; summary: string;
  description: string | null; status_id: string; assignee_id: string | null; reporter_id: string | null;
  labels: string; parent_id: number | null; created: string; updated: string; resolutiondate: string | null;
  /** YYYY-MM-DD or null. */
  duedate: string | null;
  /** When the status category last changed; NULL for rows seeded without it (format.ts falls back). */
  status_category_changed?: string | null;
}

export interface Catalog {
  users: Map<string, UserRow>;
  projects: Map<string, ProjectRow>;
  issueTypes: Map<string, IssueTypeRow>;
  statuses: Map<string, StatusRow>;
  categories: Map<number, StatusCategoryRow>;
  /** Projects with an issue type scheme of their own: the type ids it holds (absent: every type). */
  schemes: Map<string, Set<string>>;
}

export function loadCatalog(db: Database): Catalog {
  const byId = <T, K>(rows: T[], id: (r: T) => K) => new Map(rows.map((r) => [id(r), r] as const));
  return {
    users: byId(db.prepare('SELECT * FROM users').all() as UserRow[], (r) => r.account_id),
    projects: byId(db.prepare('SELECT * FROM projects').all() as ProjectRow[], (r) => r.id),
    issueTypes: byId(db.prepare('SELECT * FROM issue_types').all() as IssueTypeRow[], (r) => r.id),
    statuses: byId(db.prepare('SELECT * FROM statuses').all() as StatusRow[], (r) => r.id),
    categories: byId(db.prepare('SELECT * FROM status_categories').all() as StatusCategoryRow[], (r) => r.id),
    schemes: schemesOf(db),
  };
}

function schemesOf(db: Database): Map<string, Set<string>> {
  const schemes = new Map<string, Set<string>>();
  for (const r of db.prepare('SELECT project_id, issue_type_id FROM project_issue_types').all() as Array<{ project_id: string; issue_type_id: string }>) {
    schemes.set(r.project_id, (schemes.get(r.project_id) ?? new Set()).add(r.issue_type_id));
  }
  return schemes;
}

/** The issue types a project's issues may have (its scheme), in id order. */
export function projectIssueTypes(cat: Catalog, projectId: string): IssueTypeRow[] {
  const scheme = cat.schemes.get(projectId);
  return [...cat.issueTypes.values()].filter((t) => !scheme || scheme.has(t.id)).sort((a, b) => Number(a.id) - Number(b.id));
}

export function findUserByAccountId(db: Database, accountId: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined;
}

export function findUserByEmail(db: Database, email: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE email = ? COLLATE NOCASE').get(email) as UserRow | undefined;
}

export function findProject(db: Database, idOrKey: string): ProjectRow | undefined {
  return db.prepare('SELECT * FROM projects WHERE id = ? OR key = ? COLLATE NOCASE').get(idOrKey, idOrKey) as ProjectRow | undefined;
}

/** By id, key, or a key the issue had before it moved to another project (Jira still answers to it). */
export function findIssue(db: Database, idOrKey: string): IssueRow | undefined {
  if (/^\d+$/.test(idOrKey)) return db.prepare('SELECT * FROM issues WHERE id = ?').get(Number(idOrKey)) as IssueRow | undefined;
  return (db.prepare('SELECT * FROM issues WHERE key = ? COLLATE NOCASE').get(idOrKey)
    ?? db.prepare('SELECT i.* FROM issues i JOIN issue_key_history h ON h.issue_id = i.id WHERE h.key = ?').get(idOrKey)) as IssueRow | undefined;
}

export function findIssueType(db: Database, ref: { id?: unknown; name?: unknown }): IssueTypeRow | undefined {
  if (typeof ref.id === 'string' || typeof ref.id === 'number') {
    return db.prepare('SELECT * FROM issue_types WHERE id = ?').get(String(ref.id)) as IssueTypeRow | undefined;
  }
  if (typeof ref.name === 'string') {
    return db.prepare('SELECT * FROM issue_types WHERE name = ? COLLATE NOCASE').get(ref.name) as IssueTypeRow | undefined;
  }
  return undefined;
}

export function listTransitions(db: Database): TransitionRow[] {
  return db.prepare('SELECT * FROM transitions ORDER BY CAST(id AS INTEGER)').all() as TransitionRow[];
}

/** Jira writes timestamps as `2026-11-25T10:00:00.000+0000`; we store ISO UTC (`...Z`). */
export function jiraDate(iso: string | null): string | null {
  return iso === null ? null : iso.replace(/Z$/, '+0000');
}

export function nowIso(): string {
  return new Date().toISOString();
}
