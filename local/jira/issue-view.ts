import type { Database } from '../db';
import { loadCatalog, type IssueRow } from './catalog';
import { ALL_CUSTOM_FIELDS, CUSTOM_FIELD, issueFieldValue, issueSelf, type IssueShapeContext } from './format';
import { fieldValuesOf } from './create-screen';
import { propertiesOf } from './properties';

/** Turns issue rows into Jira's issue JSON, loading parents, sub-tasks and properties in batches. */
export interface IssueViewOptions {
  base: string;
  /** Fields to include; `null` = the `{id}`-only shape of the enhanced search. */
  fields: Set<string> | null;
  /** Property keys to include; `null` = all; `undefined` = no `properties` member. */
  properties?: string[] | null;
}

export function viewIssues(db: Database, rows: IssueRow[], opts: IssueViewOptions): Array<Record<string, unknown>> {
  const catalog = loadCatalog(db);
  const issueCache = new Map<number, IssueRow | undefined>(rows.map((r) => [r.id, r]));
  const wantParent = opts.fields?.has('parent') ?? false;
  if (wantParent) {
    const missing = [...new Set(rows.map((r) => r.parent_id).filter((id): id is number => id !== null && !issueCache.has(id)))];
    if (missing.length > 0) {
      const parents = db.prepare('SELECT * FROM issues WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as IssueRow[];
      for (const p of parents) issueCache.set(p.id, p);
    }
  }
  const subtasks = new Map<number, IssueRow[]>();
  if (opts.fields?.has('subtasks')) {
    const children = db.prepare(`SELECT i.* FROM issues i JOIN issue_types t ON t.id = i.issuetype_id
      WHERE t.subtask = 1 AND i.parent_id IN (SELECT value FROM json_each(?)) ORDER BY i.id`).all(JSON.stringify(rows.map((r) => r.id))) as IssueRow[];
    for (const c of children) subtasks.set(c.parent_id!, [...(subtasks.get(c.parent_id!) ?? []), c]);
  }
  const ctx: IssueShapeContext = {
    base: opts.base,
    catalog,
    issueById: (id) => {
      if (!issueCache.has(id)) issueCache.set(id, db.prepare('SELECT * FROM issues WHERE id = ?').get(id) as IssueRow | undefined);
      return issueCache.get(id);
    },
    subtasksOf: (id) => subtasks.get(id) ?? [],
  };
  const props = opts.properties === undefined ? undefined : propertiesOf(db, rows.map((r) => r.id), opts.properties);
  const wantsCustom = opts.fields !== null && [...opts.fields].some((f) => f === ALL_CUSTOM_FIELDS || CUSTOM_FIELD.test(f));
  const custom = wantsCustom ? fieldValuesOf(db, rows.map((r) => r.id)) : new Map<number, Record<string, unknown>>();

  return rows.map((row) => {
    const out: Record<string, unknown> = opts.fields === null
      ? { id: String(row.id) }
      : { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: String(row.id), self: issueSelf(opts.base, row.id), key: row.key };
    if (opts.fields !== null) {
      const fields: Record<string, unknown> = {};
      const customValues = custom.get(row.id) ?? {};
      for (const name of opts.fields) {
        if (name === ALL_CUSTOM_FIELDS) Object.assign(fields, customValues);
        else if (CUSTOM_FIELD.test(name)) fields[name] = customValues[name] ?? null;
        else {
          const value = issueFieldValue(ctx, row, name);
          if (value !== undefined) fields[name] = value;
        }
      }
      out.fields = fields;
    }
    if (props) out.properties = props.get(row.id) ?? {};
    return out;
  });
}
