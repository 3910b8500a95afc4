import fs from 'node:fs';
import vm from 'node:vm';
import { BRIDGE_SHIM_PATH, injectBridge } from './custom-ui';

/** Runs the shim in a bare context (no parent window) and answers its __bridge. */
function loadShim(context: unknown) {
  const sandbox: Record<string, unknown> = { __PH_CONTEXT__: context, __PH_FRAME__: { moduleKey: 'm', frameId: 'f' }, setTimeout, setInterval: () => 0, Promise, JSON, URL };
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

  it('injects the context and the shim as the first thing in <head>', () => {
    const out = injectBridge('<html><head lang="x"><script src="app.js"></script></head></html>', { a: '</script>' }, { moduleKey: 'm', frameId: 'f', resourceKey: 'r' });
    expect(out.indexOf('/__local/bridge.js')).toBeLessThan(out.indexOf('app.js'));
    expect(out.indexOf('__PH_CONTEXT__')).toBeLessThan(out.indexOf('/__local/bridge.js'));
    expect(out).not.toContain('"</script>"');
  });

  it('moves the frame\'s Date with the host clock offset, and leaves it alone at real time', () => {
    const DAY = 86_400_000;
    const run = (offset: number | undefined) => {
      const sandbox: Record<string, unknown> = { __PH_CONTEXT__: {}, __PH_FRAME__: { moduleKey: 'm', frameId: 'f' }, __PH_CLOCK_OFFSET__: offset, setTimeout, setInterval: () => 0, Promise, JSON, URL, Date, Reflect, Object, Array, Number };
      sandbox.globalThis = sandbox;
      vm.runInNewContext(fs.readFileSync(BRIDGE_SHIM_PATH, 'utf8'), sandbox);
      return sandbox.Date as DateConstructor;
    };
    const before = Date.now();
    const moved = run(30 * DAY);
    expect(moved.now() - before).toBeGreaterThanOrEqual(30 * DAY);
    expect(new moved().getTime() - before).toBeLessThan(30 * DAY + 5_000);
    expect(new moved('2026-01-01T00:00:00Z').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(run(0)).toBe(Date);
    // Restore the prototype the shim re-pointed (the sandbox shares this realm's Date).
    Object.defineProperty(Date.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  });
});
