import { buildRuntime, currentInvocation, forgeFetch, installForgeGlobals, runInInvocation } from './runtime';

const base = {
  baseUrl: 'http://127.0.0.1:1',
  appId: '11111111-2222-4333-8444-555555555555',
  appVersion: '1',
  environmentId: 'env',
  installationId: 'inst',
  cloudId: 'cloud',
  functionKey: 'resolver',
  moduleType: 'jira:issuePanel',
  moduleKey: 'panel',
  appCodeDir: '/app',
};

describe('Forge runtime globals', () => {
  beforeAll(() => installForgeGlobals());

  it('has no kvs property, so @forge/kvs goes through __forge_fetch__', () => {
    const rt = buildRuntime({ ...base, invocationId: 'i', startedAt: Date.now() });
    expect('kvs' in rt).toBe(false);
    expect(rt).toMatchObject({ appContext: { appId: base.appId, environmentType: 'DEVELOPMENT', moduleKey: 'panel' } });
  });

  it('answers each async context its own runtime', async () => {
    const g = globalThis as unknown as { __forge_runtime__?: { aaid?: string } };
    expect(g.__forge_runtime__).toBeUndefined();
    const seen = await Promise.all(['a', 'b', 'c'].map((accountId, i) =>
      runInInvocation({ ...base, accountId }, async () => {
        await new Promise((r) => setTimeout(r, 30 - i * 10));
        return g.__forge_runtime__?.aaid;
      })));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(currentInvocation()).toBeUndefined();
  });

  it('answers 401 with forge-proxy-error for asUser() without a user', async () => {
    const res = await runInInvocation(base, () => forgeFetch({ type: 'fpp', provider: 'user', remote: 'jira' }, '/rest/api/3/myself'));
    expect(res.status).toBe(401);
    expect(res.headers.get('forge-proxy-error')).toBe('NEEDS_AUTHENTICATION_ERR');
  });

  it('refuses remotes other than Jira', async () => {
    const res = await runInInvocation(base, () => forgeFetch({ type: 'fpp', provider: 'app', remote: 'confluence' }, '/wiki/rest/api/content'));
    expect(res.status).toBe(404);
  });
});
