/**
 * Web triggers served as Forge serves them: URLs from the real `webTrigger.getUrl()` of @forge/api (the
 * GraphQL mutation the package sends), anyone may call them, no user, Forge's request and response shapes.
 */
import { startMiniHost, type MiniHost } from '../helpers/mini-host';
import { LOCAL_CLOUD_ID } from '../../local/forge/app';

jest.setTimeout(60_000);
let mini: MiniHost;
let hookUrl: string;

beforeAll(async () => {
  mini = await startMiniHost({ scheduledTriggers: 'manual' });
});
afterAll(async () => {
  await mini?.stop();
});

const urls = (payload: unknown) => mini.invoke('webtriggerUrls', payload);

describe('webTrigger.getUrl / queryUrls / deleteUrl from @forge/api', () => {
  test('getUrl answers a stable, unguessable URL on the host per module; v2 modules get the /public/ format', async () => {
    const a = (await urls({ moduleKey: 'mini-hook' })).body;
    expect(a.ok).toBe(true);
    expect(a.url).toMatch(new RegExp(`^${mini.url}/x1/[A-Za-z0-9_-]{32}$`));
    expect((await urls({ moduleKey: 'mini-hook' })).body.url).toBe(a.url);
    const v2 = (await urls({ moduleKey: 'mini-hook-v2' })).body;
    expect(v2.url).toMatch(new RegExp(`^${mini.url}/public/[A-Za-z0-9_-]{32}$`));
    hookUrl = a.url;
  });

  test('forceCreate makes a second URL; queryUrls lists both; deleteUrl stops one from invoking anything', async () => {
    const forced = (await urls({ moduleKey: 'mini-hook', forceCreate: true })).body;
    expect(forced.url).not.toBe(hookUrl);
    expect(forced.all).toEqual(expect.arrayContaining([{ moduleKey: 'mini-hook', url: hookUrl }, { moduleKey: 'mini-hook', url: forced.url }]));
    expect((await fetch(forced.url)).status).toBe(201);
    const deleted = (await urls({ deleteUrl: forced.url })).body;
    expect(deleted.ok).toBe(true);
    expect(deleted.all.map((u: { url: string }) => u.url)).not.toContain(forced.url);
    expect((await fetch(forced.url)).status).toBe(404);
    expect((await urls({ moduleKey: 'mini-hook' })).body.url).toBe(hookUrl);
  });

  test('an unknown module key fails in the app as on Forge (the gateway answers no URL)', async () => {
    const r = (await urls({ moduleKey: 'mini-panel' })).body;
    expect(r).toEqual({ ok: false, message: 'Internal error occurred: Failed to get web trigger URL.' });
  });

  test('the gateway answers only the app (the internal header)', async () => {
    const r = await mini.call('POST', '/gateway/api/graphql', { query: 'query { webTriggerUrlsByAppContext(appId: "x") { url } }' });
    expect(r.status).toBe(401);
  });
});

describe('calling a web trigger', () => {
  test("the function gets Forge's request: method, header arrays, string body, path, userPath, query arrays, context", async () => {
    const res = await fetch(`${hookUrl}/hello/world?apples=green,red&grapes=green`, { method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-Token': 'abc' }, body: '{"hello":1}' });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Created here');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-mini')).toBe('one, two');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
    const echo = (await res.json()) as { request: any; context: any; aaid: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const path = new URL(hookUrl).pathname;
    expect(echo.request).toMatchObject({
      method: 'POST',
      body: '{"hello":1}',
      path: `${path}/hello/world`,
      userPath: '/hello/world',
      queryParameters: { apples: ['green', 'red'], grapes: ['green'] },
      context: { cloudId: LOCAL_CLOUD_ID, moduleKey: 'mini-hook' },
      contextToken: expect.any(String),
    });
    expect(echo.request.headers['Content-Type']).toEqual(['text/plain']);
    expect(echo.request.headers['X-Token']).toEqual(['abc']);
    expect(Object.values(echo.request.headers).every((v) => Array.isArray(v))).toBe(true);
    expect(echo.context).toEqual({ principal: null, installContext: `ari:cloud:jira::site/${LOCAL_CLOUD_ID}` });
    expect(echo.aaid).toBeNull();
  });

  test('without a body there is no body; without extra path userPath is empty', async () => {
    const echo = (await (await fetch(hookUrl)).json()) as { request: Record<string, unknown> };
    expect(echo.request.method).toBe('GET');
    expect(echo.request).not.toHaveProperty('body');
    expect(echo.request.userPath).toBe('');
    expect(echo.request.queryParameters).toEqual({});
  });

  test('no user: asUser() fails inside a web trigger', async () => {
    expect(await (await fetch(`${hookUrl}/as-user`)).text()).toBe('asUser failed: NEEDS_AUTHENTICATION_ERR');
  });

  test('500 when the function throws or answers outside the response shape (a body object, a header string)', async () => {
    for (const p of ['/throw', '/object-body', '/string-header']) {
      const res = await fetch(`${hookUrl}${p}`);
      expect(res.status).toBe(500);
      expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
    }
    expect(await (await fetch(`${hookUrl}/object-body`)).text()).toMatch(/body must be a string/);
  });

  test('a static web trigger answers only its manifest outputs', async () => {
    const url = (await urls({ moduleKey: 'mini-static' })).body.url;
    const ok = await fetch(url, { method: 'POST', body: 'x' });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.text()).toBe('{"accepted":true}');
    const denied = await fetch(`${url}?out=denied`);
    expect([denied.status, await denied.text()]).toEqual([403, 'Forbidden']);
    expect((await fetch(`${url}?out=egress`)).status).toBe(500);
  });

  test('404 for an unknown token or the wrong URL format; 413 over the 5 MB payload limit', async () => {
    expect((await fetch(`${mini.url}/x1/not-a-real-token`)).status).toBe(404);
    expect((await fetch(hookUrl.replace('/x1/', '/public/'))).status).toBe(404);
    const big = await fetch(hookUrl, { method: 'POST', body: 'x'.repeat(5 * 1024 * 1024 + 10) });
    expect(big.status).toBe(413);
  });

  test('anyone may call it: no Jira credentials are needed or used, and the host lists the URLs', async () => {
    const res = await fetch(hookUrl, { headers: { authorization: 'Basic bm9ib2R5Ong=' } });
    expect(res.status).toBe(201);
    const listed = (await mini.call('GET', '/__local/webtriggers')).body.urls;
    expect(listed).toContainEqual(expect.objectContaining({ moduleKey: 'mini-hook', url: hookUrl }));
    const stats = (await mini.call('GET', '/__local/stats')).body;
    expect(stats.invocations['mini-hook:webtrigger'].count).toBeGreaterThanOrEqual(5);
  });
});
