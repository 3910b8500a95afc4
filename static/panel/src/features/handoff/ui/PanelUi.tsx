/**
 * What is open in the panel (sections, rows, forms) and how to bring the user to a field: the header's
 * "Still open" links and a save that returns focus to its row go through `reveal`. One store, so a link in
 * the header can open a form deep inside a section without the features knowing each other.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface PanelUi {
  isOpen: (key: string) => boolean;
  setOpen: (key: string, open: boolean) => void;
  /**
   * Opens `keys` (a section, a row, a form), then scrolls to and focuses the element with `elementId` as
   * soon as it is on screen (forms may still be loading).
   */
  reveal: (keys: readonly string[], elementId: string) => void;
}

const Ctx = createContext<PanelUi | null>(null);

/** How long reveal waits for the element to appear (a lazily loaded form) before giving up. */
const REVEAL_WAIT_MS = 4000;

export function PanelUiProvider({ children, initiallyOpen = [] }: { children: ReactNode; initiallyOpen?: readonly string[] }) {
  const [open, setOpenKeys] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen));
  const pending = useRef(0);

  const setOpen = useCallback((key: string, value: boolean) => {
    setOpenKeys((keys) => {
      if (keys.has(key) === value) return keys;
      const next = new Set(keys);
      if (value) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const reveal = useCallback((keys: readonly string[], elementId: string) => {
    setOpenKeys((current) => (keys.every((k) => current.has(k)) ? current : new Set([...current, ...keys])));
    const ticket = ++pending.current;
    const started = Date.now();
    const attempt = () => {
      if (ticket !== pending.current) return; // a later reveal took over
      const element = document.getElementById(elementId);
      if (element) {
        element.scrollIntoView?.({ block: 'center' });
        element.focus();
        return;
      }
      if (Date.now() - started < REVEAL_WAIT_MS) setTimeout(attempt, 30);
    };
    setTimeout(attempt, 0);
  }, []);

  const value = useMemo<PanelUi>(() => ({ isOpen: (key) => open.has(key), setOpen, reveal }), [open, setOpen, reveal]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePanelUi(): PanelUi {
  const value = useContext(Ctx);
  if (!value) throw new Error('usePanelUi is used outside PanelUiProvider');
  return value;
}

/** One open/closed thing in the store, like useState. */
export function useOpen(key: string): [boolean, (open: boolean) => void] {
  const { isOpen, setOpen } = usePanelUi();
  return [isOpen(key), useCallback((value: boolean) => setOpen(key, value), [key, setOpen])];
}
