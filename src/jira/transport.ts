/**
 * How the gateway reaches Jira. A parameter so retries and paging can be tested with a plain function;
 * production uses `forgeTransport`, which goes through `@forge/api` (asUser or asApp).
 */
import api, { type Route } from '@forge/api';

/** Whose permissions Jira applies: the invoking user's, or the app's (the gate has no user). */
export type Principal = 'user' | 'app';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type JiraTransport = (principal: Principal, path: Route, request: TransportRequest) => Promise<TransportResponse>;

export const forgeTransport: JiraTransport = async (principal, path, request) => {
  const requester = principal === 'user' ? api.asUser() : api.asApp();
  return requester.requestJira(path, {
    method: request.method,
    headers: { Accept: 'application/json', ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  });
};
