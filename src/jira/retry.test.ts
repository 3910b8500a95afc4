import { createJiraGateway } from './gateway';
import { JiraError, jiraMessages } from './errors';
import { DEFAULT_RETRY_POLICY, delayBeforeRetry, retryAfterMs, sendWithRetry, type RetryPolicy } from './retry';
import type { JiraTransport, TransportResponse } from './transport';

const response = (status: number, body: unknown = {}, headers: Record<string, string> = {}): TransportResponse => ({
  status,
  headers: { get: (name) => headers[name] ?? headers[name.toLowerCase()] ?? null },
  text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
});

function recordingPolicy(): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { ...DEFAULT_RETRY_POLICY, waits, sleep: async (ms) => void waits.push(ms), now: () => 0 };
}

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('0', 0)).toBe(0);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});

describe('jiraMessages', () => {
  it('reads field errors, and never prints an object as "[object Object]"', () => {
    expect(jiraMessages(JSON.stringify({ errorMessages: ['Bad JQL'], errors: { jql: 'Unknown field' } }))).toEqual(['Bad JQL', 'jql: Unknown field']);
    const bulk = { issues: [], errors: [{ elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } }, failedElementNumber: 0, status: 400 }] };
    const messages = jiraMessages(JSON.stringify(bulk));
    expect(messages.join(' ')).not.toContain('[object Object]');
    expect(messages).toEqual(['You must specify a summary of the issue.']);
  });
});

describe('sendWithRetry', () => {
  it('retries 429 honouring Retry-After, then returns the success', async () => {
    const policy = recordingPolicy();
    const answers = [response(429, {}, { 'Retry-After': '2' }), response(200, { ok: 1 })];
    const result = await sendWithRetry(async () => answers.shift()!, policy);
    expect(result.status).toBe(200);
    expect(policy.waits).toEqual([2000]);
  });

  it('backs off exponentially on 503 without Retry-After and stops after maxTries', async () => {
    const policy = recordingPolicy();
    let sent = 0;
    const result = await sendWithRetry(async () => (sent++, response(503)), policy);
    expect(result.status).toBe(503);
    expect(sent).toBe(3);
    expect(policy.waits).toEqual([500, 1000]);
  });

  it('does not retry other errors', async () => {
    const policy = recordingPolicy();
    let sent = 0;
    const result = await sendWithRetry(async () => (sent++, response(500)), policy);
    expect(result.status).toBe(500);
    expect(sent).toBe(1);
  });

  it('gives up rather than wait past the invocation budget', () => {
    const policy = recordingPolicy();
    expect(delayBeforeRetry(response(429, {}, { 'Retry-After': '30' }), 2, 0, policy)).toBeUndefined();
    expect(delayBeforeRetry(response(429, {}, { 'Retry-After': '7' }), 2, 10_000, policy)).toBeUndefined();
    expect(delayBeforeRetry(response(429, {}, { 'Retry-After': '7' }), 2, 0, policy)).toBe(7000);
  });
});

describe('JiraGateway over an injected transport', () => {
  function fakeJira(handler: (path: string, method: string, body: unknown) => TransportResponse) {
    const calls: Array<{ principal: string; path: string; method: string; body: unknown }> = [];
    const transport: JiraTransport = async (principal, path, request) => {
      calls.push({ principal, path: path.value, method: request.method, body: request.body });
      return handler(path.value, request.method, request.body);
    };
    return { calls, transport };
  }

  it('counts every request including retries and returns null on 404', async () => {
    let first = true;
    const { calls, transport } = fakeJira((path) => {
      if (path.startsWith('/rest/api/3/issue/AIP-9')) return response(404, { errorMessages: ['Issue does not exist'] });
      if (first) {
        first = false;
        return response(429, {}, { 'Retry-After': '0' });
      }
      return response(200, { id: '10001', key: 'AIP-1', fields: { summary: 'Claims triage' } });
    });
    const jira = createJiraGateway('user', transport, recordingPolicy());
    expect(await jira.getIssue('AIP-1', { fields: ['summary', 'status'] })).toEqual({ id: '10001', key: 'AIP-1', fields: { summary: 'Claims triage' } });
    expect(await jira.getIssue('AIP-9', { fields: ['summary'] })).toBeNull();
    expect(jira.requestCount).toBe(3);
    expect(calls[0]).toMatchObject({ principal: 'user', path: '/rest/api/3/issue/AIP-1?fields=summary%2Cstatus', method: 'GET' });
  });

  it('throws a typed JiraError with Jira\'s messages for other failures', async () => {
    const { transport } = fakeJira(() => response(400, { errorMessages: ['Bad JQL'], errors: { jql: 'Unknown field' } }));
    const jira = createJiraGateway('app', transport, recordingPolicy());
    const error = await jira.search('nonsense ==', { fields: ['summary'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).status).toBe(400);
    expect((error as JiraError).messages).toEqual(['Bad JQL', 'jql: Unknown field']);
  });

  it('sends the page token of a search and hands back the next one (absent on the last page)', async () => {
    const { calls, transport } = fakeJira((_path, _method, body) => {
      const token = (body as { nextPageToken?: string }).nextPageToken;
      if (!token) return response(200, { issues: [{ id: '1', key: 'A-1' }], nextPageToken: 'p2' });
      return response(200, { issues: [{ id: '2', key: 'A-2' }] });
    });
    const jira = createJiraGateway('app', transport, recordingPolicy());
    const first = await jira.search('project = A', { fields: ['summary'], properties: ['p'] });
    const second = await jira.search('project = A', { fields: ['summary'], properties: ['p'], nextPageToken: first.nextPageToken });
    expect([...first.issues, ...second.issues].map((i) => i.key)).toEqual(['A-1', 'A-2']);
    expect([first.nextPageToken, second.nextPageToken]).toEqual(['p2', undefined]);
    expect(calls.map((c) => (c.body as { nextPageToken?: string }).nextPageToken)).toEqual([undefined, 'p2']);
    expect(calls[0].path).toBe('/rest/api/3/search/jql');
  });

  it('splits bulk creates into 50s and reports errors by the caller\'s index', async () => {
    let created = 0;
    const { calls, transport } = fakeJira((_path, _method, body) => {
      const updates = (body as { issueUpdates: unknown[] }).issueUpdates;
      const issues = updates.map(() => ({ id: String(++created), key: `A-${created}` }));
      return response(201, { issues: issues.slice(1), errors: [{ failedElementNumber: 0, status: 400, elementErrors: { errors: { summary: 'Summary is required' } } }] });
    });
    const jira = createJiraGateway('user', transport, recordingPolicy());
    const result = await jira.bulkCreate(Array.from({ length: 120 }, (_, i) => ({ fields: { summary: `W${i}` } })));
    expect(calls).toHaveLength(3);
    expect((calls[2].body as { issueUpdates: unknown[] }).issueUpdates).toHaveLength(20);
    expect(result.errors.map((e) => e.index)).toEqual([0, 50, 100]);
    expect(result.errors[0].message).toBe('Summary is required');
    expect(result.issues).toHaveLength(117);
  });

  it('reads a bulk create where every element failed (Jira answers 400) as one reason per element', async () => {
    const { transport } = fakeJira(() => response(400, {
      issues: [],
      errors: [
        { elementErrors: { errorMessages: [], errors: { customfield_10050: 'Compliance owner is required.' } }, failedElementNumber: 0, status: 400 },
        { elementErrors: { errorMessages: ['You do not have permission to create issues in this project.'], errors: {} }, failedElementNumber: 1, status: 403 },
      ],
    }));
    const jira = createJiraGateway('user', transport, recordingPolicy());
    expect(await jira.bulkCreate([{ fields: {} }, { fields: {} }])).toEqual({
      issues: [],
      errors: [
        { index: 0, message: 'Compliance owner is required.' },
        { index: 1, message: 'You do not have permission to create issues in this project.' },
      ],
    });
  });

  it('a bulk create refused as a whole is still a JiraError, with readable messages', async () => {
    const { transport } = fakeJira(() => response(400, { errorMessages: ['The number of issues to create exceeds the limit of 50.'], errors: {} }));
    const jira = createJiraGateway('user', transport, recordingPolicy());
    const error = await jira.bulkCreate([{ fields: {} }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).messages).toEqual(['The number of issues to create exceeds the limit of 50.']);
  });

  it('asks mypermissions once and answers a boolean per key', async () => {
    const { calls, transport } = fakeJira(() => response(200, { permissions: { EDIT_ISSUES: { havePermission: true }, BROWSE_PROJECTS: { havePermission: true } } }));
    const jira = createJiraGateway('user', transport, recordingPolicy());
    expect(await jira.myPermissions({ issueKey: 'AIP-1' }, ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'])).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: false });
    expect(calls[0].path).toBe('/rest/api/3/mypermissions?issueKey=AIP-1&permissions=BROWSE_PROJECTS%2CEDIT_ISSUES%2CADMINISTER_PROJECTS');
  });

  it('refuses a path-manipulating id before sending anything', async () => {
    const { calls, transport } = fakeJira(() => response(200));
    const jira = createJiraGateway('user', transport, recordingPolicy());
    await expect(jira.getIssue('../../admin', { fields: ['summary'] })).rejects.toThrow(/path manipulation/);
    expect(calls).toHaveLength(0);
  });
});
