/** Renders an app into index.html's #root, inside the Forge context read at start-up (bootstrap.ts). */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ForgeContext } from './bootstrap';
import { ForgeContextProvider } from './forge-context';
import { setDisplayTimeZone } from './words';

export function mountRoot(context: ForgeContext, app: ReactNode): void {
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root element');
  setDisplayTimeZone(context.timezone);
  createRoot(element).render(
    <StrictMode>
      <ForgeContextProvider value={context}>{app}</ForgeContextProvider>
    </StrictMode>,
  );
}
