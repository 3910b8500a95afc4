import type { Catalog, IssueRow, IssueTypeRow, ProjectRow, StatusRow, UserRow } from './catalog';
import { jiraDate, projectIssueTypes } from './catalog';

/** Shapes rows into Jira Cloud v3 JSON. `base` is the site URL the caller used (`http://127.0.0.1:port`). */

const API = '/rest/api/3';

function initialsAvatar(label: string, size: number): string {
  const initials = label.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 48 48">` +
    `<circle cx="24" cy="24" r="24" fill="#0052CC"/><text x="24" y="30" font-family="sans-serif" font-size="18" ` +
    `fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

function avatarUrls(label: string) {
  return { '48x48': initialsAvatar(label, 48), '24x24': initialsAvatar(label, 24), '16x16': initialsAvatar(label, 16), '32x32': initialsAvatar(label, 32) };
}

export function formatUser(base: string, u: UserRow) {
  return {
    self: `${base}${API}/user?accountId=${u.account_id}`,
    accountId: u.account_id,
    accountType: 'atlassian',
    emailAddress: u.email,
    avatarUrls: avatarUrls(u.display_name),
    displayName: u.display_name,
    active: u.active === 1,
    timeZone: u.time_zone,
    locale: 'en_US',
  };
}

export function formatStatusCategory(base: string, c: { id: number; key: string; name: string; color_name: string }) {
  return { self: `${base}${API}/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.color_name, name: c.name };
}

export function formatStatus(base: string, cat: Catalog, s: StatusRow) {
  const category = cat.categories.get(s.category_id);
  return {
    self: `${base}${API}/status/${s.id}`,
    description: s.description,
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: category ? formatStatusCategory(base, category) : undefined,
  };
}

export function formatIssueType(base: string, t: IssueTypeRow) {
  return {
    self: `${base}${API}/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${base}/images/icons/issuetypes/${t.icon}.svg`,
    name: t.name,
    subtask: t.subtask === 1,
    avatarId: 10300 + Number(t.id) % 100,
    hierarchyLevel: t.hierarchy_level,
  };
}

export function formatProjectRef(base: string, p: ProjectRow) {
  return {
    self: `${base}${API}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.project_type_key,
    simplified: p.style !== 'classic',
    avatarUrls: avatarUrls(p.name),
  };
}

export function formatProject(base: string, cat: Catalog, p: ProjectRow) {
  const lead = p.lead_account_id ? cat.users.get(p.lead_account_id) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...formatProjectRef(base, p),
    description: p.description,
    lead: lead ? formatUser(base, lead) : undefined,
    issueTypes: projectIssueTypes(cat, p.id).map((t) => formatIssueType(base, t)),
    assigneeType: 'UNASSIGNED',
    style: p.style,
    isPrivate: false,
    properties: {},
    entityId: `00000000-0000-4000-8000-${p.id.padStart(12, '0')}`,
    uuid: `00000000-0000-4000-8000-${p.id.padStart(12, '0')}`,
  };
}

export function issueSelf(base: string, id: number): string {
  return `${base}${API}/issue/${id}`;
}

/** Everything `fields` can hold for an issue, computed lazily so a search only pays for what it asks. */
export const ISSUE_FIELD_NAMES = [
  'summary', 'status', 'issuetype', 'project', 'assignee', 'reporter', 'creator', 'parent', 'labels', 'description',
  'created', 'updated', 'resolutiondate', 'resolution', 'subtasks', 'statuscategorychangedate', 'duedate',
] as const;

export interface IssueShapeContext {
  base: string;
  catalog: Catalog;
  /** Loads issues by id (parents, sub-tasks), cached by the caller. */
  issueById: (id: number) => IssueRow | undefined;
  subtasksOf: (id: number) => IssueRow[];
}

export function issueFieldValue(ctx: IssueShapeContext, row: IssueRow, field: string): unknown {
  const { base, catalog } = ctx;
  const user = (id: string | null) => {
    const u = id ? catalog.users.get(id) : undefined;
    return u ? formatUser(base, u) : null;
  };
  const status = (id: string) => {
    const s = catalog.statuses.get(id);
    return s ? formatStatus(base, catalog, s) : null;
  };
  const type = (id: string) => {
    const t = catalog.issueTypes.get(id);
    return t ? formatIssueType(base, t) : null;
  };
  switch (field) {
    case 'summary': return row.summary;
    case 'status': return status(row.status_id);
    case 'issuetype': return type(row.issuetype_id);
    case 'project': {
      const p = catalog.projects.get(row.project_id);
      return p ? formatProjectRef(base, p) : null;
    }
    case 'assignee': return user(row.assignee_id);
    case 'reporter':
    case 'creator': return user(row.reporter_id);
    case 'labels': return JSON.parse(row.labels) as string[];
    case 'description': return row.description === null ? null : JSON.parse(row.description);
    case 'created': return jiraDate(row.created);
    case 'updated': return jiraDate(row.updated);
    // Seeded rows carry no change time: a resolved one changed category when it was resolved, others when created.
    case 'statuscategorychangedate': return jiraDate(row.status_category_changed ?? row.resolutiondate ?? row.created);
    case 'resolutiondate': return jiraDate(row.resolutiondate);
    case 'duedate': return row.duedate;
    case 'resolution':
      return row.resolutiondate === null ? null
        : { self: `${base}${API}/resolution/10000`, id: '10000', description: 'Work has been completed on this issue.', name: 'Done' };
    case 'parent': {
      if (row.parent_id === null) return undefined;
      const parent = ctx.issueById(row.parent_id);
      if (!parent) return undefined;
      return {
        id: String(parent.id), key: parent.key, self: issueSelf(base, parent.id),
        fields: { summary: parent.summary, status: status(parent.status_id), issuetype: type(parent.issuetype_id) },
      };
    }
    case 'subtasks':
      return ctx.subtasksOf(row.id).map((s) => ({
        id: String(s.id), key: s.key, self: issueSelf(base, s.id),
        fields: { summary: s.summary, status: status(s.status_id), issuetype: type(s.issuetype_id) },
      }));
    default: return undefined;
  }
}

/**
 * Which fields a `fields` parameter asks for: `*all`/`*navigable` mean every field, `-name` removes one,
 * `id`/`key` alone ask for no field. `undefined` means the endpoint's default.
 */
export function resolveFieldSelection(raw: string[] | undefined, defaultAll: boolean): Set<string> {
  const selected = new Set<string>();
  const list = raw ?? (defaultAll ? ['*all'] : []);
  for (const f of list) {
    if (f === '*all' || f === '*navigable') [...ISSUE_FIELD_NAMES, ALL_CUSTOM_FIELDS].forEach((n) => selected.add(n));
  }
  for (const f of list) {
    if (f.startsWith('-')) selected.delete(f.slice(1));
    else if ((ISSUE_FIELD_NAMES as readonly string[]).includes(f) || CUSTOM_FIELD.test(f)) selected.add(f);
  }
  return selected;
}

/** In a field selection: every custom field the issue has a value for (`*all`, `*navigable`). */
export const ALL_CUSTOM_FIELDS = '*custom';
export const CUSTOM_FIELD = /^customfield_\d+$/;

/** Splits `a,b` or repeated query parameters into a list. */
export function splitList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
}
