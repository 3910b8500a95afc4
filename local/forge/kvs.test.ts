import BetterSqlite3 from 'better-sqlite3';
import { KvsError, KvsStore, evalConditions, parseEntityDefs } from './kvs';

const store = () => new KvsStore(new BetterSqlite3(':memory:'), parseEntityDefs([{ name: 'doc', indexes: ['version'] }]));

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof KvsError ? e.code : 'NOT_KVS_ERROR';
  }
  return undefined;
};

describe('KvsStore', () => {
  it('answers KEY_NOT_FOUND for a missing key and the value once set', () => {
    const s = store();
    expect(codeOf(() => s.get({ key: 'a' }))).toBe('KEY_NOT_FOUND');
    s.set({ key: 'a', value: { x: [1, 2] } });
    expect(s.get({ key: 'a' })).toMatchObject({ key: 'a', value: { x: [1, 2] } });
    s.delete({ key: 'a' });
    expect(codeOf(() => s.get({ key: 'a' }))).toBe('KEY_NOT_FOUND');
  });

  it('enforces key length and value size', () => {
    const s = store();
    expect(codeOf(() => s.set({ key: 'k'.repeat(501), value: 1 }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => s.set({ key: 'k'.repeat(500), value: 1 }))).toBeUndefined();
    expect(codeOf(() => s.set({ key: 'big', value: 'x'.repeat(240 * 1024) }))).toBe('VALUE_TOO_LARGE');
    expect(codeOf(() => s.set({ key: 'ok', value: 'x'.repeat(240 * 1024 - 2) }))).toBeUndefined();
  });

  it('supports keyPolicy FAIL_IF_EXISTS and OVERRIDE with returnValue', () => {
    const s = store();
    s.set({ key: 'a', value: 1 });
    expect(codeOf(() => s.set({ key: 'a', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } }))).toBe('KEY_ALREADY_EXISTS');
    expect(s.set({ key: 'a', value: 3, options: { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' } })).toMatchObject({ value: 1 });
    expect(s.set({ key: 'a', value: 4, options: { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' } })).toMatchObject({ value: 4 });
  });

  it('expires values with a ttl', () => {
    const s = store();
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now');
    spy.mockReturnValue(now);
    s.set({ key: 't', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } });
    expect(s.get({ key: 't' })).toMatchObject({ value: 1 });
    spy.mockReturnValue(now + 1500);
    expect(codeOf(() => s.get({ key: 't' }))).toBe('KEY_NOT_FOUND');
    spy.mockRestore();
  });

  it('pages a prefix query in key order and rejects limits above 100', () => {
    const s = store();
    for (const k of ['p:3', 'p:1', 'q:1', 'p:2']) s.set({ key: k, value: k });
    const first = s.query({ limit: 2, where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['p:'] }] });
    expect(first.data.map((d) => d.key)).toEqual(['p:1', 'p:2']);
    const second = s.query({ limit: 2, after: first.cursor, where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['p:'] }] });
    expect(second.data.map((d) => d.key)).toEqual(['p:3']);
    expect(second.cursor).toBeUndefined();
    expect(codeOf(() => s.query({ limit: 101 }))).toBe('VALIDATION_ERROR');
  });

  it('rolls back a whole transaction when a condition fails, and limits it to 25 unique keys', () => {
    const s = store();
    s.set({ key: 'd', entityName: 'doc', value: { version: 1 } });
    const cond = { and: [{ property: 'version', condition: 'EQUAL_TO', values: [2] }] };
    expect(codeOf(() => s.transaction({ set: [{ key: 'a', value: 1 }], delete: [{ key: 'x' }], check: [{ key: 'd', entityName: 'doc', conditions: cond }] }))).toBe('CONDITIONAL_CHECK_FAILED');
    expect(codeOf(() => s.get({ key: 'a' }))).toBe('KEY_NOT_FOUND');
    expect(codeOf(() => s.transaction({ set: [{ key: 'a', value: 1 }, { key: 'a', value: 2 }] }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => s.transaction({ set: Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i })) }))).toBe('VALIDATION_ERROR');
    // a conditional set on an entity: only when the stored version matches
    s.transaction({ set: [{ key: 'd', entityName: 'doc', value: { version: 2 }, conditions: { and: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] } }] });
    expect(s.get({ key: 'd', entityName: 'doc' })).toMatchObject({ value: { version: 2 } });
  });

  it('evaluates filter conditions', () => {
    const v = { a: 'hello', n: 5, list: ['x'] };
    expect(evalConditions(v, { and: [{ property: 'a', condition: 'BEGINS_WITH', values: ['he'] }, { property: 'n', condition: 'BETWEEN', values: [1, 5] }] })).toBe(true);
    expect(evalConditions(v, { or: [{ property: 'missing', condition: 'EXISTS', values: [true] }, { property: 'list', condition: 'CONTAINS', values: ['x'] }] })).toBe(true);
    expect(evalConditions(v, { and: [{ property: 'n', condition: 'GREATER_THAN', values: [5] }] })).toBe(false);
  });
});
