import { act, renderHook, waitFor } from '@testing-library/react';
import type { HandoffView, Result } from '@src/shared/contract';
import { answer, deferred } from '@ui/testing/bridge';
import { handoffView, ok } from '@ui/testing/fixtures';
import { useHandoffLoader } from './useHandoffLoader';

/** getHandoff answers with these promises in turn, so a test decides when (and in which order) each load ends. */
function pendingLoads(count: number) {
  const loads = Array.from({ length: count }, () => deferred<Result<HandoffView>>());
  let next = 0;
  answer('getHandoff', () => loads[next++].promise);
  return loads;
}

const versionShown = (state: ReturnType<typeof useHandoffLoader>['state']) => (state.status === 'ready' ? state.view.version : state.status);

describe('the handoff on screen', () => {
  it('keeps a saved view when a reload that started before the save answers after it', async () => {
    const [first, stale] = pendingLoads(2);
    answer('acceptOwnership', () => ok(handoffView(5)));
    const { result } = renderHook(() => useHandoffLoader());
    await act(async () => first.resolve(ok(handoffView(4))));
    expect(versionShown(result.current.state)).toBe(4);

    let reloading!: Promise<boolean>;
    act(() => {
      reloading = result.current.reload();
    });
    await act(async () => {
      await result.current.save('acceptOwnership', {});
    });
    expect(versionShown(result.current.state)).toBe(5);

    await act(async () => {
      stale.resolve(ok(handoffView(4)));
      await reloading;
    });
    expect(versionShown(result.current.state)).toBe(5);
  });

  it('shows the answer of the later of two reloads, whichever arrives last', async () => {
    const [first, older, newer] = pendingLoads(3);
    const { result } = renderHook(() => useHandoffLoader());
    await act(async () => first.resolve(ok(handoffView(1))));
    act(() => {
      void result.current.reload();
      void result.current.reload();
    });
    await act(async () => newer.resolve(ok(handoffView(3))));
    await act(async () => older.resolve(ok(handoffView(2))));
    await waitFor(() => expect(versionShown(result.current.state)).toBe(3));
  });
});
