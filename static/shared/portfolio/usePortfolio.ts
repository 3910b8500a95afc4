/**
 * Loads the portfolio as the report loads (issue 12): getPortfolioStart (the first page by id, and a plan of
 * id ranges), then the ranges, several calls side by side, each reading its ranges at once; rows show as
 * they arrive. Ranges never overlap, so no initiative is shown twice; rows are kept by issue id all the same.
 * The flow metrics load beside them.
 */
import { call, takeEarly, useResolver } from '@ui/api';
import { PARTITIONS_PER_CALL, type ReportPartition } from '@src/domain/report-partitions';
import type { PortfolioFlow, PortfolioRow, Result } from '@src/shared/contract';

/** Portfolio calls in flight at once: as the report's (5,000 initiatives in about two invocations' time). */
const CALLS_AT_ONCE = 5;
/** A call Jira refused for the moment (429 beyond the server's own retries, 503) is tried again this often. */
const RETRIES = 2;
const RETRY_DELAY_MS = 1500;

export interface PortfolioData {
  rows: PortfolioRow[];
  today: string;
  jiraRequests: number;
  complete: boolean;
}

/** Rows arrive range by range; shown by key as Jira orders keys (project, then number), however they arrived. */
const numberOf = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));
const byKey = (a: PortfolioRow, b: PortfolioRow) => a.project.key.localeCompare(b.project.key) || numberOf(a.key) - numberOf(b.key);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetries<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await run();
    if (answer.ok || answer.error.code !== 'JIRA_ERROR' || attempt >= RETRIES) return answer;
    await sleep(RETRY_DELAY_MS * (attempt + 1));
  }
}

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
      const snapshot = (complete: boolean): PortfolioData => ({ rows: [...rows.values()].sort(byKey), today, jiraRequests, complete });
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
            void withRetries(() => call('getPortfolioPlan', { ...scope, after: from })).then((answer) => {
              running -= 1;
              if (!answer.ok) failure = answer;
              else {
                queue.push(...answer.data.plan.partitions);
                after = answer.data.plan.after;
                jiraRequests += answer.data.jiraRequests;
              }
              launch();
            });
          }
          while (!failure && queue.length > 0 && running < CALLS_AT_ONCE) {
            const partitions = queue.splice(0, PARTITIONS_PER_CALL);
            running += 1;
            void withRetries(() => call('getPortfolioRows', { ...scope, partitions })).then((answer) => {
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
    },
    [key],
  );
}

export function usePortfolioFlow(projectKeys?: string[]) {
  const key = projectKeys?.join(',') ?? '';
  return useResolver<PortfolioFlow>(() => call('getPortfolioFlow', key ? { projectKeys: key.split(',') } : {}), [key]);
}
