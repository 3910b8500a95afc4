import type { ReportRow } from '@src/domain/report-types';
import type { ReportRowsPage, ReportStart, Result } from '@src/shared/contract';
import { call, readPartitions, takeEarly, useResolver } from '@ui/api';

export interface ReportRows {
  rows: ReportRow[];
  /** False while later pages are still coming. */
  complete: boolean;
  jiraRequests: number;
  today?: string;
  stallDays?: number;
}

/**
 * Loads the report: getReportStart (the first page, started by main.tsx before the UI loaded, and a plan of
 * id ranges), then the ranges, several calls side by side, each reading its ranges at once; rows show as
 * they arrive. Ranges never overlap, so no initiative is shown twice; rows are kept by issue id all the same.
 */
export function useReportRows() {
  return useResolver<ReportRows>(async (progress): Promise<Result<ReportRows>> => {
    const start = await (takeEarly('getReportStart') ?? call('getReportStart', {}));
    if (!start.ok) return start;
    const rows = new Map<string, ReportRow>();
    let state: Omit<ReportRows, 'rows' | 'complete'> = { jiraRequests: 0 };
    const take = (page: Pick<ReportStart, 'rows' | 'jiraRequests'> & Partial<Pick<ReportRowsPage, 'today' | 'stallDays'>>) => {
      page.rows.forEach((r) => rows.set(r.issueId, r));
      state = { jiraRequests: state.jiraRequests + page.jiraRequests, today: page.today ?? state.today, stallDays: page.stallDays ?? state.stallDays };
    };
    const snapshot = (complete: boolean): ReportRows => ({ rows: [...rows.values()], complete, ...state });
    take(start.data);

    const { plan } = start.data;
    if (plan.partitions.length === 0 && plan.after === undefined) return { ok: true, data: snapshot(true) };
    progress(snapshot(false));
    const failure = await readPartitions<ReportRowsPage>({
      plan,
      planMore: (after) => call('getReportPlan', { after }),
      read: (partitions) => call('getReportRows', { partitions }),
      onPage: take,
      onPlanned: (jiraRequests) => (state = { ...state, jiraRequests: state.jiraRequests + jiraRequests }),
      onProgress: () => progress(snapshot(false)),
    });
    if (failure) return failure;
    return { ok: true, data: snapshot(true) };
  }, []);
}
