/**
 * Components the first screen can show without their own code: pickers and selects (react-select alone is
 * about 25 kB gzip). Their module starts downloading only once the screen has rendered (an effect runs
 * after the commit), so it never holds up the record on screen; until it arrives a stand-in of the same
 * shape shows, with the same label and value. `preload` fetches it early (e.g. right after first render).
 */
import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';

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
    const box = useRef<HTMLDivElement>(null);
    // The stand-in had the focus (a "Still open" link focused the field, or the user tabbed in): the real
    // control takes it over, so the swap never drops the user's place.
    const refocus = useRef(false);
    useEffect(() => {
      if (Loaded) return;
      let mounted = true;
      preload().then(
        (component) => {
          if (!mounted) return;
          refocus.current = Boolean(box.current?.contains(document.activeElement));
          setLoaded(() => component);
        },
        () => undefined,
      );
      return () => {
        mounted = false;
      };
    }, [Loaded]);
    useLayoutEffect(() => {
      if (!Loaded || !refocus.current) return;
      refocus.current = false;
      box.current?.querySelector<HTMLElement>('input, button, [tabindex]:not([tabindex="-1"])')?.focus();
    }, [Loaded]);
    return (
      <div ref={box} style={{ display: 'contents' }}>
        {Loaded ? <Loaded {...props} /> : <StandIn {...props} />}
      </div>
    );
  }
  return Object.assign(Deferred, { preload });
}
