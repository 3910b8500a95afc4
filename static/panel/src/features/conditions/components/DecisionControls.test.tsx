import { screen, waitFor } from '@testing-library/react';
import type { PilotCondition } from '@src/domain/record';
import { answer, invocations } from '@ui/testing/bridge';
import { handoffView, ok } from '@ui/testing/fixtures';
import { renderWithHandoff } from '../../../testing/render';
import { DecisionControls } from './DecisionControls';

const decided = { by: { accountId: 'user-1', displayName: 'Avery Admin' }, at: '2026-03-01T09:00:00.000Z' };
const condition: PilotCondition = {
  id: 'c1',
  kind: 'data-access',
  name: 'Direct claims DB access',
  details: '',
  grantedBy: '',
  decision: { status: 'permanent', rationale: 'Vendor contract renewed', sustainedBy: 'Data platform team', reviewDate: '2026-09-30', decided },
};
const withCondition = (version: number) => handoffView(version, (r) => r.conditions.push(condition));

describe('DecisionControls', () => {
  it("sends a permanent decision's review date when the decision is saved again", async () => {
    answer('decideCondition', () => ok(withCondition(8)));
    const { user } = await renderWithHandoff(<DecisionControls condition={condition} />, withCondition(7));
    expect(screen.getByLabelText('Review date')).toHaveProperty('value', '2026-09-30');
    await user.type(screen.getByLabelText(/Rationale/), ' for two years');
    await user.click(screen.getByTestId('save-decision'));
    await waitFor(() => expect(invocations('decideCondition')).toHaveLength(1));
    expect(invocations('decideCondition')[0]).toEqual({
      baseVersion: 7,
      conditionId: 'c1',
      decision: { status: 'permanent', rationale: 'Vendor contract renewed for two years', sustainedBy: 'Data platform team', reviewDate: '2026-09-30' },
    });
  });

  it('says what a withdrawal needs and sends nothing until it is there', async () => {
    const { user } = await renderWithHandoff(<DecisionControls condition={{ ...condition, decision: { status: 'undecided' } }} />, withCondition(7));
    await user.click(screen.getByLabelText('Withdraw'));
    await user.click(screen.getByTestId('save-decision'));
    expect(await screen.findByTestId('decision-c1-rationale-error')).toHaveProperty('textContent', 'Rationale is required');
    expect(screen.getByTestId('decision-c1-lead-time-error').textContent).toBe('Lead time must be a number of days');
    expect(invocations('decideCondition')).toEqual([]);
  });
});
