/** Loads every page of the portfolio (rows shown as pages arrive) and its flow metrics, side by side. */
import { call, useResolver } from '@ui/api';
import type { PortfolioFlow, PortfolioPage, PortfolioRow, Result } from '@src/shared/contract';

export interface PortfolioData {
  rows: PortfolioRow[];
  today: string;
  jiraRequests: number;
  complete: boolean;
}

export function usePortfolioRows(projectKeys?: string[]) {
  const key = projectKeys?.join(',') ?? '';
  return useResolver<PortfolioData>(
    async (progress): Promise<Result<PortfolioData>> => {
      const keys = key ? key.split(',') : undefined;
      let rows: PortfolioRow[] = [];
      let token: string | undefined;
      let requests = 0;
      let page: PortfolioPage;
      do {
        const r = await call('getPortfolioPage', { ...(keys ? { projectKeys: keys } : {}), ...(token ? { nextPageToken: token } : {}) });
        if (!r.ok) return r;
        page = r.data;
        rows = [...rows, ...page.rows];
        requests += page.jiraRequests;
        token = page.nextPageToken;
        if (token) progress({ rows, today: page.today, jiraRequests: requests, complete: false });
      } while (token);
      return { ok: true, data: { rows, today: page.today, jiraRequests: requests, complete: true } };
    },
    [key],
  );
}

export function usePortfolioFlow(projectKeys?: string[]) {
  const key = projectKeys?.join(',') ?? '';
  return useResolver<PortfolioFlow>(() => call('getPortfolioFlow', key ? { projectKeys: key.split(',') } : {}), [key]);
}
