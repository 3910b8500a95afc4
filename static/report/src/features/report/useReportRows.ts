import type { ReportRow } from '@src/domain/report-types';
import type { Result } from '@src/shared/contract';
import { call, useResolver } from '@ui/api';

/** The first call asks for one page so rows show at once; later calls take bigger bites. */
const FIRST_PAGES = 1;
const LATER_PAGES = 10;

export interface ReportRows {
  rows: ReportRow[];
  /** False while later pages are still coming. */
  complete: boolean;
  jiraRequests: number;
  today?: string;
  stallDays?: number;
}

/** Loads every report page in turn; rows show as their pages arrive. */
export function useReportRows() {
  return useResolver<ReportRows>(async (progress): Promise<Result<ReportRows>> => {
    let sofar: ReportRows = { rows: [], complete: false, jiraRequests: 0 };
    let token: string | undefined;
    do {
      const answer = await call('getReportPage', { nextPageToken: token, maxPages: token ? LATER_PAGES : FIRST_PAGES });
      if (!answer.ok) return answer;
      const page = answer.data;
      token = page.nextPageToken;
      sofar = {
        rows: [...sofar.rows, ...page.rows],
        complete: !token,
        jiraRequests: sofar.jiraRequests + page.jiraRequests,
        today: page.today,
        stallDays: page.stallDays,
      };
      if (token) progress(sofar);
    } while (token);
    return { ok: true, data: sofar };
  }, []);
}
