import { headerArrays, httpAnswer, queryArrays, webtriggerDefs, webtriggerProblems, WebTriggerResponseError, type WebTriggerDef } from './webtrigger';
import { manifestFrom } from './test-manifest';

const dynamic: WebTriggerDef = { key: 'kpi', functionKey: 'fn', urlFormat: 'v1', type: 'dynamic', outputs: [] };
const staticDef: WebTriggerDef = {
  key: 'ping', functionKey: 'fn', urlFormat: 'v2', type: 'static',
  outputs: [{ key: 'ok', statusCode: 200, contentType: 'application/json', body: '{"ok":true}' }, { key: 'denied', statusCode: 403 }],
};

describe("the request Forge hands a web trigger function", () => {
  test('headers keep the caller\'s names and become arrays; repeated headers gather', () => {
    expect(headerArrays(['Host', 'localhost:8080', 'Content-Type', 'text/plain', 'X-Tag', 'a', 'X-Tag', 'b'])).toEqual({
      Host: ['localhost:8080'], 'Content-Type': ['text/plain'], 'X-Tag': ['a', 'b'],
    });
  });

  test('query parameters become arrays, comma-separated values split (the docs\' example), repeated names gather', () => {
    expect(queryArrays('?apples=green,red&grapes=green')).toEqual({ apples: ['green', 'red'], grapes: ['green'] });
    expect(queryArrays('a=1&a=2&b=hello%20world&flag')).toEqual({ a: ['1', '2'], b: ['hello world'], flag: [''] });
    expect(queryArrays('')).toEqual({});
  });
});

describe('the HTTP answer for a function result', () => {
  test('a dynamic trigger answers its statusCode, header arrays, string body and statusText', () => {
    expect(httpAnswer(dynamic, { statusCode: 201, statusText: 'Created', headers: { 'Content-Type': ['application/json'] }, body: '{"id":1}' })).toEqual({
      status: 201, statusText: 'Created', headers: { 'Content-Type': ['application/json'] }, body: '{"id":1}',
    });
    expect(httpAnswer(dynamic, { statusCode: 204 })).toEqual({ status: 204, headers: {}, body: '' });
  });

  test('anything else is a 500 with the reason: no statusCode, a body object, a header string, no object at all', () => {
    const reason = (result: unknown) => {
      try {
        httpAnswer(dynamic, result);
      } catch (e) {
        expect(e).toBeInstanceOf(WebTriggerResponseError);
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(reason({ body: 'hi' })).toMatch(/statusCode/);
    expect(reason({ statusCode: 200.5 })).toMatch(/statusCode/);
    expect(reason({ statusCode: 200, body: { ok: true } })).toMatch(/body must be a string/);
    expect(reason({ statusCode: 200, headers: { 'Content-Type': 'application/json' } })).toMatch(/array of strings/);
    expect(reason(undefined)).toMatch(/not a web trigger response/);
    expect(reason('ok')).toMatch(/not a web trigger response/);
    // The docs' dynamic example returns contentType; only the documented response fields count.
    expect(httpAnswer(dynamic, { statusCode: 200, contentType: 'application/json', body: '{}' }).headers).toEqual({});
  });

  test('a static trigger answers only an output named by outputKey', () => {
    expect(httpAnswer(staticDef, { outputKey: 'ok' })).toEqual({ status: 200, headers: { 'Content-Type': ['application/json'] }, body: '{"ok":true}' });
    expect(httpAnswer(staticDef, { outputKey: 'denied' })).toEqual({ status: 403, headers: {}, body: '' });
    expect(() => httpAnswer(staticDef, { outputKey: 'nope' })).toThrow(/not among the manifest's outputs/);
    expect(() => httpAnswer(staticDef, { statusCode: 200, body: 'egress' })).toThrow(/static web trigger must answer \{outputKey\}/);
  });
});

describe('webtrigger modules', () => {
  const m = (mods: string) => manifestFrom(`
modules:
  webtrigger:
${mods}
  function:
    - key: fn
      handler: index.fn
`);

  test('reads url format (v1 by default) and response type (dynamic by default)', () => {
    expect(webtriggerDefs(m('    - key: a\n      function: fn\n    - key: b\n      function: fn\n      urlFormat: v2\n      response:\n        type: static\n        outputs:\n          - key: ok\n            statusCode: 200'))
      .map((d) => [d.key, d.urlFormat, d.type])).toEqual([['a', 'v1', 'dynamic'], ['b', 'v2', 'static']]);
  });

  test('refuses a static response without outputs, unknown functions, and authentication the host cannot do', () => {
    expect(webtriggerProblems(m(`    - key: a
      function: fn
      response:
        type: static
    - key: b
      function: ghost
    - key: c
      function: fn
      request:
        authentication: hmacSharedSecret`))).toEqual([
      'webtrigger a: a static response needs outputs',
      'webtrigger b: function "ghost" is not declared',
      "webtrigger c: request.authentication 'hmacSharedSecret' is not implemented by the local host",
    ]);
  });
});
