import { act, render, screen, waitFor } from '@testing-library/react';
import { deferred } from './deferred';

interface Props {
  id: string;
}

function StandIn({ id }: Props) {
  return <input id={id} data-testid="stand-in" readOnly />;
}

function Real({ id }: Props) {
  return <input id={id} data-testid="real" />;
}

function later(): { load: () => Promise<typeof Real>; arrive: () => void } {
  let arrive = () => undefined as void;
  const arrived = new Promise<typeof Real>((resolve) => (arrive = () => resolve(Real)));
  return { load: () => arrived, arrive };
}

describe('deferred', () => {
  it('shows the stand-in until the real component arrives, which then takes over the focus the stand-in had', async () => {
    const { load, arrive } = later();
    const Field = deferred<Props>(load, StandIn);
    render(<Field id="owner-input" />);
    screen.getByTestId('stand-in').focus();
    expect(document.activeElement?.id).toBe('owner-input');
    await act(async () => arrive());
    await waitFor(() => expect(screen.getByTestId('real')).toBeDefined());
    expect(document.activeElement).toBe(screen.getByTestId('real'));
  });

  it('takes no focus the stand-in did not have', async () => {
    const { load, arrive } = later();
    const Field = deferred<Props>(load, StandIn);
    render(
      <>
        <button data-testid="elsewhere">elsewhere</button>
        <Field id="owner-input" />
      </>,
    );
    screen.getByTestId('elsewhere').focus();
    await act(async () => arrive());
    await waitFor(() => expect(screen.getByTestId('real')).toBeDefined());
    expect(document.activeElement).toBe(screen.getByTestId('elsewhere'));
  });
});
