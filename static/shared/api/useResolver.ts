import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ResolverError, Result } from '@src/shared/contract';

/**
 * Loads one thing the screen shows (a resolver's answer, a Jira read, joined pages) and keeps it.
 *
 * Answers arrive in any order, so each carries a ticket: a load takes its ticket when it starts, a
 * change's answer (`show`) when it arrives. Something on screen is replaced only by an answer with a
 * later ticket, so an older response never wins:
 * - a load that a later load superseded is dropped, whenever it answers;
 * - a load that started before a change's answer arrived is dropped (it may have read the state
 *   before the change); one that started after it is newer and shows.
 * Nothing is set after the component is gone.
 */
export interface Resource<T> {
  /** The newest answer; kept while a reload runs and when it fails. */
  data: T | undefined;
  /** Why the latest load failed; cleared when a load succeeds. */
  error: ResolverError | undefined;
  /** A load is running. */
  loading: boolean;
  /** Loads again (e.g. "Try again"); true when its answer is now on screen. */
  reload: () => Promise<boolean>;
  /** Shows what a change answered: it is newer than every load that started before now. */
  show: (data: T) => void;
  /** The data on screen right now, for callbacks that must not read it from a stale closure. */
  current: () => T | undefined;
}

/** A load gets `progress` to show partial data (pages so far); it counts only while this load is the latest. */
export type Loader<T> = (progress: (partial: T) => void) => Promise<Result<T>>;

interface State<T> {
  data?: T;
  error?: ResolverError;
  /** The deps of the latest load that settled: while they differ from the current ones, a load is running. */
  settled?: DependencyList;
  reloading: boolean;
}

const sameDeps = (a: DependencyList | undefined, b: DependencyList) => a !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** `deps` work as in useEffect: when one changes, the thing is loaded again (lint checks them: react-hooks additionalHooks). */
export function useResolver<T>(load: Loader<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<State<T>>({ reloading: false });
  const tickets = useRef({ issued: 0, shown: 0, latestLoad: 0, mounted: false, data: undefined as T | undefined });
  const latest = useRef({ load, deps });
  useEffect(() => {
    latest.current = { load, deps };
  });

  const accept = useCallback((ticket: number, data: T): boolean => {
    const t = tickets.current;
    if (!t.mounted || ticket < t.shown) return false;
    t.shown = ticket;
    t.data = data;
    setState((s) => ({ ...s, data }));
    return true;
  }, []);

  const run = useCallback(
    async (loader: Loader<T>, forDeps: DependencyList): Promise<boolean> => {
      const t = tickets.current;
      const ticket = ++t.issued;
      t.latestLoad = ticket;
      const isLatest = () => t.mounted && t.latestLoad === ticket;
      const result = await loader((partial) => {
        if (isLatest()) accept(ticket, partial);
      });
      if (!isLatest()) return false;
      const shown = result.ok && accept(ticket, result.data);
      setState((s) => ({ ...s, error: result.ok ? undefined : result.error, settled: forDeps, reloading: false }));
      return shown;
    },
    [accept],
  );

  useEffect(() => {
    const t = tickets.current;
    t.mounted = true;
    void run(load, deps);
    return () => {
      t.mounted = false;
    };
    // The caller's deps decide when to load again (checked at the call site by react-hooks/exhaustive-deps).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, reloading: true }));
    return run(latest.current.load, latest.current.deps);
  }, [run]);
  const show = useCallback((data: T) => void accept(++tickets.current.issued, data), [accept]);
  const current = useCallback(() => tickets.current.data, []);
  const loading = state.reloading || !sameDeps(state.settled, deps);
  return { data: state.data, error: state.error, loading, reload, show, current };
}
