import { screen, waitFor } from '@testing-library/react';
import { answer, invocations } from '@ui/testing/bridge';
import { handoffView, ok } from '@ui/testing/fixtures';
import { renderWithHandoff } from '../../../testing/render';
import { ConditionForm } from './ConditionForm';

describe('ConditionForm', () => {
  it("checks the input with the contract's schema and sends nothing while it fails", async () => {
    const { user } = await renderWithHandoff(<ConditionForm onDone={() => undefined} />, handoffView(3));
    await user.click(screen.getByTestId('save-condition'));
    expect(await screen.findByTestId('new-condition-name-error')).toBeTruthy();
    expect(screen.getByTestId('new-condition-kind-error')).toBeTruthy();
    expect(invocations('saveCondition')).toEqual([]);
  });

  it('sends the parsed condition with the version on screen, then closes', async () => {
    answer('saveCondition', () => ok(handoffView(4)));
    const done = jest.fn();
    const { user } = await renderWithHandoff(<ConditionForm onDone={done} />, handoffView(3));
    await user.click(screen.getByLabelText('Kind'));
    await user.click(await screen.findByText('Tooling'));
    await user.type(screen.getByLabelText(/^Condition/), '  GPU quota outside the queue  ');
    await user.type(screen.getByLabelText('Granted by'), 'CTO');
    await user.click(screen.getByTestId('save-condition'));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(invocations('saveCondition')).toEqual([{ baseVersion: 3, condition: { kind: 'tooling', name: 'GPU quota outside the queue', details: '', grantedBy: 'CTO' } }]);
  });

  it('keeps what was typed when someone else saved first, and reloads the latest on request', async () => {
    answer('saveCondition', () => ({ ok: false, error: { code: 'CONFLICT', message: 'Priya Raman saved a newer version.' } }));
    const done = jest.fn();
    const { user } = await renderWithHandoff(<ConditionForm onDone={done} />, handoffView(3));
    await user.click(screen.getByLabelText('Kind'));
    await user.click(await screen.findByText('Other'));
    await user.type(screen.getByLabelText(/^Condition/), 'Weekend deploys');
    await user.click(screen.getByTestId('save-condition'));
    expect(await screen.findByText('Someone else saved this handoff first')).toBeTruthy();
    answer('getHandoff', () => ok(handoffView(4)));
    await user.click(screen.getByRole('button', { name: 'Reload latest' }));
    await waitFor(() => expect(screen.queryByText('Someone else saved this handoff first')).toBeNull());
    expect(screen.getByLabelText(/^Condition/)).toHaveProperty('value', 'Weekend deploys');
    expect(done).not.toHaveBeenCalled();
  });
});
