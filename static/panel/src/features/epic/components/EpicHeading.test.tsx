/**
 * The panel names its epic from the handoff it loads, without a Jira request of its own (on Forge each is
 * a round trip); only when the handoff cannot be loaded does it ask Jira, so the epic is still named.
 */
import { render, screen } from '@testing-library/react';
import { answer, answerBridge, bridgeCalls, DEFAULT_CONTEXT } from '@ui/testing/bridge';
import { failed, handoffView, ok } from '@ui/testing/fixtures';
import type { ForgeContext } from '@ui/bootstrap';
import { App } from '../../../App';

const context = DEFAULT_CONTEXT as unknown as ForgeContext;

test('the loaded handoff names the epic; Jira is not asked', async () => {
  answer('getHandoff', () => ok(handoffView(3)));
  render(<App context={context} />);
  expect(await screen.findByTestId('readiness-level')).toBeTruthy();
  expect((await screen.findByTestId('epic-summary')).textContent).toContain('Claims triage assistant');
  expect(bridgeCalls('fetchProduct')).toEqual([]);
});

test('when the handoff cannot be loaded, Jira names the epic', async () => {
  answer('getHandoff', () => failed({ code: 'STORAGE_ERROR', message: 'Storage is down' }));
  answerBridge('fetchProduct', () => ({
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: 'AIP-1', fields: { summary: 'Claims triage assistant', status: { name: 'In Progress' } } }),
  }));
  render(<App context={context} />);
  expect((await screen.findByTestId('epic-summary')).textContent).toContain('Claims triage assistant');
  expect(bridgeCalls('fetchProduct')).toHaveLength(1);
});
