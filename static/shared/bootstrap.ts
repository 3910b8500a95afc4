/**
 * Starts a Custom UI app. This is all an app's entry module holds: no React, no Atlaskit component. At once
 * and side by side it asks for the first screen's data (`first`), reads the Forge context, turns the theme
 * on and downloads the app's UI module (`ui`); it renders when all of them are there. On Forge the resolver
 * round trip is the longest wait (an invocation and its Jira and storage requests): it runs while the UI's
 * JavaScript downloads and starts, instead of after it (issue 12). Each app's main.tsx is one startApp.
 */
import { view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import '@atlaskit/css-reset';

export type ForgeContext = FullContext;

/** What an app's UI module (loaded with `import()`) exports: renders the app into the page. */
export interface UiModule {
  mount(context: ForgeContext): void;
}

export function startApp(opts: { first?: () => void; ui: () => Promise<UiModule> }): void {
  opts.first?.();
  const context = view.getContext();
  // The theme's code (Atlaskit tokens) is a module of its own, so the entry stays small and the first
  // call leaves as early as it can.
  const themed = Promise.all([context, import('./theme')]).then(([c, theme]) => theme.enableTheme(theme.colorModeOf(c)));
  void Promise.all([context, opts.ui(), themed]).then(([c, ui]) => ui.mount(c));
}
