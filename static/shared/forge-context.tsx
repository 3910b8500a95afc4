/** The Forge context read once at start-up (bootstrap.tsx), for components that need the site URL or the user's time zone. */
import { createContext, useContext, type ReactNode } from 'react';
import type { FullContext } from '@forge/bridge';

const Ctx = createContext<FullContext | undefined>(undefined);

export function ForgeContextProvider({ value, children }: { value: FullContext; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useForgeContext(): FullContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('useForgeContext needs mountApp (static/shared/bootstrap.tsx) around the app');
  return value;
}
