/**
 * The one place that knows Jira REST paths. A gateway is bound to a principal: 'user' applies the
 * invoking user's permissions, 'app' the app's (used after a permission check, or by the gate and the
 * trigger, which have no user).
 */
import { route, type Route } from '@forge/api';
import type { UserRef } from '../domain/record';
import { JiraError, collectionMessages, jiraMessages } from './errors';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from './retry';
import { forgeTransport, type JiraTransport, type Principal, type TransportRequest } from './transport';
import type { StatusCategoryKey } from '../domain/readiness-types';
import { statusCategoryOf, type BulkCreateResult, type CreateFieldMeta, type IssueTypeMeta, type JiraIssue, type JiraPermission, type PermissionTarget, type SearchPage } from './types';

export interface IssueQuery {
  fields: readonly string[];
  properties?: readonly string[];
}

export interface SearchQuery extends IssueQuery {
  maxResults?: number;
  nextPageToken?: string;
}

export interface JiraGateway {
  readonly principal: Principal;
  /** Jira requests sent so far, retries included (the report shows it; the benchmark checks it). */
  readonly requestCount: number;
  /** null when the issue does not exist or the principal cannot see it. */
  getIssue(idOrKey: string, query: IssueQuery): Promise<JiraIssue | null>;
  search(jql: string, query: SearchQuery): Promise<SearchPage>;
  myPermissions(target: PermissionTarget, keys: readonly string[]): Promise<Record<string, boolean>>;
  getUser(accountId: string): Promise<UserRef | null>;
  /**
   * Which of these issues (ids) the principal's user — or, given an account id, another user (needs the app or
   * an admin as principal) — holds a permission on, browse included: Jira's bulk permission check, one request
   * for up to 1,000 issues. Ids that do not exist are left out.
   */
  issuesWithPermission(issueIds: readonly string[], permission: JiraPermission, accountId?: string): Promise<Set<string>>;
  /** Whether Jira would let issues in the project be assigned to this user (the "Assignable user" permission). */
  isAssignable(projectKey: string, accountId: string): Promise<boolean>;
  setIssueProperty(idOrKey: string, propertyKey: string, value: unknown): Promise<void>;
  /** Removes the property; one that is already gone counts as removed. */
  deleteIssueProperty(idOrKey: string, propertyKey: string): Promise<void>;
  /** Creates up to any number of issues, 50 per request; partial success is reported per index. */
  bulkCreate(issueUpdates: readonly unknown[]): Promise<BulkCreateResult>;
  createmetaIssueTypes(projectKey: string): Promise<IssueTypeMeta[]>;
  /** Jira's own notification for an issue (mail by each recipient's Jira settings); recipients by account id. */
  notify(issueIdOrKey: string, message: { subject: string; textBody: string; htmlBody: string; accountIds: readonly string[] }): Promise<void>;
  /** The site's base URL (serverInfo's baseUrl without a trailing slash, e.g. https://example.atlassian.net; '' when Jira gives none), for links to issues in mail and the brief. */
  siteUrl(): Promise<string>;
  /** The fields of an issue type's create screen in the project (Jira's createmeta for one type, every page). */
  createFields(projectKey: string, issueTypeId: string): Promise<CreateFieldMeta[]>;
  /**
   * The user issues in the project can be assigned to whose display name is exactly `name` (letter case
   * aside), when exactly one is: how a name typed into the record becomes an assignee.
   */
  findAssignableUser(projectKey: string, name: string): Promise<UserRef | null>;
  /** The project's issue types with their hierarchy levels; needs only browse permission (createmeta needs create). */
  projectIssueTypes(projectIdOrKey: string): Promise<IssueTypeMeta[]>;
  /** A status's category (new, indeterminate, done); null when Jira has no such status. */
  statusCategory(statusIdOrName: string): Promise<StatusCategoryKey | null>;
  /** Every issue type of the site the principal can see (GET /issuetype): the portfolio's epic levels across projects. */
  issueTypes(): Promise<IssueTypeMeta[]>;
  /** The projects among `keys` the principal can browse (one GET /project/search); an unknown or hidden key is left out. */
  browsableProjects(keys: readonly string[]): Promise<Array<{ id: string; key: string; name: string }>>;
  /** Up to 50 projects the principal can browse whose key or name contains `query` (every one without), by key. */
  searchProjects(query?: string): Promise<Array<{ id: string; key: string; name: string }>>;
  /**
   * A saved filter the principal may see; null when Jira says it is not available (it answers 400 alike for
   * a filter that does not exist and one not shared with the principal).
   */
  savedFilter(id: string): Promise<{ id: string; name: string } | null>;
  /** Up to 50 saved filters the principal may see whose name contains `query` (all without), by name. */
  searchFilters(query?: string): Promise<Array<{ id: string; name: string }>>;
}

const BULK_CHUNK = 50;
/** Jira's bulk permission check takes at most 1,000 issues. */
const PERMISSION_CHECK_MAX = 1000;

export function createJiraGateway(principal: Principal, transport: JiraTransport = forgeTransport, policy: RetryPolicy = DEFAULT_RETRY_POLICY): JiraGateway {
  let requestCount = 0;

  async function send(path: Route, request: TransportRequest): Promise<{ status: number; text: string }> {
    const response = await sendWithRetry(() => {
      requestCount += 1;
      return transport(principal, path, request);
    }, policy);
    return { status: response.status, text: await response.text() };
  }
  const failure = (path: Route, status: number, text: string) => new JiraError(status, jiraMessages(text), path.value.split('?')[0]);

  async function call(path: Route, request: TransportRequest, allow404 = false): Promise<unknown> {
    const { status, text } = await send(path, request);
    if (allow404 && status === 404) return null;
    if (status < 200 || status > 299) throw failure(path, status, text);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  const issueParams = (query: IssueQuery): URLSearchParams => {
    const params = new URLSearchParams({ fields: query.fields.join(',') });
    if (query.properties?.length) params.set('properties', query.properties.join(','));
    return params;
  };

  const gateway: JiraGateway = {
    principal,
    get requestCount() {
      return requestCount;
    },

    async getIssue(idOrKey, query) {
      const body = await call(route`/rest/api/3/issue/${idOrKey}?${issueParams(query)}`, { method: 'GET' }, true);
      return body === null ? null : toIssue(body);
    },

    async search(jql, query) {
      const body = (await call(route`/rest/api/3/search/jql`, {
        method: 'POST',
        body: {
          jql,
          fields: query.fields,
          ...(query.properties?.length ? { properties: query.properties } : {}),
          maxResults: query.maxResults ?? 100,
          ...(query.nextPageToken ? { nextPageToken: query.nextPageToken } : {}),
        },
      })) as { issues?: unknown[]; nextPageToken?: string };
      return { issues: (body.issues ?? []).map(toIssue), ...(body.nextPageToken ? { nextPageToken: body.nextPageToken } : {}) };
    },

    async myPermissions(target, keys) {
      const params = new URLSearchParams({ ...target, permissions: keys.join(',') });
      const body = (await call(route`/rest/api/3/mypermissions?${params}`, { method: 'GET' })) as { permissions?: Record<string, { havePermission?: boolean }> };
      return Object.fromEntries(keys.map((k) => [k, body.permissions?.[k]?.havePermission === true]));
    },

    async getUser(accountId) {
      const body = (await call(route`/rest/api/3/user?${new URLSearchParams({ accountId })}`, { method: 'GET' }, true)) as { accountId?: string; displayName?: string } | null;
      if (!body?.accountId) return null;
      return { accountId: body.accountId, displayName: body.displayName ?? body.accountId };
    },

    async issuesWithPermission(issueIds, permission, accountId) {
      const allowed = new Set<string>();
      for (let start = 0; start < issueIds.length; start += PERMISSION_CHECK_MAX) {
        const issues = issueIds.slice(start, start + PERMISSION_CHECK_MAX).map(Number);
        const body = (await call(route`/rest/api/3/permissions/check`, {
          method: 'POST',
          body: { ...(accountId ? { accountId } : {}), projectPermissions: [{ permissions: [permission], issues }] },
        })) as { projectPermissions?: Array<{ permission?: string; issues?: number[] }> } | undefined;
        for (const p of body?.projectPermissions ?? []) if (p.permission === permission) for (const id of p.issues ?? []) allowed.add(String(id));
      }
      return allowed;
    },

    async isAssignable(projectKey, accountId) {
      const params = new URLSearchParams({ project: projectKey, accountId, maxResults: '50' });
      const body = (await call(route`/rest/api/3/user/assignable/search?${params}`, { method: 'GET' })) as Array<{ accountId?: string }> | null;
      return Array.isArray(body) && body.some((u) => u.accountId === accountId);
    },

    async setIssueProperty(idOrKey, propertyKey, value) {
      await call(route`/rest/api/3/issue/${idOrKey}/properties/${propertyKey}`, { method: 'PUT', body: value });
    },

    async deleteIssueProperty(idOrKey, propertyKey) {
      await call(route`/rest/api/3/issue/${idOrKey}/properties/${propertyKey}`, { method: 'DELETE' }, true);
    },

    async bulkCreate(issueUpdates) {
      const result: BulkCreateResult = { issues: [], errors: [] };
      for (let start = 0; start < issueUpdates.length; start += BULK_CHUNK) {
        const chunk = issueUpdates.slice(start, start + BULK_CHUNK);
        const path = route`/rest/api/3/issue/bulk`;
        const { status, text } = await send(path, { method: 'POST', body: { issueUpdates: chunk } });
        const body = bulkResponse(status, text);
        if (!body) throw failure(path, status, text);
        result.issues.push(...(body.issues ?? []).map((i) => ({ id: String(i.id), key: String(i.key) })));
        result.errors.push(...(body.errors ?? []).map((e) => ({ index: start + Number(e.failedElementNumber ?? 0), message: bulkErrorMessage(e) })));
      }
      return result;
    },

    async createmetaIssueTypes(projectKey) {
      const body = (await call(route`/rest/api/3/issue/createmeta/${projectKey}/issuetypes?${new URLSearchParams({ maxResults: '200' })}`, { method: 'GET' })) as {
        issueTypes?: RawIssueType[];
        values?: RawIssueType[];
      };
      return (body.issueTypes ?? body.values ?? []).map(toIssueTypeMeta);
    },

    async notify(issueIdOrKey, message) {
      const { accountIds, ...bodies } = message;
      await call(route`/rest/api/3/issue/${issueIdOrKey}/notify`, { method: 'POST', body: { ...bodies, to: { users: accountIds.map((accountId) => ({ accountId })) } } });
    },

    async siteUrl() {
      const body = (await call(route`/rest/api/3/serverInfo`, { method: 'GET' })) as { baseUrl?: string };
      return typeof body?.baseUrl === 'string' ? body.baseUrl.replace(/\/+$/, '') : '';
    },

    async createFields(projectKey, issueTypeId) {
      const fields: CreateFieldMeta[] = [];
      for (let startAt = 0; ; ) {
        const params = new URLSearchParams({ startAt: String(startAt), maxResults: '100' });
        const body = (await call(route`/rest/api/3/issue/createmeta/${projectKey}/issuetypes/${issueTypeId}?${params}`, { method: 'GET' })) as {
          fields?: RawField[];
          results?: RawField[];
          total?: number;
        };
        const page = body.fields ?? body.results ?? [];
        fields.push(...page.map(toCreateFieldMeta));
        startAt += page.length;
        if (page.length === 0 || startAt >= (body.total ?? 0)) return fields;
      }
    },

    async findAssignableUser(projectKey, name) {
      const wanted = name.trim().toLowerCase();
      if (!wanted) return null;
      const params = new URLSearchParams({ project: projectKey, query: name.trim(), maxResults: '20' });
      const body = (await call(route`/rest/api/3/user/assignable/search?${params}`, { method: 'GET' })) as Array<{ accountId?: string; displayName?: string }> | null;
      const matches = (Array.isArray(body) ? body : []).filter((u) => u.accountId && u.displayName?.trim().toLowerCase() === wanted);
      return matches.length === 1 ? { accountId: matches[0].accountId!, displayName: matches[0].displayName! } : null;
    },

    async projectIssueTypes(projectIdOrKey) {
      const body = (await call(route`/rest/api/3/project/${projectIdOrKey}`, { method: 'GET' })) as { issueTypes?: RawIssueType[] };
      return (body.issueTypes ?? []).map(toIssueTypeMeta);
    },

    async statusCategory(statusIdOrName) {
      const body = (await call(route`/rest/api/3/status/${statusIdOrName}`, { method: 'GET' }, true)) as { statusCategory?: { key?: string } } | null;
      return body === null ? null : statusCategoryOf({ fields: { status: { statusCategory: body.statusCategory } } });
    },

    async issueTypes() {
      const body = (await call(route`/rest/api/3/issuetype`, { method: 'GET' })) as RawIssueType[];
      return (Array.isArray(body) ? body : []).map(toIssueTypeMeta);
    },

    async browsableProjects(keys) {
      if (keys.length === 0) return [];
      // /project/search lists only what the caller may browse; 50 keys fit one page of its maximum.
      const params = new URLSearchParams([...keys.map((k): [string, string] => ['keys', k]), ['maxResults', '50']]);
      const body = (await call(route`/rest/api/3/project/search?${params}`, { method: 'GET' })) as { values?: Array<{ id: string | number; key: string; name: string }> };
      return (body.values ?? []).map((p) => ({ id: String(p.id), key: String(p.key), name: String(p.name) }));
    },

    async searchProjects(query) {
      const params = new URLSearchParams({ maxResults: '50', orderBy: 'key', ...(query ? { query } : {}) });
      const body = (await call(route`/rest/api/3/project/search?${params}`, { method: 'GET' })) as { values?: Array<{ id: string | number; key: string; name: string }> };
      return (body.values ?? []).map((p) => ({ id: String(p.id), key: String(p.key), name: String(p.name) }));
    },

    async savedFilter(id) {
      const path = route`/rest/api/3/filter/${id}`;
      const { status, text } = await send(path, { method: 'GET' });
      if (status === 400 || status === 404) return null;
      if (status < 200 || status > 299) throw failure(path, status, text);
      const body = JSON.parse(text) as { id?: string | number; name?: string };
      return { id: String(body.id ?? id), name: String(body.name ?? '') };
    },

    async searchFilters(query) {
      const params = new URLSearchParams({ maxResults: '50', orderBy: 'name', ...(query ? { filterName: query } : {}) });
      const body = (await call(route`/rest/api/3/filter/search?${params}`, { method: 'GET' })) as { values?: Array<{ id: string | number; name: string }> };
      return (body.values ?? []).map((f) => ({ id: String(f.id), name: String(f.name) }));
    },
  };
  return gateway;
}

interface RawIssueType {
  id: string | number;
  name: string;
  subtask?: boolean;
  hierarchyLevel?: number;
}

interface RawField {
  fieldId?: string;
  key?: string;
  name?: string;
  required?: boolean;
  hasDefaultValue?: boolean;
}

const toCreateFieldMeta = (f: RawField): CreateFieldMeta => ({
  fieldId: String(f.fieldId ?? f.key ?? ''),
  name: String(f.name ?? f.fieldId ?? f.key ?? ''),
  required: f.required === true,
  hasDefaultValue: f.hasDefaultValue === true,
});

const toIssueTypeMeta = (t: RawIssueType): IssueTypeMeta => ({ id: String(t.id), name: String(t.name), subtask: t.subtask === true, hierarchyLevel: Number(t.hierarchyLevel ?? 0) });

interface RawBulkResponse {
  issues?: Array<{ id: string | number; key: string }>;
  errors?: Array<{ failedElementNumber?: number; status?: number; elementErrors?: { errorMessages?: string[]; errors?: Record<string, string> } }>;
}

/**
 * A bulk create answers 201 when any element succeeded and 400 with the same shape when every element
 * failed (`{issues: [], errors: [{failedElementNumber, elementErrors, status}]}`): both are per-element
 * results. Any other answer (a 400 for the request as a whole, a 403, a 5xx) is undefined: a failure.
 */
function bulkResponse(status: number, text: string): RawBulkResponse | undefined {
  let body: RawBulkResponse;
  try {
    body = (text ? JSON.parse(text) : {}) as RawBulkResponse;
  } catch {
    return undefined;
  }
  if (status >= 200 && status <= 299) return body;
  const perElement = status === 400 && Array.isArray(body.errors) && body.errors.length > 0
    && body.errors.every((e) => Number.isInteger(e?.failedElementNumber));
  return perElement ? body : undefined;
}

/** The element's own reason, in Jira's words (they name the field: "Compliance owner is required."). */
function bulkErrorMessage(e: NonNullable<RawBulkResponse['errors']>[number]): string {
  return collectionMessages(e.elementErrors).join(' ') || `Jira refused this issue (${e.status ?? 'unknown status'}).`;
}

function toIssue(raw: unknown): JiraIssue {
  const r = raw as { id: string | number; key: string; fields?: JiraIssue['fields']; properties?: Record<string, unknown> };
  return { id: String(r.id), key: r.key, fields: r.fields ?? {}, ...(r.properties ? { properties: r.properties } : {}) };
}

/** A gateway as the app for one invocation (request counts are per invocation). */
export const appJira = (): JiraGateway => createJiraGateway('app');
