import { call, useAction, useResolver } from '@ui/api';

/** The workstream issues of the epic; creating them has its own busy flag, so Refresh stays usable meanwhile. */
export function useWorkstreams() {
  const workstreams = useResolver(() => call('getWorkstreams', {}), []);
  const { show } = workstreams;
  const creation = useAction(async () => {
    const result = await call('createWorkstreams', {});
    if (result.ok) show(result.data.view);
    return result;
  });
  return { workstreams, creation };
}
