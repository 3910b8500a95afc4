import { act, renderHook } from '@testing-library/react';
import type { ResolverError, Result } from '@src/shared/contract';
import { deferred } from '@ui/testing/bridge';
import { useAction } from './useAction';
import { useResolver, type Loader } from './useResolver';

const ok = (n: number): Result<number> => ({ ok: true, data: n });
const busy: ResolverError = { code: 'BUSY', message: 'busy' };

/** A loader whose every call waits for the test: calls[i].resolve(answer) ends the i-th load. */
function controlledLoader() {
  const calls: Array<{ resolve: (r: Result<number>) => void; progress: (n: number) => void }> = [];
  const load: Loader<number> = (progress) => {
    const d = deferred<Result<number>>();
    calls.push({ resolve: d.resolve, progress });
    return d.promise;
  };
  return { load, calls };
}

describe('useResolver', () => {
  it('shows a load that started after a change’s answer arrived', async () => {
    const { load, calls } = controlledLoader();
    const { result } = renderHook(() => useResolver(load, []));
    await act(async () => calls[0].resolve(ok(1)));
    act(() => result.current.show(2));
    let reloaded!: Promise<boolean>;
    act(() => {
      reloaded = result.current.reload();
    });
    await act(async () => calls[1].resolve(ok(3)));
    expect(await reloaded).toBe(true);
    expect(result.current.data).toBe(3);
  });

  it('ignores the partial pages and the failure of a load a later one superseded', async () => {
    const { load, calls } = controlledLoader();
    const { result } = renderHook(() => useResolver(load, []));
    act(() => void result.current.reload());
    await act(async () => calls[1].resolve(ok(10)));
    await act(async () => {
      calls[0].progress(1);
      calls[0].resolve({ ok: false, error: busy });
    });
    expect(result.current).toMatchObject({ data: 10, error: undefined, loading: false });
  });

  it('keeps what is on screen when a reload fails, and says why', async () => {
    const { load, calls } = controlledLoader();
    const { result } = renderHook(() => useResolver(load, []));
    await act(async () => calls[0].resolve(ok(1)));
    act(() => void result.current.reload());
    expect(result.current.loading).toBe(true);
    await act(async () => calls[1].resolve({ ok: false, error: busy }));
    expect(result.current).toMatchObject({ data: 1, error: busy, loading: false });
  });

  it('loads again when a dependency changes, and is loading until that answer is in', async () => {
    const { load, calls } = controlledLoader();
    const { result, rerender } = renderHook(({ key }) => useResolver(load, [key]), { initialProps: { key: 'a' } });
    await act(async () => calls[0].resolve(ok(1)));
    expect(result.current.loading).toBe(false);
    rerender({ key: 'b' });
    expect(result.current.loading).toBe(true);
    await act(async () => calls[calls.length - 1].resolve(ok(2)));
    expect(result.current).toMatchObject({ data: 2, loading: false });
  });

  it('sets nothing once the component is gone', async () => {
    const { load, calls } = controlledLoader();
    const { result, unmount } = renderHook(() => useResolver(load, []));
    let reloaded!: Promise<boolean>;
    act(() => {
      reloaded = result.current.reload();
    });
    unmount();
    calls[1].resolve(ok(5));
    expect(await reloaded).toBe(false);
  });
});

describe('useAction', () => {
  it('has a busy flag of its own, and only its latest run sets the error', async () => {
    const answers = [deferred<Result<number>>(), deferred<Result<number>>()];
    let n = 0;
    const { result } = renderHook(() => useAction(() => answers[n++].promise));
    act(() => {
      void result.current.run();
      void result.current.run();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => answers[1].resolve(ok(2)));
    await act(async () => answers[0].resolve({ ok: false, error: busy }));
    expect(result.current).toMatchObject({ busy: false, error: undefined, data: 2 });
  });
});
