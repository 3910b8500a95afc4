import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, answerBridge, bridgeCalls, invocations } from '@ui/testing/bridge';
import { ok } from '@ui/testing/fixtures';
import Edit from './Edit';

const FILTERS = { projects: [], filters: [{ id: '10000', name: 'Customer-facing AI' }, { id: '10002', name: 'Everyone' }] };
const PROJECTS = { projects: [{ id: '10001', key: 'CLM', name: 'Claims Automation' }], filters: [] };

beforeEach(() => {
  answer('getGadgetChoices', (p) => ok(p.kind === 'filters' ? FILTERS : PROJECTS));
  answerBridge('submit', () => true);
  answerBridge('close', () => true);
});

const submitted = () => bridgeCalls('submit').map((c) => c.payload);

describe('the gadget edit view', () => {
  it('refuses to save without a project, and saves the projects it was configured with', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Edit saved={{}} />);
    await user.click(screen.getByTestId('gadget-save'));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one project.');
    expect(submitted()).toEqual([]);
    unmount();
    render(<Edit saved={{ projects: ['CLM'] }} />);
    await user.click(screen.getByTestId('gadget-save'));
    await waitFor(() => expect(submitted()).toEqual([{ projects: ['CLM'] }]));
    expect(invocations('getGadgetChoices')).toContainEqual({ kind: 'projects' });
  });

  it('with "Saved filter": asks for one, shows the saved one by its name once Jira lists it, and saves {filterId}', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Edit saved={{ projects: ['CLM'] }} />);
    await user.click(screen.getByLabelText('Saved filter', { selector: 'input[type=radio]' }));
    await user.click(screen.getByTestId('gadget-save'));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a saved filter.');
    expect(submitted()).toEqual([]);
    unmount();
    render(<Edit saved={{ filterId: '10000' }} />);
    expect(await screen.findByText('Customer-facing AI')).toBeTruthy();
    expect(invocations('getGadgetChoices')).toContainEqual({ kind: 'filters' });
    await user.click(screen.getByTestId('gadget-save'));
    await waitFor(() => expect(submitted()).toEqual([{ filterId: '10000' }]));
  });

  it('says so when Jira refuses the configuration, and Cancel closes the view', async () => {
    answerBridge('submit', () => false);
    const user = userEvent.setup();
    render(<Edit saved={{ projects: ['CLM'] }} />);
    await user.click(screen.getByTestId('gadget-save'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Jira did not save the gadget/);
    await user.click(screen.getByTestId('gadget-cancel'));
    expect(bridgeCalls('close')).toHaveLength(1);
  });
});
