/**
 * The report's route: which view (the report, its settings, the print view) and, in the query, the
 * filters and sort, so a filtered view is a URL someone can share. Anything in a URL that is not a known
 * value is left out (a hand-edited link shows the unfiltered report, never an error).
 */
import { READINESS_LEVELS, type ReadinessLevel } from '@src/domain/readiness-types';
import { REPORT_SORT_COLUMNS, type ReportFilter, type ReportSortColumn, type SortDirection } from '@src/domain/report';
import type { ReportFlag } from '@src/domain/report-types';
import type { AppLocation } from '@ui/router';
import { FLAG_ORDER } from './flags';

export type ReportView = 'report' | 'settings' | 'print';

export interface SortState {
  by: ReportSortColumn;
  dir: SortDirection;
}

export interface ReportRoute {
  view: ReportView;
  filter: ReportFilter;
  sort: SortState;
}

export const DEFAULT_SORT: SortState = { by: 'key', dir: 'asc' };
const PATHS: Record<ReportView, string> = { report: '/', settings: '/settings', print: '/print' };
const NO_OWNER = 'none';
const MAX_TEXT = 200;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined);

export function routeOf(location: AppLocation): ReportRoute {
  const view = (Object.keys(PATHS) as ReportView[]).find((v) => PATHS[v] === location.pathname.replace(/\/+$/, '') || (v === 'report' && location.pathname === '/')) ?? 'report';
  const q = new URLSearchParams(location.search);
  const filter: ReportFilter = {};
  const level = oneOf<ReadinessLevel>(READINESS_LEVELS, q.get('level'));
  if (level) filter.level = level;
  const owner = q.get('owner');
  if (owner) filter.ownerAccountId = owner === NO_OWNER ? null : owner.slice(0, 128);
  const flag = oneOf<ReportFlag>(FLAG_ORDER, q.get('flag'));
  if (flag) filter.flag = flag;
  if (q.get('purgatory') === '1') filter.inPurgatory = true;
  const text = q.get('q');
  if (text) filter.text = text.slice(0, MAX_TEXT);
  const by = oneOf<ReportSortColumn>(REPORT_SORT_COLUMNS, q.get('sort')) ?? DEFAULT_SORT.by;
  const dir = oneOf<SortDirection>(['asc', 'desc'], q.get('dir')) ?? 'asc';
  return { view, filter, sort: { by, dir } };
}

/** The URL of a route; the defaults are left out, so the plain report is the app's plain address. */
export function locationOf(route: ReportRoute): AppLocation {
  const q = new URLSearchParams();
  const { filter, sort } = route;
  if (filter.level) q.set('level', filter.level);
  if (filter.ownerAccountId !== undefined) q.set('owner', filter.ownerAccountId ?? NO_OWNER);
  if (filter.flag) q.set('flag', filter.flag);
  if (filter.inPurgatory) q.set('purgatory', '1');
  if (filter.text) q.set('q', filter.text);
  if (sort.by !== DEFAULT_SORT.by || sort.dir !== DEFAULT_SORT.dir) {
    q.set('sort', sort.by);
    q.set('dir', sort.dir);
  }
  const search = q.toString();
  return { pathname: PATHS[route.view], search: search ? `?${search}` : '' };
}

/** Whether any filter narrows the rows. */
export const isFiltered = (filter: ReportFilter): boolean =>
  filter.level !== undefined || filter.ownerAccountId !== undefined || filter.flag !== undefined || filter.inPurgatory === true || Boolean(filter.text?.trim());
