/**
 * Starts a Custom UI app: reads the Forge context once, follows the host's colour mode, then renders.
 * Each app's main.tsx is one call to mountApp.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import '@atlaskit/css-reset';
import { colorModeOf, enableTheme } from './theme';
import { ForgeContextProvider } from './forge-context';
import { setDisplayTimeZone } from './words';

export type ForgeContext = FullContext;

export async function mountApp(render: (context: ForgeContext) => ReactNode): Promise<void> {
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root element');
  const context = await view.getContext();
  setDisplayTimeZone(context.timezone);
  await enableTheme(colorModeOf(context));
  createRoot(element).render(
    <StrictMode>
      <ForgeContextProvider value={context}>{render(context)}</ForgeContextProvider>
    </StrictMode>,
  );
}
