import fs from 'node:fs';
import vm from 'node:vm';
import { BRIDGE_SHIM_PATH, injectBridge } from './custom-ui';
import { BRIDGE_REQUEST_HEADER } from './latency';

/** Runs the shim in a bare context (no parent window) and answers its __bridge. */
function loadShim(context: unknown, globals: Record<string, unknown> = {}) {
  const sandbox: Record<string, unknown> = { __PH_CONTEXT__: context, __PH_FRAME__: { moduleKey: 'm', frameId: 'f' }, setTimeout, setInterval: () => 0, Promise, JSON, URL, ...globals };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(BRIDGE_SHIM_PATH, 'utf8'), sandbox);
  return sandbox.__bridge as { callBridge(name: string, payload?: unknown): Promise<unknown> };
}

describe('bridge shim', () => {
  it('answers getContext with a copy of the injected context', async () => {
    const ctx = { accountId: 'u1', extension: { type: 'jira:issuePanel' } };
    const bridge = loadShim(ctx);
    const got = (await bridge.callBridge('getContext')) as typeof ctx;
    expect(got).toEqual(ctx);
    got.accountId = 'changed';
    expect(await bridge.callBridge('getContext')).toEqual(ctx);
  });

  it('rejects unknown calls clearly and answers false for modal-only calls', async () => {
    const bridge = loadShim({});
    await expect(bridge.callBridge('teleport')).rejects.toThrow(/does not implement the bridge call "teleport"/);
    await expect(bridge.callBridge('submit')).resolves.toBe(false);
    await expect(bridge.callBridge('setWorkflowRuleConfigurationCallback', { data: { onConfigure: () => '{}' } })).resolves.toBe(true);
  });

  it('delivers events emitted in the same frame when there is no shell', async () => {
    const bridge = loadShim({});
    const got: unknown[] = [];
    await bridge.callBridge('on', { event: 'x', callback: (p: unknown) => got.push(p) });
    await bridge.callBridge('emit', { event: 'x', payload: { a: 1 } });
    expect(got).toEqual([{ a: 1 }]);
  });

  it('marks requestJira as the app\'s own request, so the latency model charges it', async () => {
    const sent: Array<{ url: string; headers: Record<string, string> }> = [];
    const fetch = async (url: string, init: { headers: Record<string, string> }) => {
      sent.push({ url, headers: init.headers });
      return new Response('{}', { status: 200 });
    };
    const bridge = loadShim({}, { fetch });
    await bridge.callBridge('fetchProduct', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { headers: [['accept', 'application/json']] } });
    expect(sent).toEqual([{ url: '/rest/api/3/myself', headers: { accept: 'application/json', [BRIDGE_REQUEST_HEADER]: '1' } }]);
  });

  it('injects the context and the shim as the first thing in <head>', () => {
    const out = injectBridge('<html><head lang="x"><script src="app.js"></script></head></html>', { a: '</script>' }, { moduleKey: 'm', frameId: 'f', resourceKey: 'r' });
    expect(out.indexOf('/__local/bridge.js')).toBeLessThan(out.indexOf('app.js'));
    expect(out.indexOf('__PH_CONTEXT__')).toBeLessThan(out.indexOf('/__local/bridge.js'));
    expect(out).not.toContain('"</script>"');
  });
});
