/**
 * A full-page app's route (path and query), kept by Jira in the page's own URL through the bridge's
 * router history (`view.createHistory`): a filtered view can be bookmarked and shared, and the browser's
 * back button steps through it. Where the module has no router history (or in a unit test without one),
 * the route lives in memory and starts at the app's root.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { view } from '@forge/bridge';

export interface AppLocation {
  pathname: string;
  search: string;
}

/** The slice of the bridge's history object the app uses (it follows the `history` package's API). */
interface BridgeHistory {
  location: { pathname?: string; search?: string };
  push(to: AppLocation): void;
  replace(to: AppLocation): void;
  listen(listener: (location: { pathname?: string; search?: string }) => void): (() => void) | Promise<() => void>;
}

export interface AppRouter {
  /** Undefined until the bridge has said where the app is (the first render waits for it). */
  location: AppLocation | undefined;
  /** A new entry (back returns here), or with `replace` the current one changed (typing in a search field). */
  navigate: (to: AppLocation, options?: { replace?: boolean }) => void;
}

const ROOT: AppLocation = { pathname: '/', search: '' };
const locationOf = (l: { pathname?: string; search?: string }): AppLocation => ({ pathname: l.pathname || '/', search: l.search ?? '' });

export function useAppRouter(): AppRouter {
  const [location, setLocation] = useState<AppLocation | undefined>(undefined);
  const history = useRef<BridgeHistory | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    let unlisten: (() => void) | undefined;
    view.createHistory().then(
      (created: BridgeHistory) => {
        if (gone) return;
        history.current = created;
        setLocation(locationOf(created.location));
        void Promise.resolve(created.listen((l) => !gone && setLocation(locationOf(l)))).then((stop) => {
          if (gone) stop();
          else unlisten = stop;
        });
      },
      () => !gone && setLocation(ROOT),
    );
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);
  const navigate = useCallback((to: AppLocation, options?: { replace?: boolean }) => {
    // Shown at once: the bridge's echo of the change may come a message later, and a search field must not wait for it.
    setLocation(to);
    const h = history.current;
    if (!h) return;
    if (options?.replace) h.replace(to);
    else h.push(to);
  }, []);
  return { location, navigate };
}
