/**
 * Jira's saved filters (`/rest/api/3/filter`), as strict as Jira Cloud: the owner always sees a filter,
 * others only through its share permissions (any logged-in user, a project's browsers, one user). A filter
 * someone may not see is "not available" exactly as one that does not exist (Jira answers 400 for both), is
 * absent from searches and cannot be named in JQL (`filter = 10000`, compile.ts).
 */
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findProject, findUserByAccountId, loadCatalog, type UserRow } from './catalog';
import { JiraError, badRequest, fieldErrors } from './errors';
import { formatProject, formatUser } from './format';
import { hasGlobalAdmin, hasProjectPermission } from './permissions';

const API = '/rest/api/3';
export const FILTER_NOT_AVAILABLE = 'The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.';

export interface FilterRow { id: number; name: string; description: string | null; jql: string; owner_id: string; share_permissions: string }

/** A share permission as stored: `loggedin` is what Jira answers for an input of `authenticated`. */
export type StoredShare =
  | { id: number; type: 'global' | 'loggedin' }
  | { id: number; type: 'project'; projectId: string }
  | { id: number; type: 'user'; accountId: string };

/** Checks a filter's JQL as the caller would run it; `selfId` is the filter being edited (a reference to it is a cycle). */
export type JqlCheck = (jql: string, selfId?: number) => void;

const sharesOf = (row: FilterRow): StoredShare[] => JSON.parse(row.share_permissions) as StoredShare[];

export function canSeeFilter(db: Database, principal: Principal, row: FilterRow): boolean {
  // The app (asApp) is not a user: it sees what is shared with every logged-in user or with projects.
  if (principal.kind === 'user' && row.owner_id === principal.accountId) return true;
  return sharesOf(row).some((s) => {
    switch (s.type) {
      case 'global':
      case 'loggedin': return true;
      case 'project': return hasProjectPermission(db, principal, s.projectId, 'BROWSE_PROJECTS');
      case 'user': return principal.kind === 'user' && principal.accountId === s.accountId;
    }
  });
}

export function findVisibleFilter(db: Database, principal: Principal, idRef: string): FilterRow {
  const row = /^\d+$/.test(idRef) ? db.prepare('SELECT * FROM filters WHERE id = ?').get(Number(idRef)) as FilterRow | undefined : undefined;
  if (!row || !canSeeFilter(db, principal, row)) throw new JiraError(400, [FILTER_NOT_AVAILABLE]);
  return row;
}

/** The filters a JQL value names for this caller: by id when it is a number, else (or then) by name. */
export function filtersNamedBy(db: Database, principal: Principal, value: string): FilterRow[] {
  const byId = /^\d+$/.test(value) ? db.prepare('SELECT * FROM filters WHERE id = ?').all(Number(value)) as FilterRow[] : [];
  const candidates = byId.length > 0 ? byId : db.prepare('SELECT * FROM filters WHERE name = ? COLLATE NOCASE').all(value) as FilterRow[];
  return candidates.filter((r) => canSeeFilter(db, principal, r));
}

function requireUser(principal: Principal): Extract<Principal, { kind: 'user' }> {
  // Filters belong to people; the app has no filters of its own to create or change.
  if (principal.kind !== 'user') throw new JiraError(403, ['Apps cannot own filters: call as a user.']);
  return principal;
}

function parseShares(db: Database, raw: unknown): Array<Omit<StoredShare, 'id'>> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest('sharePermissions must be a list.');
  return raw.map((p: unknown) => {
    const s = (typeof p === 'object' && p !== null ? p : {}) as { type?: unknown; project?: { id?: unknown }; projectId?: unknown; user?: { accountId?: unknown }; accountId?: unknown };
    switch (s.type) {
      case 'global': return { type: 'global' as const };
      case 'authenticated':
      case 'loggedin': return { type: 'loggedin' as const };
      case 'project': {
        const ref = String(s.project?.id ?? s.projectId ?? '');
        const project = ref ? findProject(db, ref) : undefined;
        if (!project) throw fieldErrors({ sharePermissions: `Project with id '${ref}' does not exist.` });
        return { type: 'project' as const, projectId: project.id };
      }
      case 'user': {
        const accountId = String(s.user?.accountId ?? s.accountId ?? '');
        if (!findUserByAccountId(db, accountId)) throw fieldErrors({ sharePermissions: `User with accountId '${accountId}' does not exist.` });
        return { type: 'user' as const, accountId };
      }
      default:
        throw fieldErrors({ sharePermissions: `The share type '${String(s.type)}' is not supported by the local host (global, authenticated, project, user).` });
    }
  });
}

function numbered(shares: Array<Omit<StoredShare, 'id'>>, firstId: number): StoredShare[] {
  return shares.map((s, i) => ({ ...s, id: firstId + i }) as StoredShare);
}

function nextShareId(db: Database): number {
  const row = db.prepare(`INSERT INTO jira_counters (name, value) VALUES ('share_permission_id', 10000)
    ON CONFLICT(name) DO UPDATE SET value = value + 100 RETURNING value`).get() as { value: number };
  return row.value;
}

interface FilterInput { name?: unknown; jql?: unknown; description?: unknown; sharePermissions?: unknown }

function checkedName(db: Database, name: unknown, exceptId?: number): string {
  if (typeof name !== 'string' || name.trim() === '') throw fieldErrors({ filterName: 'You must specify a name to save this filter as.' });
  if (name.length > 255) throw fieldErrors({ filterName: 'The filter name must not exceed 255 characters.' });
  const clash = db.prepare('SELECT id FROM filters WHERE name = ? COLLATE NOCASE AND id != ?').get(name.trim(), exceptId ?? -1);
  if (clash) throw fieldErrors({ filterName: 'Filter with same name already exists.' });
  return name.trim();
}

function checkedJql(jql: unknown, check: JqlCheck, selfId?: number): string {
  if (jql !== undefined && typeof jql !== 'string') throw badRequest('jql must be a string.');
  const text = (jql ?? '') as string;
  try {
    check(text, selfId);
  } catch (e) {
    // Jira names the field that holds the invalid JQL.
    if (e instanceof JiraError) throw fieldErrors({ jql: e.errorMessages[0] ?? e.message });
    throw e;
  }
  return text;
}

export function createFilter(db: Database, principal: Principal, body: unknown, check: JqlCheck): FilterRow {
  const user = requireUser(principal);
  const input = (typeof body === 'object' && body !== null ? body : {}) as FilterInput;
  const name = checkedName(db, input.name);
  const jql = checkedJql(input.jql, check);
  if (input.description !== undefined && input.description !== null && typeof input.description !== 'string') throw badRequest('description must be a string.');
  const shares = parseShares(db, input.sharePermissions);
  return db.transaction(() => {
    const id = (db.prepare(`INSERT INTO jira_counters (name, value) VALUES ('filter_id', MAX(10000, (SELECT COALESCE(MAX(id), 0) + 1 FROM filters)))
      ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`).get() as { value: number }).value;
    db.prepare('INSERT INTO filters (id, name, description, jql, owner_id, share_permissions) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, (input.description as string | undefined) ?? null, jql, user.accountId, JSON.stringify(numbered(shares, nextShareId(db))));
    return db.prepare('SELECT * FROM filters WHERE id = ?').get(id) as FilterRow;
  })();
}

/** Only the owner edits a filter (Jira: "the user must own the filter"); everyone else may not see it, or may not change it. */
export function updateFilter(db: Database, principal: Principal, idRef: string, body: unknown, check: JqlCheck): FilterRow {
  const row = findVisibleFilter(db, principal, idRef);
  if (principal.kind !== 'user' || row.owner_id !== principal.accountId) throw badRequest('You must be the owner of this filter to edit it.');
  const input = (typeof body === 'object' && body !== null ? body : {}) as FilterInput;
  const name = checkedName(db, input.name, row.id);
  const jql = input.jql === undefined ? row.jql : checkedJql(input.jql, check, row.id);
  const description = input.description === undefined ? row.description : typeof input.description === 'string' ? input.description : null;
  const shares = input.sharePermissions === undefined ? row.share_permissions : JSON.stringify(numbered(parseShares(db, input.sharePermissions), nextShareId(db)));
  db.prepare('UPDATE filters SET name = ?, jql = ?, description = ?, share_permissions = ? WHERE id = ?').run(name, jql, description, shares, row.id);
  return db.prepare('SELECT * FROM filters WHERE id = ?').get(row.id) as FilterRow;
}

/** The owner or a Jira administrator deletes a filter. */
export function deleteFilter(db: Database, principal: Principal, idRef: string): void {
  const row = findVisibleFilter(db, principal, idRef);
  const mayDelete = principal.kind === 'user' && (row.owner_id === principal.accountId || hasGlobalAdmin(db, principal.accountId));
  if (!mayDelete) throw new JiraError(403, ['Only the owner of the filter or a Jira administrator can delete it.']);
  db.prepare('DELETE FROM filters WHERE id = ?').run(row.id);
}

// ---- answers ------------------------------------------------------------------------------------

const EXPANDABLE = ['description', 'favourite', 'favouritedCount', 'jql', 'owner', 'searchUrl', 'sharePermissions', 'editPermissions', 'isWritable', 'subscriptions', 'viewUrl'] as const;

function formatShare(db: Database, base: string, s: StoredShare) {
  switch (s.type) {
    case 'global':
    case 'loggedin': return { id: s.id, type: s.type };
    case 'project': {
      const project = findProject(db, s.projectId);
      return { id: s.id, type: 'project', ...(project ? { project: formatProject(base, loadCatalog(db), project) } : {}) };
    }
    case 'user': {
      const u = findUserByAccountId(db, s.accountId);
      return { id: s.id, type: 'user', ...(u ? { user: formatUser(base, u) } : {}) };
    }
  }
}

/** The whole filter (GET /filter/{id}, create, update answers). */
export function formatFilter(db: Database, principal: Principal, base: string, row: FilterRow) {
  const owner = findUserByAccountId(db, row.owner_id) as UserRow;
  return {
    expand: 'sharedUsers,subscriptions',
    self: `${base}${API}/filter/${row.id}`,
    id: String(row.id),
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    owner: formatUser(base, owner),
    jql: row.jql,
    viewUrl: `${base}/issues/?filter=${row.id}`,
    searchUrl: `${base}${API}/search/jql?jql=${encodeURIComponent(row.jql)}`,
    favourite: false,
    favouritedCount: 0,
    sharePermissions: sharesOf(row).map((s) => formatShare(db, base, s)),
    editPermissions: [],
    isWritable: principal.kind === 'user' && principal.accountId === row.owner_id,
    sharedUsers: { size: 0, items: [], 'max-results': 1000, 'start-index': 0, 'end-index': 0 },
    subscriptions: { size: 0, items: [], 'max-results': 1000, 'start-index': 0, 'end-index': 0 },
  };
}

export interface FilterSearch {
  filterName?: string;
  accountId?: string;
  projectId?: string;
  ids?: number[];
  orderBy?: string;
  expand?: string[];
  startAt: number;
  maxResults: number;
}

/** GET /filter/search: the filters the caller may see, `filterName` a case-insensitive contains-match; id and name unless expanded. */
export function searchFilters(db: Database, principal: Principal, base: string, q: FilterSearch) {
  const expand = new Set(q.expand ?? []);
  const unknown = [...expand].filter((e) => !(EXPANDABLE as readonly string[]).includes(e));
  if (unknown.length > 0) throw badRequest(`Unrecognized expand value(s): ${unknown.join(', ')}`);
  const order = (q.orderBy ?? 'name').replace(/^\+/, '');
  const desc = order.startsWith('-');
  const field = desc ? order.slice(1) : order;
  if (!['name', 'id', 'owner', 'description'].includes(field)) throw badRequest(`Invalid orderBy value: ${q.orderBy ?? ''}`);
  const needle = q.filterName?.toLowerCase();
  const rows = (db.prepare('SELECT * FROM filters').all() as FilterRow[])
    .filter((r) => canSeeFilter(db, principal, r))
    .filter((r) => !needle || r.name.toLowerCase().includes(needle))
    .filter((r) => !q.accountId || r.owner_id === q.accountId)
    .filter((r) => !q.projectId || sharesOf(r).some((s) => s.type === 'project' && s.projectId === q.projectId))
    .filter((r) => !q.ids || q.ids.includes(r.id))
    .sort((a, b) => {
      const key = (r: FilterRow) => (field === 'id' ? r.id : field === 'owner' ? r.owner_id : field === 'description' ? r.description ?? '' : r.name.toLowerCase());
      const ka = key(a);
      const kb = key(b);
      const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
      return (desc ? -c : c) || a.id - b.id;
    });
  const values = rows.slice(q.startAt, q.startAt + q.maxResults).map((r) => {
    const full = formatFilter(db, principal, base, r) as Record<string, unknown>;
    const out: Record<string, unknown> = { expand: EXPANDABLE.join(','), self: full.self, id: full.id, name: full.name };
    for (const e of expand) if (full[e] !== undefined) out[e] = full[e];
    return out;
  });
  const self = `${base}${API}/filter/search?startAt=${q.startAt}&maxResults=${q.maxResults}`;
  const isLast = q.startAt + values.length >= rows.length;
  return { self, ...(isLast ? {} : { nextPage: `${base}${API}/filter/search?startAt=${q.startAt + q.maxResults}&maxResults=${q.maxResults}` }), maxResults: q.maxResults, startAt: q.startAt, total: rows.length, isLast, values };
}

/** GET /filter/my: the caller's own filters. */
export function myFilters(db: Database, principal: Principal, base: string) {
  if (principal.kind !== 'user') return [];
  return (db.prepare('SELECT * FROM filters WHERE owner_id = ? ORDER BY name COLLATE NOCASE').all(principal.accountId) as FilterRow[])
    .map((r) => formatFilter(db, principal, base, r));
}

/** Seeds a filter directly (the demo site and tests); the JQL is the caller's responsibility. */
export function insertFilter(db: Database, f: { id: number; name: string; jql: string; ownerId: string; description?: string; shares: Array<Omit<StoredShare, 'id'>> }): void {
  db.prepare('INSERT INTO filters (id, name, description, jql, owner_id, share_permissions) VALUES (?, ?, ?, ?, ?, ?)')
    .run(f.id, f.name, f.description ?? null, f.jql, f.ownerId, JSON.stringify(numbered(f.shares, f.id * 10)));
}
