import { useCallback } from 'react';
import { call, takeEarly, useResolver } from '@ui/api';
import type { HandoffView, PayloadOf, ResolverError, Result } from '@src/shared/contract';

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
  | 'reopenHandoff'
  | 'addKpiReading';

export type ChangePayload<N extends HandoffChange> = Omit<PayloadOf<N>, 'baseVersion'>;

export type LoadState = { status: 'loading' } | { status: 'error'; error: ResolverError } | { status: 'ready'; view: HandoffView };

export interface HandoffStore {
  state: LoadState;
  /** Fetches the latest version; a failed reload keeps the view already on screen. */
  reload: () => Promise<boolean>;
  /**
   * Saves one change; on success the new view replaces the one on screen. `baseVersion` is the version the
   * edit was based on (a form's, from when it opened); without it, the version on screen now. The server
   * refuses it only when an item it changes changed since that version.
   */
  save: <N extends HandoffChange>(name: N, payload: ChangePayload<N>, baseVersion?: number) => Promise<Result<HandoffView>>;
  latest: () => HandoffView | undefined;
}

export function useHandoffLoader(): HandoffStore {
  // The first load takes the call main.tsx started before the UI was loaded; reloads ask again.
  const handoff = useResolver(() => takeEarly('getHandoff') ?? call('getHandoff', {}), []);
  const { current, show } = handoff;

  const save = useCallback(
    async <N extends HandoffChange>(name: N, payload: ChangePayload<N>, baseVersion?: number): Promise<Result<HandoffView>> => {
      // Otherwise the version on screen now, not the one of the closure: two quick edits never send a stale one.
      const result: Result<HandoffView> = await call<HandoffChange>(name, { ...payload, baseVersion: baseVersion ?? current()?.version ?? 0 });
      if (result.ok) show(result.data);
      return result;
    },
    [current, show],
  );

  const state: LoadState = handoff.data
    ? { status: 'ready', view: handoff.data }
    : handoff.error
      ? { status: 'error', error: handoff.error }
      : { status: 'loading' };
  return { state, reload: handoff.reload, save, latest: current };
}
