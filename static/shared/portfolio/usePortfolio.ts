/**
 * Loads the portfolio as the report loads (issue 12): getPortfolioStart (the first page by id, and a plan of
 * id ranges), then the ranges, several calls side by side, each reading its ranges at once; rows show as
 * they arrive. Ranges never overlap, so no initiative is shown twice; rows are kept by issue id all the same.
 * The flow metrics load beside them.
 */
import { call, readPartitions, takeEarly, useResolver } from '@ui/api';
import type { PortfolioFlow, PortfolioRow, PortfolioRowsPage, Result } from '@src/shared/contract';

export interface PortfolioData {
  rows: PortfolioRow[];
  today: string;
  jiraRequests: number;
  complete: boolean;
  /** A gadget configured with a saved filter: the filter, as Jira names it now. */
  filter?: { id: string; name: string };
}

/** Rows arrive range by range; shown by key as Jira orders keys (project, then number), however they arrived. */
const numberOf = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));
const byKey = (a: PortfolioRow, b: PortfolioRow) => a.project.key.localeCompare(b.project.key) || numberOf(a.key) - numberOf(b.key);

export function usePortfolioRows(projectKeys?: string[]) {
  const key = projectKeys?.join(',') ?? '';
  return useResolver<PortfolioData>(
    async (progress): Promise<Result<PortfolioData>> => {
      const scope = key ? { projectKeys: key.split(',') } : {};
      // The portfolio page's entry module asked for the unfiltered start already (main.tsx).
      const start = await ((key ? undefined : takeEarly('getPortfolioStart')) ?? call('getPortfolioStart', scope));
      if (!start.ok) return start;
      const rows = new Map<string, PortfolioRow>();
      let today = start.data.today;
      let jiraRequests = 0;
      const take = (page: { rows: PortfolioRow[]; jiraRequests: number; today?: string }) => {
        page.rows.forEach((r) => rows.set(r.issueId, r));
        jiraRequests += page.jiraRequests;
        today = page.today ?? today;
      };
      const { filter } = start.data;
      const snapshot = (complete: boolean): PortfolioData => ({ rows: [...rows.values()].sort(byKey), today, jiraRequests, complete, ...(filter ? { filter } : {}) });
      take(start.data);

      const { plan } = start.data;
      if (plan.partitions.length === 0 && plan.after === undefined) return { ok: true, data: snapshot(true) };
      progress(snapshot(false));
      const failure = await readPartitions<PortfolioRowsPage>({
        plan,
        planMore: (after) => call('getPortfolioPlan', { ...scope, after }),
        read: (partitions) => call('getPortfolioRows', { ...scope, partitions }),
        onPage: take,
        onPlanned: (n) => (jiraRequests += n),
        onProgress: () => progress(snapshot(false)),
      });
      if (failure) return failure;
      return { ok: true, data: snapshot(true) };
    },
    [key],
  );
}

export function usePortfolioFlow(projectKeys?: string[]) {
  const key = projectKeys?.join(',') ?? '';
  return useResolver<PortfolioFlow>(() => call('getPortfolioFlow', key ? { projectKeys: key.split(',') } : {}), [key]);
}
