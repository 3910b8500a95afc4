import { DEFAULT_LATENCY_MODEL, PlatformLatency, parseLatencySpec, type LatencyModel } from './latency';

const MODEL: LatencyModel = { invocationMs: 300, coldStartMs: 1000, jiraMs: 150, kvsMs: 40 };

/** Tracks when each promise settles on jest's fake clock. */
function settleTimes(promises: Array<Promise<unknown>>): Array<number | undefined> {
  const times: Array<number | undefined> = promises.map(() => undefined);
  promises.forEach((p, i) => void p.then(() => (times[i] = Date.now())));
  return times;
}

describe('FORGE_LATENCY', () => {
  it('is off when empty or "off", the defaults for "model", and the defaults with listed costs replaced', () => {
    expect(parseLatencySpec(undefined)).toBeUndefined();
    expect(parseLatencySpec('')).toBeUndefined();
    expect(parseLatencySpec('off')).toBeUndefined();
    expect(parseLatencySpec('model')).toEqual(DEFAULT_LATENCY_MODEL);
    expect(DEFAULT_LATENCY_MODEL).toEqual(MODEL);
    expect(parseLatencySpec('invocation=250, cold=800,jira=120,kvs=30')).toEqual({ invocationMs: 250, coldStartMs: 800, jiraMs: 120, kvsMs: 30 });
    expect(parseLatencySpec('jira=400')).toEqual({ ...MODEL, jiraMs: 400 });
  });

  it('refuses what it does not understand, naming it', () => {
    expect(() => parseLatencySpec('fast')).toThrow(/"fast" is not understood/);
    expect(() => parseLatencySpec('jira=slow')).toThrow(/jira must be a whole number/);
    expect(() => parseLatencySpec('kvs=-5')).toThrow(/kvs must be a whole number/);
    expect(() => parseLatencySpec('network=100')).toThrow(/"network=100" is not understood/);
    expect(() => parseLatencySpec('jira=1e9')).toThrow(/jira must be a whole number/);
  });
});

describe('PlatformLatency', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('lets parallel requests overlap: two at once take one delay, two in a row take two', async () => {
    const latency = new PlatformLatency(MODEL);
    const parallel = settleTimes([latency.jira('function'), latency.jira('function')]);
    await jest.advanceTimersByTimeAsync(149);
    expect(parallel).toEqual([undefined, undefined]);
    await jest.advanceTimersByTimeAsync(1);
    expect(parallel).toEqual([150, 150]);

    const sequential = settleTimes([latency.kvs().then(() => latency.kvs())]);
    await jest.advanceTimersByTimeAsync(79);
    expect(sequential).toEqual([undefined]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sequential).toEqual([150 + 80]);
  });

  it('charges a cold start to the first call of each function and to calls that find every instance busy', async () => {
    const latency = new PlatformLatency(MODEL);
    const first = latency.invocation('resolver');
    const firstAt = settleTimes([first]);
    await jest.advanceTimersByTimeAsync(1300);
    expect(firstAt).toEqual([1300]);

    // The first call is still running: a concurrent one needs a second instance, cold too.
    const second = latency.invocation('resolver');
    const secondAt = settleTimes([second]);
    await jest.advanceTimersByTimeAsync(1300);
    expect(secondAt).toEqual([2600]);

    // Both finished: two concurrent calls now find two warm instances; another function is still cold.
    (await first)();
    (await second)();
    const after = settleTimes([latency.invocation('resolver'), latency.invocation('resolver'), latency.invocation('gate')]);
    await jest.advanceTimersByTimeAsync(300);
    expect(after).toEqual([2900, 2900, undefined]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(after[2]).toBe(3900);
    expect(latency.toJSON().calls).toMatchObject({ invocations: 5, coldStarts: 3, coldStartsByFunction: { resolver: 2, gate: 1 } });
  });

  it('reuses a released instance warm, and cools every function down on request', async () => {
    const latency = new PlatformLatency(MODEL);
    const cold = latency.invocation('resolver');
    await jest.advanceTimersByTimeAsync(1300);
    (await cold)();

    const started = Date.now();
    const warm = settleTimes([latency.invocation('resolver').then((release) => release())]);
    await jest.advanceTimersByTimeAsync(300);
    expect(warm).toEqual([started + 300]);

    latency.coolDown();
    const again = settleTimes([latency.invocation('resolver')]);
    await jest.advanceTimersByTimeAsync(300);
    expect(again).toEqual([undefined]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(again).toEqual([started + 300 + 1300]);
    expect(latency.toJSON().calls).toEqual({ invocations: 3, coldStarts: 2, coldStartsByFunction: { resolver: 2 }, jira: 0, jiraFromUi: 0, kvs: 0 });
  });

  it('waits for nothing when off, but still counts what went through the platform', async () => {
    const latency = new PlatformLatency();
    const done = settleTimes([latency.invocation('resolver'), latency.jira('ui'), latency.jira('function'), latency.kvs()]);
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 0, 0, 0]);
    expect(latency.toJSON()).toEqual({ model: null, description: 'off (loopback)', calls: { invocations: 1, coldStarts: 1, coldStartsByFunction: { resolver: 1 }, jira: 1, jiraFromUi: 1, kvs: 1 } });
    latency.resetCounts();
    expect(latency.toJSON().calls).toEqual({ invocations: 0, coldStarts: 0, coldStartsByFunction: {}, jira: 0, jiraFromUi: 0, kvs: 0 });
  });

  it('uses a new model from the next call on, every function cold again', async () => {
    const latency = new PlatformLatency();
    (await latency.invocation('resolver'))();
    latency.use({ ...MODEL, coldStartMs: 500 });
    const call = settleTimes([latency.invocation('resolver')]);
    await jest.advanceTimersByTimeAsync(799);
    expect(call).toEqual([undefined]);
    await jest.advanceTimersByTimeAsync(1);
    expect(call).toEqual([800]);
  });
});
