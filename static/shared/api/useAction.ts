import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError, Result } from '@src/shared/contract';

/** A change the user starts (save, create, export): its own busy flag and error, apart from any load. */
export interface Action<A extends unknown[], T> {
  /** This action is running. */
  busy: boolean;
  /** Why its latest run failed; cleared by the next run. */
  error: ResolverError | undefined;
  /** What its latest run answered, when that run succeeded. */
  data: T | undefined;
  run: (...args: A) => Promise<Result<T>>;
  /** Forgets the error (e.g. once the user reloaded the latest version). */
  reset: () => void;
}

/** Runs `act`; only its latest run sets busy and error, and nothing is set after the component is gone. */
export function useAction<A extends unknown[], T>(act: (...args: A) => Promise<Result<T>>): Action<A, T> {
  const [state, setState] = useState<{ busy: boolean; error?: ResolverError; data?: T }>({ busy: false });
  const runs = useRef({ latest: 0, mounted: false });
  const latestAct = useRef(act);
  useEffect(() => {
    latestAct.current = act;
  });
  useEffect(() => {
    const r = runs.current;
    r.mounted = true;
    return () => {
      r.mounted = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<Result<T>> => {
    const r = runs.current;
    const ticket = ++r.latest;
    setState({ busy: true });
    const result = await latestAct.current(...args);
    if (r.mounted && r.latest === ticket) setState(result.ok ? { busy: false, data: result.data } : { busy: false, error: result.error });
    return result;
  }, []);

  const reset = useCallback(() => setState((s) => ({ ...s, error: undefined })), []);
  return { busy: state.busy, error: state.error, data: state.data, run, reset };
}
