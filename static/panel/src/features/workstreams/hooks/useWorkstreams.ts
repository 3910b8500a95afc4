import { useCallback, useEffect, useState } from 'react';
import type { CreateWorkstreamsResult, ResolverError, WorkstreamsView } from '../../../../../../src/shared/contract';
import { call } from '../../../../../shared/api';

export function useWorkstreams() {
  const [view, setView] = useState<WorkstreamsView | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreateWorkstreamsResult | null>(null);

  const refresh = useCallback(async () => {
    setBusy(true);
    const r = await call('getWorkstreams', {});
    setBusy(false);
    if (r.ok) {
      setView(r.data);
      setError(null);
    } else setError(r.error);
  }, []);

  const create = useCallback(async () => {
    setBusy(true);
    const r = await call('createWorkstreams', {});
    setBusy(false);
    if (r.ok) {
      setCreated(r.data);
      setView(r.data.view);
      setError(null);
    } else setError(r.error);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { view, error, busy, created, refresh, create };
}
