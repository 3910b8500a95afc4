/** The app's UI module: loaded by main.tsx next to the Forge context and the theme (see @ui/bootstrap). */
import type { ForgeContext } from '@ui/bootstrap';
import { mountRoot } from '@ui/mount';
import { App } from './App';

export function mount(context: ForgeContext): void {
  mountRoot(context, <App />);
}
