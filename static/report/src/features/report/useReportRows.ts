import type { ReportRow } from '@src/domain/report-types';
import { PARTITIONS_PER_CALL, type ReportPartition } from '@src/domain/report-partitions';
import type { ReportRowsPage, ReportStart, Result } from '@src/shared/contract';
import { call, takeEarly, useResolver } from '@ui/api';

/**
 * Report calls in flight at once. With 10 partitions (one search page each) a call, 5,000 initiatives are
 * the first call and then 5 side by side: on Forge about two invocations' time instead of 50 searches in a
 * row (issue 12). More at once would mostly add cold starts and Jira rate limiting.
 */
const CALLS_AT_ONCE = 5;
/** A call Jira refused for the moment (429 beyond the server's own retries, 503) is tried again this often. */
const RETRIES = 2;
const RETRY_DELAY_MS = 1500;

export interface ReportRows {
  rows: ReportRow[];
  /** False while later pages are still coming. */
  complete: boolean;
  jiraRequests: number;
  today?: string;
  stallDays?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetries<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await run();
    if (answer.ok || answer.error.code !== 'JIRA_ERROR' || attempt >= RETRIES) return answer;
    await sleep(RETRY_DELAY_MS * (attempt + 1));
  }
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

    const queue: ReportPartition[] = [...start.data.plan.partitions];
    let after = start.data.plan.after;
    if (queue.length === 0 && after === undefined) return { ok: true, data: snapshot(true) };
    progress(snapshot(false));

    let failure: Result<never> | undefined;
    let running = 0;
    await new Promise<void>((done) => {
      const launch = () => {
        if (failure) return running === 0 && done();
        // Ids beyond the first 5,000: plan them while the known ranges are read.
        if (after !== undefined && running < CALLS_AT_ONCE) {
          const from = after;
          after = undefined;
          running += 1;
          void withRetries(() => call('getReportPlan', { after: from })).then((answer) => {
            running -= 1;
            if (!answer.ok) failure = answer;
            else {
              queue.push(...answer.data.plan.partitions);
              after = answer.data.plan.after;
              state = { ...state, jiraRequests: state.jiraRequests + answer.data.jiraRequests };
            }
            launch();
          });
        }
        while (!failure && queue.length > 0 && running < CALLS_AT_ONCE) {
          const partitions = queue.splice(0, PARTITIONS_PER_CALL);
          running += 1;
          void withRetries(() => call('getReportRows', { partitions })).then((answer) => {
            running -= 1;
            if (!answer.ok) failure = answer;
            else {
              take(answer.data);
              queue.push(...answer.data.unfinished);
              if (queue.length > 0 || running > 0 || after !== undefined) progress(snapshot(false));
            }
            launch();
          });
        }
        if (running === 0 && (failure || (queue.length === 0 && after === undefined))) done();
      };
      launch();
    });
    if (failure) return failure;
    return { ok: true, data: snapshot(true) };
  }, []);
}
