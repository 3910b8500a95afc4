import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../../../../src/domain/record';
import type { ResolverError } from '../../../../../../src/shared/contract';
import { call } from '../../../../../shared/api';

/**
 * The epic's whole history, joined from its pages (a long history never fits one answer), refetched
 * whenever the record's version changes so the trail includes the user's own last save. `loaded` counts
 * the entries received while pages are still coming.
 */
export function useHistory(version: number) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [error, setError] = useState<ResolverError | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const all: HistoryEntry[] = [];
      let cursor: string | undefined;
      do {
        const r = await call('getHistory', cursor ? { cursor } : {});
        if (!live) return;
        if (!r.ok) {
          setError(r.error);
          return;
        }
        all.push(...r.data.entries);
        setLoaded(all.length);
        cursor = r.data.nextCursor;
      } while (cursor);
      setEntries(all);
      setError(null);
    })();
    return () => {
      live = false;
    };
  }, [version]);
  return { entries, loaded, error };
}
