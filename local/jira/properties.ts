import type { Database } from '../db';
import { JiraError } from './errors';

/** Issue entity properties: any JSON value up to 32,768 characters, keys up to 255 characters. */
export const PROPERTY_VALUE_LIMIT = 32_768;
export const PROPERTY_KEY_LIMIT = 255;

export function writeProperty(db: Database, issueId: number, key: string, value: unknown): 'created' | 'updated' {
  if (key.length === 0 || key.length > PROPERTY_KEY_LIMIT) {
    throw new JiraError(400, [`The property key must be between 1 and ${PROPERTY_KEY_LIMIT} characters.`]);
  }
  if (value === undefined) throw new JiraError(400, ['The property value must be valid JSON.']);
  const text = JSON.stringify(value);
  if (text.length > PROPERTY_VALUE_LIMIT) {
    throw new JiraError(400, [`The property '${key}' has a value that is too long. The maximum length is ${PROPERTY_VALUE_LIMIT} characters.`]);
  }
  const existed = db.prepare('SELECT 1 FROM issue_properties WHERE issue_id = ? AND key = ?').get(issueId, key) !== undefined;
  db.prepare(`INSERT INTO issue_properties (issue_id, key, value) VALUES (?, ?, ?)
    ON CONFLICT (issue_id, key) DO UPDATE SET value = excluded.value`).run(issueId, key, text);
  return existed ? 'updated' : 'created';
}

export function readProperty(db: Database, issueId: number, key: string): unknown {
  const row = db.prepare('SELECT value FROM issue_properties WHERE issue_id = ? AND key = ?').get(issueId, key) as { value: string } | undefined;
  return row === undefined ? undefined : JSON.parse(row.value);
}

export function propertyKeys(db: Database, issueId: number): string[] {
  return (db.prepare('SELECT key FROM issue_properties WHERE issue_id = ? ORDER BY key').all(issueId) as Array<{ key: string }>).map((r) => r.key);
}

export function deleteProperty(db: Database, issueId: number, key: string): boolean {
  return db.prepare('DELETE FROM issue_properties WHERE issue_id = ? AND key = ?').run(issueId, key).changes > 0;
}

/** Properties of many issues in one query: `keys === null` means all of them (`*all`). */
export function propertiesOf(db: Database, issueIds: number[], keys: string[] | null): Map<number, Record<string, unknown>> {
  const result = new Map<number, Record<string, unknown>>(issueIds.map((id) => [id, {}]));
  if (issueIds.length === 0 || (keys !== null && keys.length === 0)) return result;
  const rows = (keys === null
    ? db.prepare('SELECT issue_id, key, value FROM issue_properties WHERE issue_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(issueIds))
    : db.prepare(`SELECT issue_id, key, value FROM issue_properties
        WHERE issue_id IN (SELECT value FROM json_each(?)) AND key IN (SELECT value FROM json_each(?))`).all(JSON.stringify(issueIds), JSON.stringify(keys))
  ) as Array<{ issue_id: number; key: string; value: string }>;
  for (const r of rows) result.get(r.issue_id)![r.key] = JSON.parse(r.value);
  return result;
}
