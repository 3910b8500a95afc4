import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../../../../src/domain/record';
import type { ResolverError } from '../../../../../../src/shared/contract';
import { call } from '../../../../../shared/api';

/** Refetches whenever the record's version changes, so the trail includes the user's own last save. */
export function useHistory(version: number) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  useEffect(() => {
    let live = true;
    void call('getHistory', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setEntries(r.data.entries);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [version]);
  return { entries, error };
}
