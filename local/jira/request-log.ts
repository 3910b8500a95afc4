/** Counts REST requests per route and per caller kind, so tests and benchmarks can prove "no per-epic request". */
type PrincipalKind = 'user' | 'app' | 'anonymous';

/** Set by the Forge runtime on the app's own requests: the module whose invocation made the request. */
export const INVOCATION_HEADER = 'x-local-invocation';

export interface RequestStats {
  total: number;
  byRoute: Record<string, number>;
  byPrincipal: Record<PrincipalKind, number>;
  byRouteAndPrincipal: Record<string, Record<PrincipalKind, number>>;
  /** Requests made by the app, per invoking module key (e.g. the gate's, a trigger's). */
  byModule: Record<string, number>;
}

let stats: RequestStats = emptyStats();

function emptyStats(): RequestStats {
  return { total: 0, byRoute: {}, byPrincipal: { user: 0, app: 0, anonymous: 0 }, byRouteAndPrincipal: {}, byModule: {} };
}

/** `route` is `METHOD /rest/api/3/pattern`, e.g. `POST /rest/api/3/issue/bulk`. */
export function recordRequest(route: string, principal: PrincipalKind, moduleKey?: string): void {
  stats.total += 1;
  if (moduleKey) stats.byModule[moduleKey] = (stats.byModule[moduleKey] ?? 0) + 1;
  stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
  stats.byPrincipal[principal] += 1;
  const perRoute = (stats.byRouteAndPrincipal[route] ??= { user: 0, app: 0, anonymous: 0 });
  perRoute[principal] += 1;
}

/** A deep copy: callers may keep it while counting goes on. */
export function getRequestStats(): RequestStats {
  return structuredClone(stats);
}

export function resetRequestStats(): void {
  stats = emptyStats();
}
