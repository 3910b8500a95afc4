/** The panel's UI module: loaded by main.tsx while getHandoff is already on its way (see @ui/bootstrap). */
import type { ForgeContext } from '@ui/bootstrap';
import { mountRoot } from '@ui/mount';
import { App } from './App';

export function mount(context: ForgeContext): void {
  mountRoot(context, <App context={context} />);
}
