import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../../../../shared/api';
import type { HandoffView, PayloadOf, ResolverError, Result } from '../../../../../../src/shared/contract';

/** Resolvers that change the record: each answers the new HandoffView and needs the version it was based on. */
export type HandoffChange =
  | 'savePilot'
  | 'saveCondition'
  | 'removeCondition'
  | 'decideCondition'
  | 'saveMetric'
  | 'removeMetric'
  | 'saveKpi'
  | 'removeKpi'
  | 'setOwner'
  | 'acceptOwnership'
  | 'setWorkstreamLead'
  | 'reopenHandoff';

export type ChangePayload<N extends HandoffChange> = Omit<PayloadOf<N>, 'baseVersion'>;

export type LoadState = { status: 'loading' } | { status: 'error'; error: ResolverError } | { status: 'ready'; view: HandoffView };

export interface HandoffStore {
  state: LoadState;
  /** Fetches the latest version; a failed reload keeps the view already on screen. */
  reload: () => Promise<void>;
  /** Saves one change based on the version on screen; on success the new view replaces it. */
  save: <N extends HandoffChange>(name: N, payload: ChangePayload<N>) => Promise<Result<HandoffView>>;
}

export function useHandoffLoader(): HandoffStore {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  // Saves read the version through a ref so two quick edits never send a stale one from a closure.
  const viewRef = useRef<HandoffView | null>(null);

  const show = useCallback((view: HandoffView) => {
    viewRef.current = view;
    setState({ status: 'ready', view });
  }, []);

  const reload = useCallback(async () => {
    const result = await call('getHandoff', {});
    if (result.ok) show(result.data);
    else if (!viewRef.current) setState({ status: 'error', error: result.error });
  }, [show]);

  const save = useCallback(
    async <N extends HandoffChange>(name: N, payload: ChangePayload<N>): Promise<Result<HandoffView>> => {
      const baseVersion = viewRef.current?.version ?? 0;
      const result = (await call(name, { ...payload, baseVersion } as PayloadOf<N>)) as Result<HandoffView>;
      if (result.ok) show(result.data);
      return result;
    },
    [show],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, save };
}
