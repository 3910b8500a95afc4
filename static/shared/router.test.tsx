import { act, renderHook, waitFor } from '@testing-library/react';
import { withRouterHistory } from '@ui/testing/bridge';
import { useAppRouter } from './router';

describe('useAppRouter', () => {
  it("starts where the page's address says, and pushes and replaces entries there", async () => {
    const history = withRouterHistory('/print?level=ready');
    const { result } = renderHook(() => useAppRouter());
    await waitFor(() => expect(result.current.location).toEqual({ pathname: '/print', search: '?level=ready' }));
    act(() => result.current.navigate({ pathname: '/', search: '?flag=stalled' }));
    expect(result.current.location).toEqual({ pathname: '/', search: '?flag=stalled' });
    act(() => result.current.navigate({ pathname: '/', search: '?flag=stalled&q=cl' }, { replace: true }));
    expect(history.entries).toEqual([
      { pathname: '/print', search: '?level=ready' },
      { pathname: '/', search: '?flag=stalled&q=cl' },
    ]);
  });

  it('follows the back button', async () => {
    const history = withRouterHistory('/');
    const { result } = renderHook(() => useAppRouter());
    await waitFor(() => expect(result.current.location).toBeDefined());
    act(() => result.current.navigate({ pathname: '/', search: '?level=deciding' }));
    act(() => history.back());
    expect(result.current.location).toEqual({ pathname: '/', search: '' });
  });

  it('keeps the route in memory where the module has no router history', async () => {
    const { result } = renderHook(() => useAppRouter());
    await waitFor(() => expect(result.current.location).toEqual({ pathname: '/', search: '' }));
    act(() => result.current.navigate({ pathname: '/settings', search: '' }));
    expect(result.current.location).toEqual({ pathname: '/settings', search: '' });
  });
});
