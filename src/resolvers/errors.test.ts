import { z } from 'zod';
import { Payloads } from '../shared/contract';
import { JiraError } from '../jira';
import { StorageError, TooLargeError } from '../storage';
import { AppError, fieldErrorsOf } from '../kernel';
import { toResolverError } from './errors';
import { MAX_PAYLOAD_DEPTH, stripServerSetFields } from './sanitize';

describe('toResolverError', () => {
  it('maps typed errors to contract codes without leaking internals', () => {
    expect(toResolverError(new JiraError(404, ['Issue does not exist'], '/rest/api/3/issue/X-1')).code).toBe('NOT_FOUND');
    expect(toResolverError(new JiraError(403, [], '/x')).code).toBe('FORBIDDEN');
    expect(toResolverError(new JiraError(500, ['boom at line 3'], '/x'))).toEqual({ code: 'JIRA_ERROR', message: 'Jira could not complete the request (500). Try again in a moment.' });
    expect(toResolverError(new StorageError('sqlite said: disk I/O at /var/x')).message).not.toMatch(/sqlite|var/);
    expect(toResolverError(new TooLargeError(200_000, 163_840)).code).toBe('TOO_LARGE');
    const internal = toResolverError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(internal.code).toBe('INTERNAL');
    expect(internal.message).not.toMatch(/undefined|reading/);
    const conflict = { version: 6, by: { accountId: 'a', displayName: 'Lee Lead' }, at: '2026-11-25T17:03:00Z' };
    expect(toResolverError(new AppError('CONFLICT', 'newer', { conflict }))).toEqual({ code: 'CONFLICT', message: 'newer', conflict });
  });

  it('names each invalid field by its dotted path', () => {
    const parsed = Payloads.saveKpi.safeParse({ baseVersion: 1, kpi: { name: 'x', category: 'latency', direction: 'up', status: 'agreed', horizon: { count: 0, unit: 'quarter' }, extra: 1 } });
    expect(parsed.success).toBe(false);
    const fields = fieldErrorsOf((parsed as { error: z.ZodError }).error);
    expect(fields['kpi.horizon.count']).toBe('Horizon must be at least 1');
    expect(fields['kpi.direction']).toBe('Pick a direction');
    expect(fields['kpi.extra']).toBe('This field is not accepted');
    expect(toResolverError((parsed as { error: z.ZodError }).error).code).toBe('VALIDATION');
  });
});

describe('stripServerSetFields', () => {
  it('drops server-set fields at any depth and keeps everything else', () => {
    const out = stripServerSetFields({ baseVersion: 1, decision: { status: 'permanent', decided: { by: 'me' }, decidedBy: 'x' }, list: [{ accepted: true, ok: 1 }] });
    expect(out).toEqual({ baseVersion: 1, decision: { status: 'permanent' }, list: [{ ok: 1 }] });
  });

  it('keeps "__proto__" as a plain field (then refused by validation) instead of changing a prototype', () => {
    const out = stripServerSetFields(JSON.parse('{"baseVersion":1,"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['baseVersion', '__proto__']);
    expect(Payloads.acceptOwnership.safeParse(out).success).toBe(false);
  });

  it('refuses absurdly deep payloads as VALIDATION, not a crash', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_PAYLOAD_DEPTH + 5; i++) deep = { a: deep };
    expect(() => stripServerSetFields(deep)).toThrow(AppError);
  });
});
