import { createContext, useContext, type ReactNode } from 'react';
import type { HandoffView } from '@src/shared/contract';
import type { HandoffStore } from './useHandoffLoader';

export interface HandoffContextValue {
  view: HandoffView;
  canEdit: boolean;
  save: HandoffStore['save'];
  reload: HandoffStore['reload'];
  /** The view on screen right now (after a reload that has not re-rendered yet, too). */
  latest: HandoffStore['latest'];
}

const Ctx = createContext<HandoffContextValue | null>(null);

export function HandoffProvider({ value, children }: { value: HandoffContextValue; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useHandoff(): HandoffContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error('useHandoff is used outside HandoffProvider');
  return value;
}
