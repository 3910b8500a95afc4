/**
 * Components the first screen can show without their own code: pickers and selects (react-select alone is
 * about 25 kB gzip). Their module starts downloading only once the screen has rendered (an effect runs
 * after the commit), so it never holds up the record on screen; until it arrives a stand-in of the same
 * shape shows, with the same label and value. `preload` fetches it early (e.g. right after first render).
 */
import { useEffect, useState, type ComponentType } from 'react';

export type DeferredComponent<P> = ComponentType<P> & { preload: () => Promise<ComponentType<P>> };

export function deferred<P extends object>(load: () => Promise<ComponentType<P>>, StandIn: ComponentType<P>): DeferredComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => (loaded = component),
      (e: unknown) => {
        // A failed download (offline, a new deployment) is tried again by the next mount.
        loading = undefined;
        throw e;
      },
    );
    return loading;
  };
  function Deferred(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Loaded) return;
      let mounted = true;
      preload().then(
        (component) => mounted && setLoaded(() => component),
        () => undefined,
      );
      return () => {
        mounted = false;
      };
    }, [Loaded]);
    return Loaded ? <Loaded {...props} /> : <StandIn {...props} />;
  }
  return Object.assign(Deferred, { preload });
}
