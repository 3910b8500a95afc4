/** Renders part of the panel around a handoff loaded the panel's own way: the real store, the real @forge/bridge. */
import type { ReactElement } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HandoffView } from '@src/shared/contract';
import { answer } from '@ui/testing/bridge';
import { ok } from '@ui/testing/fixtures';
import { HandoffProvider, PanelUiProvider, useHandoffLoader } from '../features/handoff';

function Loaded({ children }: { children: ReactElement }) {
  const store = useHandoffLoader();
  if (store.state.status !== 'ready') return <p>not loaded</p>;
  const { view } = store.state;
  return <HandoffProvider value={{ view, canEdit: view.permissions.canEdit, save: store.save, reload: store.reload, latest: store.latest }}><PanelUiProvider>{children}</PanelUiProvider></HandoffProvider>;
}

/** `getHandoff` answers `view`; resolves once it is on screen. */
export async function renderWithHandoff(ui: ReactElement, view: HandoffView) {
  answer('getHandoff', () => ok(view));
  const user = userEvent.setup();
  const rendered = render(<Loaded>{ui}</Loaded>);
  await screen.findByRole('form');
  return { user, ...rendered };
}
