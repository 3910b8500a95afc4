/**
 * Follows Jira's light/dark mode. view.theme.enable() asks the Atlassian host to theme the frame; the
 * global token theme makes Atlaskit components and token() colours follow the same colour mode, also
 * where the host does not inject its own theme CSS.
 */
import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

export type ColorMode = 'light' | 'dark';

export function colorModeOf(context: unknown): ColorMode {
  const mode = (context as { theme?: { colorMode?: unknown } } | undefined)?.theme?.colorMode;
  return mode === 'dark' ? 'dark' : 'light';
}

export async function enableTheme(colorMode: ColorMode): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Outside an Atlassian host (or an older one) the frame still gets tokens from setGlobalTheme below.
  }
  // Native controls (date pickers, scrollbars) follow the page only through color-scheme.
  document.documentElement.style.colorScheme = colorMode;
  await setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' });
}
