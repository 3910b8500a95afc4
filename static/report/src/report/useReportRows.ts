import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError } from '../../../../src/shared/contract';
import type { ReportRow } from '../../../../src/domain/report-types';
import { call } from '../../../shared/api';

/** The first call asks for one page so rows show at once; later calls take bigger bites. */
const FIRST_PAGES = 1;
const LATER_PAGES = 10;

export interface ReportRowsState {
  rows: ReportRow[];
  loading: boolean;
  error?: ResolverError;
  jiraRequests: number;
  today?: string;
  stallDays?: number;
}

const INITIAL: ReportRowsState = { rows: [], loading: true, jiraRequests: 0 };

/** Loads every report page in a loop, appending rows as they arrive. */
export function useReportRows(): ReportRowsState & { reload: () => void } {
  const [state, setState] = useState<ReportRowsState>(INITIAL);
  const [generation, setGeneration] = useState(0);
  const active = useRef(0);

  useEffect(() => {
    const run = ++active.current;
    const stillCurrent = () => active.current === run;
    setState(INITIAL);
    void (async () => {
      let token: string | undefined;
      let first = true;
      do {
        const answer = await call('getReportPage', { nextPageToken: token, maxPages: first ? FIRST_PAGES : LATER_PAGES });
        if (!stillCurrent()) return;
        if (!answer.ok) {
          setState((s) => ({ ...s, loading: false, error: answer.error }));
          return;
        }
        const page = answer.data;
        setState((s) => ({
          rows: first ? page.rows : [...s.rows, ...page.rows],
          loading: Boolean(page.nextPageToken),
          jiraRequests: s.jiraRequests + page.jiraRequests,
          today: page.today,
          stallDays: page.stallDays,
        }));
        token = page.nextPageToken;
        first = false;
      } while (token);
    })();
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
