/** The Forge context read once at start-up (bootstrap.ts), for components that need it (e.g. the site URL for links); the time zone is set in words.ts. */
import { createContext, useContext, type ReactNode } from 'react';
import type { FullContext } from '@forge/bridge';

const Ctx = createContext<FullContext | undefined>(undefined);

export function ForgeContextProvider({ value, children }: { value: FullContext; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useForgeContext(): FullContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('useForgeContext needs mountRoot (static/shared/mount.tsx) around the app');
  return value;
}
