import crypto from 'node:crypto';
import type { Database } from '../db';
import type { Principal } from '../auth';
import type { IssueRow } from './catalog';
import { JiraError } from './errors';
import { resolveFieldSelection } from './format';
import { viewIssues } from './issue-view';
import { browsableProjectIds } from './permissions';
import { compileJql, type JqlContext } from './jql/compile';
import { filtersNamedBy } from './filters';
import type { EntityPropertyIndex } from './jql/entity-properties';

/** Jira's enhanced search (`/search/jql`): token paging, `{id}` only unless fields are asked for. */
export interface SearchRequest {
  jql?: string;
  fields?: string[];
  properties?: string[];
  maxResults?: number;
  nextPageToken?: string;
}

export interface SearchResponse {
  issues: Array<Record<string, unknown>>;
  nextPageToken?: string;
  isLast: boolean;
}

export const DEFAULT_MAX_RESULTS = 50;
export const MAX_RESULTS_WITH_FIELDS = 100;
export const MAX_RESULTS_IDS_ONLY = 5000;

function jqlHash(jql: string): string {
  return crypto.createHash('sha256').update(jql).digest('base64url').slice(0, 16);
}

export function encodePageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, h: jqlHash(jql) })).toString('base64url');
}

/** The offset a token stands for; a token from another query, or garbage, is a 400. */
export function decodePageToken(jql: string, token: string): number {
  const invalid = new JiraError(400, ['The nextPageToken is invalid or does not belong to this query.']);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const p = parsed as { o?: unknown; h?: unknown };
  if (typeof p !== 'object' || p === null || !Number.isInteger(p.o) || (p.o as number) < 0 || p.h !== jqlHash(jql)) throw invalid;
  return p.o as number;
}

/** The JQL context of a caller: their account for currentUser() and the saved filters they may see. */
export function jqlContext(db: Database, principal: Principal, properties: EntityPropertyIndex, filterStack?: number[]): JqlContext {
  return {
    db,
    currentAccountId: principal.kind === 'user' ? principal.accountId : null,
    properties,
    savedFilters: (value) => filtersNamedBy(db, principal, value),
    ...(filterStack ? { filterStack } : {}),
  };
}

export function searchIssues(
  db: Database,
  principal: Principal,
  req: SearchRequest,
  env: { base: string; properties: EntityPropertyIndex },
): SearchResponse {
  const jql = req.jql ?? '';
  const asksForFields = (req.fields ?? []).some((f) => f !== 'id');
  const limit = asksForFields ? MAX_RESULTS_WITH_FIELDS : MAX_RESULTS_IDS_ONLY;
  if (req.maxResults !== undefined && (!Number.isInteger(req.maxResults) || req.maxResults < 0)) {
    throw new JiraError(400, ['maxResults must be a non-negative integer.']);
  }
  const pageSize = Math.max(1, Math.min(req.maxResults ?? DEFAULT_MAX_RESULTS, limit));
  const offset = req.nextPageToken ? decodePageToken(jql, req.nextPageToken) : 0;

  const compiled = compileJql(jql, jqlContext(db, principal, env.properties));
  const visible = browsableProjectIds(db, principal);
  const visibility = visible === null ? '' : ' AND i.project_id IN (SELECT value FROM json_each(?))';
  const params = [...compiled.params, ...(visible === null ? [] : [JSON.stringify(visible)]), pageSize + 1, offset];
  const rows = db.prepare(`SELECT i.* FROM issues i WHERE ${compiled.where}${visibility} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`)
    .all(...params) as IssueRow[];

  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const issues = viewIssues(db, page, {
    base: env.base,
    fields: asksForFields ? resolveFieldSelection(req.fields, false) : null,
    properties: req.properties === undefined || req.properties.length === 0 ? undefined
      : req.properties.includes('*all') ? null : req.properties,
  });
  const response: SearchResponse = { issues, isLast: !hasMore };
  if (hasMore) response.nextPageToken = encodePageToken(jql, offset + pageSize);
  return response;
}
