import type { Database } from '../db';
import { findIssueType } from './catalog';
import { badRequest, fieldErrors } from './errors';

/**
 * Custom fields on a project's create screen, and the ones its field configuration makes required.
 * Jira refuses to create an issue without a required field ("Compliance owner is required."), element
 * by element in a bulk create; this is how tests make a realistic bulk-create failure happen.
 */
export interface ScreenField {
  id: string;
  name: string;
  /** Issue type ids the requirement applies to; `null` = every issue type of the project. */
  issueTypeIds: string[] | null;
}

const FIELD_ID = /^customfield_\d{5,}$/;

/** Replaces the project's required custom fields (an empty list removes them all). */
export function setRequiredFields(db: Database, projectId: string, fields: unknown): ScreenField[] {
  if (!Array.isArray(fields)) throw badRequest('requiredFields must be a list of {id, name, issueTypes?}.');
  const parsed = fields.map((f): ScreenField => {
    const field = (typeof f === 'object' && f !== null ? f : {}) as { id?: unknown; name?: unknown; issueTypes?: unknown };
    if (typeof field.id !== 'string' || !FIELD_ID.test(field.id)) throw badRequest(`A custom field id looks like customfield_10050, not ${JSON.stringify(field.id)}.`);
    if (typeof field.name !== 'string' || field.name.trim() === '') throw badRequest(`The field ${field.id} needs a name.`);
    if (field.issueTypes === undefined) return { id: field.id, name: field.name.trim(), issueTypeIds: null };
    if (!Array.isArray(field.issueTypes)) throw badRequest('issueTypes must be a list of issue type names or ids.');
    const issueTypeIds = field.issueTypes.map((ref) => {
      const type = findIssueType(db, /^\d+$/.test(String(ref)) ? { id: String(ref) } : { name: ref });
      if (!type) throw badRequest(`Unknown issue type ${JSON.stringify(ref)}.`);
      return type.id;
    });
    return { id: field.id, name: field.name.trim(), issueTypeIds };
  });
  db.transaction(() => {
    db.prepare('DELETE FROM create_screen_fields WHERE project_id = ?').run(projectId);
    const insert = db.prepare('INSERT INTO create_screen_fields (project_id, field_id, name, issue_type_id) VALUES (?, ?, ?, ?)');
    for (const f of parsed) for (const typeId of f.issueTypeIds ?? [null]) insert.run(projectId, f.id, f.name, typeId);
  })();
  return parsed;
}

interface ScreenRow { field_id: string; name: string; issue_type_id: string | null }

/** The project's custom fields: settable on any of its issues; required where the row's type applies. */
function screenRows(db: Database, projectId: string): ScreenRow[] {
  return db.prepare('SELECT field_id, name, issue_type_id FROM create_screen_fields WHERE project_id = ?').all(projectId) as ScreenRow[];
}

export function customFieldIds(db: Database, projectId: string): Set<string> {
  return new Set(screenRows(db, projectId).map((r) => r.field_id));
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Field errors for the project's required custom fields the create request leaves empty. */
export function missingRequiredFields(db: Database, projectId: string, issueTypeId: string, fields: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const r of screenRows(db, projectId)) {
    if (r.issue_type_id !== null && r.issue_type_id !== issueTypeId) continue;
    if (isEmpty(fields[r.field_id])) errors[r.field_id] = `${r.name} is required.`;
  }
  return errors;
}

/** The custom field values a create or edit sets (text fields: a string, or null to clear). */
export function customFieldValues(db: Database, projectId: string, fields: Record<string, unknown>): Map<string, string | null> {
  const known = customFieldIds(db, projectId);
  const values = new Map<string, string | null>();
  for (const [id, value] of Object.entries(fields)) {
    if (!known.has(id)) continue;
    if (value !== null && typeof value !== 'string') throw fieldErrors({ [id]: 'Operation value must be a string' });
    values.set(id, value);
  }
  return values;
}

export function writeFieldValues(db: Database, issueId: number, values: Map<string, string | null>): void {
  for (const [id, value] of values) {
    if (value === null) db.prepare('DELETE FROM issue_field_values WHERE issue_id = ? AND field_id = ?').run(issueId, id);
    else db.prepare(`INSERT INTO issue_field_values (issue_id, field_id, value) VALUES (?, ?, ?)
      ON CONFLICT (issue_id, field_id) DO UPDATE SET value = excluded.value`).run(issueId, id, JSON.stringify(value));
  }
}

/** Custom field values of many issues in one query. */
export function fieldValuesOf(db: Database, issueIds: number[]): Map<number, Record<string, unknown>> {
  const result = new Map<number, Record<string, unknown>>();
  if (issueIds.length === 0) return result;
  const rows = db.prepare('SELECT issue_id, field_id, value FROM issue_field_values WHERE issue_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(issueIds)) as Array<{ issue_id: number; field_id: string; value: string }>;
  for (const r of rows) result.set(r.issue_id, { ...(result.get(r.issue_id) ?? {}), [r.field_id]: JSON.parse(r.value) });
  return result;
}

// ---- system fields on the create screen -------------------------------------------------------------

/** System fields a project's create screen may lack (the rest — project, type, summary, parent, reporter — are always there). */
export const REMOVABLE_FIELDS = ['duedate', 'description', 'assignee', 'labels'] as const;

function typeIdsOf(db: Database, issueTypes: unknown): string[] | null {
  if (issueTypes === undefined) return null;
  if (!Array.isArray(issueTypes)) throw badRequest('issueTypes must be a list of issue type names or ids.');
  return issueTypes.map((ref) => {
    const type = findIssueType(db, /^\d+$/.test(String(ref)) ? { id: String(ref) } : { name: ref });
    if (!type) throw badRequest(`Unknown issue type ${JSON.stringify(ref)}.`);
    return type.id;
  });
}

/** Replaces the system fields taken off a project's create screen: [{id, issueTypes?}] ([] puts them all back). */
export function setRemovedFields(db: Database, projectId: string, fields: unknown): Array<{ id: string; issueTypeIds: string[] | null }> {
  if (!Array.isArray(fields)) throw badRequest('removedFields must be a list of {id, issueTypes?}.');
  const parsed = fields.map((f) => {
    const field = (typeof f === 'object' && f !== null ? f : {}) as { id?: unknown; issueTypes?: unknown };
    if (!(REMOVABLE_FIELDS as readonly unknown[]).includes(field.id)) throw badRequest(`Only ${REMOVABLE_FIELDS.join(', ')} can be taken off the create screen, not ${JSON.stringify(field.id)}.`);
    return { id: field.id as string, issueTypeIds: typeIdsOf(db, field.issueTypes) };
  });
  db.transaction(() => {
    db.prepare('DELETE FROM create_screen_removed WHERE project_id = ?').run(projectId);
    const insert = db.prepare('INSERT INTO create_screen_removed (project_id, field_id, issue_type_id) VALUES (?, ?, ?)');
    for (const f of parsed) for (const typeId of f.issueTypeIds ?? [null]) insert.run(projectId, f.id, typeId);
  })();
  return parsed;
}

export function isOnCreateScreen(db: Database, projectId: string, issueTypeId: string, fieldId: string): boolean {
  return db.prepare('SELECT 1 FROM create_screen_removed WHERE project_id = ? AND field_id = ? AND (issue_type_id IS NULL OR issue_type_id = ?)')
    .get(projectId, fieldId, issueTypeId) === undefined;
}

// ---- the project's issue type scheme ----------------------------------------------------------------

/** Replaces a project's issue type scheme with these types (names or ids); [] restores the default (every type). */
export function setProjectIssueTypes(db: Database, projectId: string, issueTypes: unknown): string[] {
  const ids = typeIdsOf(db, issueTypes) ?? [];
  db.transaction(() => {
    db.prepare('DELETE FROM project_issue_types WHERE project_id = ?').run(projectId);
    const insert = db.prepare('INSERT OR IGNORE INTO project_issue_types (project_id, issue_type_id) VALUES (?, ?)');
    for (const id of ids) insert.run(projectId, id);
  })();
  return ids;
}

export function isInScheme(db: Database, projectId: string, issueTypeId: string): boolean {
  const rows = db.prepare('SELECT issue_type_id FROM project_issue_types WHERE project_id = ?').all(projectId) as Array<{ issue_type_id: string }>;
  return rows.length === 0 || rows.some((r) => r.issue_type_id === issueTypeId);
}

// ---- createmeta: the fields of one issue type's create screen ---------------------------------------

/** Jira's FieldCreateMetadata, the slice the host fills in. */
export interface FieldCreateMetadata {
  fieldId: string;
  key: string;
  name: string;
  required: boolean;
  hasDefaultValue: boolean;
  operations: string[];
  schema: { type: string; system?: string; items?: string; custom?: string; customId?: number };
}

const system = (fieldId: string, name: string, type: string, required: boolean, extra: Partial<FieldCreateMetadata> = {}): FieldCreateMetadata => ({
  fieldId, key: fieldId, name, required, hasDefaultValue: false, operations: ['set'], schema: { type, system: fieldId }, ...extra,
});

/**
 * The fields an issue of this type can be created with in the project, as `GET /rest/api/3/issue/createmeta/
 * {project}/issuetypes/{id}` lists them: the system fields on its screen (a sub-task's parent is required;
 * the reporter has a default) and the project's custom fields, required where its field configuration says.
 */
export function createMetaFields(db: Database, projectId: string, type: { id: string; hierarchy_level: number; subtask: number }): FieldCreateMetadata[] {
  const on = (id: string) => isOnCreateScreen(db, projectId, type.id, id);
  const fields = [
    system('summary', 'Summary', 'string', true),
    system('issuetype', 'Issue Type', 'issuetype', true, { hasDefaultValue: false, operations: [] }),
    system('project', 'Project', 'project', true, { operations: ['set'] }),
    ...(type.hierarchy_level <= 0 ? [system('parent', 'Parent', 'issuelink', type.subtask === 1)] : []),
    system('reporter', 'Reporter', 'user', true, { hasDefaultValue: true }),
    ...(on('description') ? [system('description', 'Description', 'string', false)] : []),
    ...(on('assignee') ? [system('assignee', 'Assignee', 'user', false)] : []),
    ...(on('labels') ? [system('labels', 'Labels', 'array', false, { operations: ['add', 'set', 'remove'], schema: { type: 'array', items: 'string', system: 'labels' } })] : []),
    ...(on('duedate') ? [system('duedate', 'Due date', 'date', false)] : []),
  ];
  const custom = new Map<string, FieldCreateMetadata>();
  for (const r of screenRows(db, projectId)) {
    const required = r.issue_type_id === null || r.issue_type_id === type.id;
    const known = custom.get(r.field_id);
    custom.set(r.field_id, {
      fieldId: r.field_id, key: r.field_id, name: r.name, required: (known?.required ?? false) || required, hasDefaultValue: false, operations: ['set'],
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: Number(r.field_id.replace('customfield_', '')) },
    });
  }
  return [...fields, ...custom.values()];
}
