/**
 * Which app issue panels were added to which issue. On Jira a `jira:issuePanel` is not on an issue
 * until a user presses the panel's quick-add button there; from then on the issue shows it to
 * everyone, until someone removes it. The shell keeps that per issue, as Jira does.
 */
import type { Database } from '../db';

export function ensureIssuePanelSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS issue_panels (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    module_key TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (issue_id, module_key)
  )`);
}

export function addedPanels(db: Database, issueId: number | string): Set<string> {
  const rows = db.prepare('SELECT module_key FROM issue_panels WHERE issue_id = ?').all(Number(issueId)) as Array<{ module_key: string }>;
  return new Set(rows.map((r) => r.module_key));
}

/** Adds the panel to the issue; true when it was not there yet. */
export function addPanel(db: Database, issueId: number | string, moduleKey: string, accountId: string): boolean {
  const info = db.prepare('INSERT OR IGNORE INTO issue_panels (issue_id, module_key, added_by, added_at) VALUES (?, ?, ?, ?)')
    .run(Number(issueId), moduleKey, accountId, new Date().toISOString());
  return info.changes > 0;
}

export function removePanel(db: Database, issueId: number | string, moduleKey: string): boolean {
  return db.prepare('DELETE FROM issue_panels WHERE issue_id = ? AND module_key = ?').run(Number(issueId), moduleKey).changes > 0;
}
