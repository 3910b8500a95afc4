import type BetterSqlite3 from 'better-sqlite3';

/** The Jira side of the local host: users, one project's configuration, issues and their properties. */
export function ensureJiraSchema(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      account_id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      time_zone TEXT NOT NULL DEFAULT 'Europe/London',
      site_admin INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS projects (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      project_type_key TEXT NOT NULL DEFAULT 'software',
      style TEXT NOT NULL DEFAULT 'classic',
      lead_account_id TEXT REFERENCES users(account_id),
      issue_counter INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS issue_types (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      subtask INTEGER NOT NULL DEFAULT 0,
      hierarchy_level INTEGER NOT NULL DEFAULT 0,
      icon TEXT NOT NULL DEFAULT 'task'
    );
    CREATE TABLE IF NOT EXISTS status_categories (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      color_name TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS statuses (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      category_id INTEGER NOT NULL REFERENCES status_categories(id)
    );
    CREATE TABLE IF NOT EXISTS transitions (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      to_status_id TEXT NOT NULL REFERENCES statuses(id)
    );
    CREATE TABLE IF NOT EXISTS project_roles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS role_permissions (
      role_id TEXT NOT NULL REFERENCES project_roles(id) ON DELETE CASCADE,
      permission TEXT NOT NULL,
      PRIMARY KEY (role_id, permission)
    );
    CREATE TABLE IF NOT EXISTS role_members (
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      role_id TEXT NOT NULL REFERENCES project_roles(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES users(account_id) ON DELETE CASCADE,
      PRIMARY KEY (project_id, role_id, account_id)
    );
    CREATE TABLE IF NOT EXISTS issues (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE COLLATE NOCASE,
      project_id TEXT NOT NULL REFERENCES projects(id),
      num INTEGER NOT NULL,
      issuetype_id TEXT NOT NULL REFERENCES issue_types(id),
      summary TEXT NOT NULL,
      description TEXT,
      status_id TEXT NOT NULL REFERENCES statuses(id),
      assignee_id TEXT REFERENCES users(account_id),
      reporter_id TEXT REFERENCES users(account_id),
      labels TEXT NOT NULL DEFAULT '[]',
      parent_id INTEGER REFERENCES issues(id) ON DELETE SET NULL,
      created TEXT NOT NULL,
      updated TEXT NOT NULL,
      resolutiondate TEXT,
      duedate TEXT,
      -- Jira's statuscategorychangedate: set at create and by a transition into another status category.
      status_category_changed TEXT
    );
    CREATE INDEX IF NOT EXISTS issues_project_type ON issues(project_id, issuetype_id);
    CREATE INDEX IF NOT EXISTS issues_parent ON issues(parent_id);
    CREATE INDEX IF NOT EXISTS issues_project_num ON issues(project_id, num);
    CREATE INDEX IF NOT EXISTS issues_status ON issues(status_id);
    CREATE INDEX IF NOT EXISTS issues_assignee ON issues(assignee_id);
    CREATE TABLE IF NOT EXISTS issue_properties (
      issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (issue_id, key)
    );
    CREATE INDEX IF NOT EXISTS issue_properties_key ON issue_properties(key, issue_id);
    -- Custom fields a project's create screen requires (Jira: field configuration "Required"), per issue
    -- type or for all (issue_type_id NULL), and the values issues hold for them.
    CREATE TABLE IF NOT EXISTS create_screen_fields (
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      field_id TEXT NOT NULL,
      name TEXT NOT NULL,
      issue_type_id TEXT REFERENCES issue_types(id)
    );
    -- System fields an admin took off a project's create screen (Jira: screen scheme), per issue type or
    -- for all (issue_type_id NULL): createmeta stops listing them and a create that sets one is refused.
    CREATE TABLE IF NOT EXISTS create_screen_removed (
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      field_id TEXT NOT NULL,
      issue_type_id TEXT REFERENCES issue_types(id)
    );
    -- A project's issue type scheme: the types its issues may have. No rows: every type (the default scheme).
    CREATE TABLE IF NOT EXISTS project_issue_types (
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      issue_type_id TEXT NOT NULL REFERENCES issue_types(id) ON DELETE CASCADE,
      PRIMARY KEY (project_id, issue_type_id)
    );
    CREATE TABLE IF NOT EXISTS issue_field_values (
      issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
      field_id TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (issue_id, field_id)
    );
    -- Site-wide counters that never go back (issue ids are never reused, even after a delete).
    CREATE TABLE IF NOT EXISTS jira_counters (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    );
    -- Keys an issue had before it moved to another project: Jira still finds the issue by them.
    CREATE TABLE IF NOT EXISTS issue_key_history (
      key TEXT PRIMARY KEY COLLATE NOCASE,
      issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE
    );
    -- Saved filters (Jira's "filters"): the owner always sees one; share_permissions (JSON) say who else does.
    CREATE TABLE IF NOT EXISTS filters (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT,
      jql TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(account_id),
      share_permissions TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE IF NOT EXISTS workflow_validators (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      issue_type_id TEXT REFERENCES issue_types(id),
      transition_id TEXT NOT NULL,
      module_key TEXT NOT NULL,
      configuration TEXT NOT NULL DEFAULT '{}'
    );
  `);
  // Databases created before the due date or the status-category change time existed gain the columns
  // (CREATE TABLE IF NOT EXISTS keeps old tables); a NULL change time reads as resolved, else created (format.ts).
  const columns = db.prepare('PRAGMA table_info(issues)').all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === 'duedate')) db.exec('ALTER TABLE issues ADD COLUMN duedate TEXT');
  if (!columns.some((c) => c.name === 'status_category_changed')) db.exec('ALTER TABLE issues ADD COLUMN status_category_changed TEXT');
}

/** Tables in the order they can be emptied without breaking foreign keys. */
export const JIRA_TABLES = [
  'filters', 'workflow_validators', 'issue_key_history', 'issue_field_values', 'create_screen_fields', 'create_screen_removed', 'project_issue_types', 'jira_counters', 'issue_properties', 'issues', 'role_members', 'role_permissions', 'project_roles',
  'transitions', 'statuses', 'status_categories', 'issue_types', 'projects', 'users',
] as const;
