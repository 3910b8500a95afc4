/**
 * The Custom UI bridge for unit tests. On Jira (and in the local host) the page around a Custom UI frame
 * puts `window.__bridge` there, and the real `@forge/bridge` package sends every call through its
 * `callBridge(name, payload)`. Unit tests have no page around them, so this file is that object: the real
 * package runs, and a test says what each resolver answers (and when, with a deferred promise).
 * Anything a test did not arrange is refused loudly rather than answered with a guess.
 */
import type { PayloadOf, ResolverName, Responses, Result } from '@src/shared/contract';

type Answer<N extends ResolverName> = Result<Responses[N]> | Promise<Result<Responses[N]>>;
type Handler<N extends ResolverName> = (payload: PayloadOf<N>) => Answer<N>;

export interface BridgeCall {
  name: string;
  payload: unknown;
}

const handlers = new Map<string, (payload: unknown) => unknown>();
/** Other bridge calls a test arranged (e.g. `fetchProduct`, requestJira's), by bridge name. */
const bridgeHandlers = new Map<string, (payload: unknown) => unknown>();
const calls: BridgeCall[] = [];
let context: Record<string, unknown> = {};

export const DEFAULT_CONTEXT = {
  accountId: 'user-1',
  cloudId: 'cloud-1',
  localId: 'local-1',
  moduleKey: 'production-handoff-panel',
  siteUrl: 'https://example.atlassian.net',
  timezone: 'UTC',
  locale: 'en-US',
  extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'AIP-1', type: 'Epic' }, project: { id: '10000', key: 'AIP' } },
};

async function callBridge(name: string, payload?: unknown): Promise<unknown> {
  calls.push({ name, payload });
  // A copy, as a postMessage would give: a test cannot change the context by changing what it got.
  if (name === 'getContext') return JSON.parse(JSON.stringify(context));
  // Jira shows the flag; here it is only remembered, for a test to read (shownFlags).
  if (name === 'showFlag' || name === 'closeFlag') return undefined;
  if (name === 'invoke') {
    const { functionKey, payload: body } = payload as { functionKey: string; payload: unknown };
    const handler = handlers.get(functionKey);
    if (!handler) throw new Error(`No answer arranged for the resolver "${functionKey}" in this test`);
    return handler(body);
  }
  if (name === 'createHistory' && routerHistory) return routerHistory;
  const other = bridgeHandlers.get(name);
  if (other) return other(payload);
  throw new Error(`The unit-test bridge does not provide "${name}"`);
}

// ---- a full-page app's router history (view.createHistory), in memory, when a test asks for one ----
interface TestLocation {
  pathname: string;
  search: string;
}
let routerHistory: ReturnType<typeof memoryHistory> | undefined;

function memoryHistory(start: TestLocation) {
  const entries: TestLocation[] = [start];
  let index = 0;
  let listeners: Array<(l: TestLocation, action: string) => void> = [];
  const parse = (to: string | Partial<TestLocation>): TestLocation => {
    if (typeof to !== 'string') return { pathname: to.pathname ?? '/', search: to.search ?? '' };
    const q = to.indexOf('?');
    return q < 0 ? { pathname: to, search: '' } : { pathname: to.slice(0, q), search: to.slice(q) };
  };
  const tell = (action: string) => {
    history.location = { ...entries[index] };
    for (const l of [...listeners]) l({ ...entries[index] }, action);
  };
  const history = {
    location: { ...start },
    /** What the page's address holds, oldest first, and which entry is current. */
    entries,
    get index() {
      return index;
    },
    push(to: string | Partial<TestLocation>) {
      entries.splice(index + 1, entries.length, parse(to));
      index = entries.length - 1;
      tell('PUSH');
    },
    replace(to: string | Partial<TestLocation>) {
      entries[index] = parse(to);
      tell('REPLACE');
    },
    back() {
      if (index > 0) index -= 1;
      tell('POP');
    },
    listen(listener: (l: TestLocation, action: string) => void) {
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
  return history;
}

/** Gives the app a router history (a full-page module's), starting at `start` (path and query). */
export function withRouterHistory(start: string): ReturnType<typeof memoryHistory> {
  routerHistory = memoryHistory({ pathname: '/', search: '' });
  routerHistory.replace(start);
  return routerHistory;
}

/** Installs the bridge (jest's setupFiles run this before any test file imports `@forge/bridge`). */
export function installTestBridge(): void {
  (globalThis as { __bridge?: unknown }).__bridge = { callBridge };
  resetTestBridge();
}

export function resetTestBridge(): void {
  routerHistory = undefined;
  handlers.clear();
  bridgeHandlers.clear();
  calls.length = 0;
  context = JSON.parse(JSON.stringify(DEFAULT_CONTEXT));
}

/** What `name` answers from now on; the handler may return a promise the test resolves later. */
export function answer<N extends ResolverName>(name: N, handler: Handler<N>): void {
  handlers.set(name, handler as (payload: unknown) => unknown);
}

/** What the bridge call `name` (not a resolver: e.g. `fetchProduct`) answers from now on. */
export function answerBridge(name: string, handler: (payload: unknown) => unknown): void {
  bridgeHandlers.set(name, handler);
}

/** Every call of the bridge function `name` so far (e.g. `fetchProduct` for requestJira). */
export function bridgeCalls(name: string): BridgeCall[] {
  return calls.filter((c) => c.name === name);
}

/** The payloads `name` was invoked with, in order (without the time zone every call carries). */
export function invocations<N extends ResolverName>(name: N): Array<PayloadOf<N>> {
  return calls
    .filter((c) => c.name === 'invoke' && (c.payload as { functionKey: string }).functionKey === name)
    .map((c) => {
      const { timeZone: _zone, ...rest } = (c.payload as { payload: Record<string, unknown> }).payload;
      return rest as PayloadOf<N>;
    });
}

/** The flags shown so far, in order: `{title, type}` as the app asked Jira to show them. */
export function shownFlags(): Array<{ title: string; type: string }> {
  return calls.filter((c) => c.name === 'showFlag').map((c) => {
    const { title, type } = c.payload as { title: string; type: string };
    return { title, type };
  });
}

/** A promise the test settles by hand, to decide which of two answers arrives first. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
