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

type Message = Record<string, unknown>;

/** The shim inside a frame whose parent is a shell page: messages in through `send`, out into `posted`. */
function loadShimInShell() {
  const listeners: Array<(ev: { data: unknown }) => void> = [];
  const posted: Message[] = [];
  const parent = { postMessage: (m: Message) => posted.push(m) };
  const sandbox: Record<string, unknown> = {
    __PH_CONTEXT__: {}, __PH_FRAME__: { moduleKey: 'm', frameId: 'config' }, setTimeout, setInterval: () => 0, Promise, JSON, URL,
    parent, location: { origin: 'http://127.0.0.1' },
    addEventListener: (type: string, fn: (ev: { data: unknown }) => void) => { if (type === 'message') listeners.push(fn); },
  };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(BRIDGE_SHIM_PATH, 'utf8'), sandbox);
  const bridge = sandbox.__bridge as { callBridge(name: string, payload?: unknown): Promise<unknown> };
  let nextId = 1;
  /** Asks the frame for its configuration as the shell does when the admin presses Add or Update. */
  const collect = async (): Promise<Message> => {
    const requestId = nextId++;
    listeners.forEach((fn) => fn({ data: { source: 'ph-shell', type: 'collect-config', requestId } }));
    for (let i = 0; i < 50; i++) {
      const reply = posted.find((m) => m.type === 'config' && m.requestId === requestId);
      if (reply) return reply;
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error('the frame did not answer collect-config');
  };
  return { bridge, collect, posted };
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

  it('workflowRules.onConfigure: a string is saved, undefined keeps the dialog open, a throw is the screen failing', async () => {
    const { bridge, collect } = loadShimInShell();
    let answer: () => unknown = () => '{"scopeLabel":"x"}';
    await bridge.callBridge('setWorkflowRuleConfigurationCallback', { data: { onConfigure: () => answer() } });
    expect(await collect()).toMatchObject({ ok: true, outcome: 'saved', value: '{"scopeLabel":"x"}' });
    // Jira's documented way to refuse a save: the callback returns undefined and the dialog stays open.
    answer = () => undefined;
    expect(await collect()).toMatchObject({ ok: false, outcome: 'blocked' });
    answer = async () => undefined;
    expect(await collect()).toMatchObject({ ok: false, outcome: 'blocked' });
    // Jira does not document a throwing callback: the host reports it as the screen failing, never as a clean block.
    answer = () => {
      throw new Error('Fix the configuration first');
    };
    expect(await collect()).toMatchObject({ ok: false, outcome: 'threw' });
  });

  it('workflowRules.onConfigure: only a string of at most 32 KB is a configuration', async () => {
    const { bridge, collect } = loadShimInShell();
    let answer: unknown = { scopeLabel: 'x' };
    await bridge.callBridge('setWorkflowRuleConfigurationCallback', { data: { onConfigure: () => answer } });
    expect(await collect()).toMatchObject({ ok: false, outcome: 'invalid' });
    answer = 'x'.repeat(32 * 1024 + 1);
    expect(await collect()).toMatchObject({ ok: false, outcome: 'invalid' });
    answer = 'x'.repeat(32 * 1024);
    expect(await collect()).toMatchObject({ ok: true, outcome: 'saved' });
  });

  it('marks requestJira as the app\'s own request, so the latency model charges it', async () => {
    const { bridge, posted } = loadShimInShell();
    void bridge.callBridge('fetchProduct', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { headers: [['accept', 'application/json']] } });
    const sent = posted.find((m) => m.type === 'fetch');
    expect(sent).toMatchObject({ restPath: '/rest/api/3/myself', headers: { accept: 'application/json', [BRIDGE_REQUEST_HEADER]: '1' } });
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
