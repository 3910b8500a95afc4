import BetterSqlite3 from 'better-sqlite3';
import { KvsError, KvsStore, evalConditions, parseEntityDefs, validateEntityDefs, type KvsStoreOptions } from './kvs';

const store = () => new KvsStore(new BetterSqlite3(':memory:'), parseEntityDefs([{ name: 'doc', attributes: { version: { type: 'integer' } }, indexes: ['version'] }]));

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

  it('supports keyPolicy FAIL_IF_EXISTS and OVERRIDE with returnValue', () => {
    const s = store();
    s.set({ key: 'a', value: 1 });
    expect(codeOf(() => s.set({ key: 'a', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } }))).toBe('KEY_ALREADY_EXISTS');
    expect(s.set({ key: 'a', value: 3, options: { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' } })).toMatchObject({ value: 1 });
    expect(s.set({ key: 'a', value: 4, options: { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' } })).toMatchObject({ value: 4 });
  });

  it('pages a prefix query in key order and rejects limits above 100', () => {
    const s = store();
    for (const k of ['p:3', 'p:1', 'q:1', 'p:2']) s.set({ key: k, value: k });
    const first = s.query({ limit: 2, where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['p:'] }] });
    expect(first.data.map((d) => d.key)).toEqual(['p:1', 'p:2']);
    const second = s.query({ limit: 2, after: first.cursor, where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['p:'] }] });
    expect(second.data.map((d) => d.key)).toEqual(['p:3']);
    expect(second.cursor).toBeUndefined();
    expect(codeOf(() => s.query({ limit: 101 }))).toBe('LIST_QUERY_LIMIT_EXCEEDED');
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

/** Entities with one attribute of each documented type (runtime-reference/custom-entities, "Values"). */
const typedDefs = () =>
  parseEntityDefs([
    {
      name: 'typed',
      attributes: { n: { type: 'integer' }, f: { type: 'float' }, s: { type: 'string' }, b: { type: 'boolean' }, a: { type: 'any' } },
      indexes: ['n', { name: 'by-s', range: ['f'], partition: ['s'] }],
    },
  ]);
const typedStore = (opts: KvsStoreOptions = {}) => new KvsStore(new BetterSqlite3(':memory:'), typedDefs(), opts);

describe('KvsStore is as strict as Forge storage', () => {
  it('enforces entity attribute types: integer is a 32-bit signed integer', () => {
    const s = typedStore();
    const set = (value: Record<string, unknown>) => codeOf(() => s.set({ key: 'k', entityName: 'typed', value }));
    expect(set({ n: 2_147_483_647 })).toBeUndefined();
    expect(set({ n: -2_147_483_648 })).toBeUndefined();
    expect(set({ n: 2_147_483_648 })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ n: 1_764_000_000_000 })).toBe('INVALID_ENTITY_VALUE'); // epoch milliseconds
    expect(set({ n: 1.5 })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ n: '7' })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ f: 1_764_000_000_000 })).toBeUndefined();
    expect(set({ f: 0 })).toBeUndefined();
    expect(set({ f: -2.5e-3 })).toBeUndefined();
    expect(set({ f: 1e126 })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ f: 1e-131 })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ s: 'x' })).toBeUndefined();
    expect(set({ s: '' })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ s: '   ' })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ s: 3 })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ b: false })).toBeUndefined();
    expect(set({ b: 'true' })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ a: { deep: [1, null] } })).toBeUndefined();
    expect(set({ a: null })).toBe('INVALID_ENTITY_VALUE');
    expect(set({ n: null })).toBe('INVALID_ENTITY_VALUE');
    // Nothing the manifest does not declare: no unknown attribute, no unknown entity, only objects.
    expect(set({ typo: 1 })).toBe('INVALID_ENTITY_VALUE');
    expect(codeOf(() => s.set({ key: 'k', entityName: 'typed', value: [1] }))).toBe('INVALID_ENTITY_VALUE');
    expect(codeOf(() => s.set({ key: 'k', entityName: 'nope', value: { n: 1 } }))).toBe('INVALID_ENTITY_TYPE');
    expect(codeOf(() => s.get({ key: 'k', entityName: 'nope' }))).toBe('INVALID_ENTITY_TYPE');
  });

  it('checks attribute types in transactions and batches too, and writes nothing of a refused transaction', () => {
    const s = typedStore();
    expect(codeOf(() => s.transaction({ set: [{ key: 'plain', value: 1 }, { key: 'k', entityName: 'typed', value: { n: Date.now() } }] }))).toBe('INVALID_ENTITY_VALUE');
    expect(codeOf(() => s.get({ key: 'plain' }))).toBe('KEY_NOT_FOUND');
    const batch = s.batchSet([{ key: 'ok', entityName: 'typed', value: { n: 1 } }, { key: 'bad', entityName: 'typed', value: { n: 2 ** 31 } }]);
    expect(batch.successfulKeys).toEqual([{ key: 'ok', entityName: 'typed' }]);
    expect(batch.failedKeys).toEqual([expect.objectContaining({ key: 'bad', entityName: 'typed', error: expect.objectContaining({ code: 'INVALID_ENTITY_VALUE' }) })]);
  });

  it('limits the combined size of the values on an index (range 900 bytes, partition 1700 bytes)', () => {
    const s = typedStore();
    expect(codeOf(() => s.set({ key: 'k', entityName: 'typed', value: { s: 'p'.repeat(1700), f: 1 } }))).toBeUndefined();
    expect(codeOf(() => s.set({ key: 'k', entityName: 'typed', value: { s: 'p'.repeat(1701), f: 1 } }))).toBe('INVALID_ENTITY_VALUE');
  });

  it('refuses a manifest whose entities break the documented rules (any is not indexable)', () => {
    const problems = (entities: unknown) => validateEntityDefs(parseEntityDefs(entities));
    expect(problems(typedDefs().map((d) => ({ name: d.name, attributes: d.attributes, indexes: [] })))).toEqual([]);
    expect(problems([{ name: 'doc', attributes: { a: { type: 'any' } }, indexes: ['a'] }]).join(' ')).toMatch(/"a".*any/);
    expect(problems([{ name: 'doc', attributes: { a: { type: 'string' } }, indexes: [{ name: 'by-x', range: ['x'] }] }]).join(' ')).toMatch(/"x"/);
    expect(problems([{ name: 'doc', attributes: { a: { type: 'date' } } }]).join(' ')).toMatch(/type/);
    expect(problems([{ name: 'Do', attributes: { a: { type: 'string' } } }]).join(' ')).toMatch(/entity name/);
    expect(problems([{ name: 'doc', attributes: { a: { type: 'string' } }, indexes: [{ name: 'by-a', range: ['a', 'a'] }] }]).join(' ')).toMatch(/one attribute/);
  });

  it('enforces the documented key format and length', () => {
    const s = store();
    expect(codeOf(() => s.set({ key: 'k'.repeat(501), value: 1 }))).toBe('KEY_TOO_LONG');
    expect(codeOf(() => s.set({ key: 'k'.repeat(500), value: 1 }))).toBeUndefined();
    expect(codeOf(() => s.set({ key: 'audit:1:2026-11-25T09:00:00.000Z:2 #3_x', value: 1 }))).toBeUndefined();
    expect(codeOf(() => s.set({ key: 'a/b', value: 1 }))).toBe('INVALID_KEY');
    expect(codeOf(() => s.set({ key: 'user@example.com', value: 1 }))).toBe('INVALID_KEY');
    expect(codeOf(() => s.set({ key: '   ', value: 1 }))).toBe('INVALID_KEY');
    expect(codeOf(() => s.set({ key: '', value: 1 }))).toBe('KEY_TOO_SHORT');
    expect(codeOf(() => s.get({ key: 'ü' }))).toBe('INVALID_KEY');
  });

  it('limits a value to 240 KiB and 31 levels of nesting', () => {
    const s = store();
    expect(codeOf(() => s.set({ key: 'big', value: 'x'.repeat(240 * 1024) }))).toBe('MAX_SIZE');
    expect(codeOf(() => s.set({ key: 'ok', value: 'x'.repeat(240 * 1024 - 2) }))).toBeUndefined();
    const nest = (n: number): unknown => (n === 0 ? 1 : { a: nest(n - 1) });
    expect(codeOf(() => s.set({ key: 'deep', value: nest(31) }))).toBeUndefined();
    expect(codeOf(() => s.set({ key: 'deep', value: nest(32) }))).toBe('MAX_DEPTH');
  });

  it('answers query limits and malformed filters with the documented codes', () => {
    const s = typedStore();
    expect(codeOf(() => s.query({ limit: 101 }))).toBe('LIST_QUERY_LIMIT_EXCEEDED');
    expect(codeOf(() => s.query({ limit: 100 }))).toBeUndefined();
    expect(codeOf(() => s.query({ where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }] }))).toBe('QUERY_WHERE_FIELD_INVALID');
    const w = { property: 'key', condition: 'BEGINS_WITH', values: ['a'] };
    expect(codeOf(() => s.query({ where: [w, w] }))).toBe('QUERY_WHERE_INVALID');
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', limit: 101 }))).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', limit: 0 }))).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const cond = { property: 'n', condition: 'EQUAL_TO', values: [1] };
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', filters: { and: [cond], or: [cond] } }))).toBe('INVALID_FILTER_OPERATORS_COMBINATION');
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', filters: { and: [] } }))).toBe('EMPTY_FILTER_OPERATOR');
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', range: { condition: 'BETWEEN', values: [1] } }))).toBe('INSUFFICIENT_FILTER_VALUES');
    expect(codeOf(() => s.entityQuery({ entityName: 'typed', indexName: 'n', filters: { and: [{ property: 'n', condition: 'LIKE', values: [1] }] } }))).toBe('INVALID_FILTER_CONDITION');
  });

  it('allows transaction conditions on custom entities only', () => {
    const s = typedStore();
    const conditions = { and: [{ property: 'n', condition: 'NOT_EXISTS', values: [true] }] };
    expect(codeOf(() => s.transaction({ set: [{ key: 'plain', value: { n: 1 }, conditions }] }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => s.transaction({ set: [{ key: 'k', entityName: 'typed', value: { n: 1 }, conditions }] }))).toBeUndefined();
    expect(codeOf(() => s.transaction({ set: [{ key: 'k', entityName: 'typed', value: { n: 2 }, conditions }] }))).toBe('CONDITIONAL_CHECK_FAILED');
  });

  it('returns metadata only when asked for it, as Forge does', () => {
    const s = store();
    s.set({ key: 'm', value: 1, options: { ttl: { value: 1, unit: 'HOURS' } } });
    expect(s.get({ key: 'm' })).toEqual({ key: 'm', value: 1 });
    const withMeta = s.get({ key: 'm', options: { metadataFields: ['EXPIRE_TIME', 'CREATED_AT'] } });
    expect(withMeta).toEqual({ key: 'm', value: 1, expireTime: expect.any(String), createdAt: expect.any(Number) });
    expect(Date.parse(String(withMeta.expireTime)) - Date.now()).toBeGreaterThan(3_500_000);
    expect(s.query({ where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['m'] }] }).data).toEqual([{ key: 'm', value: 1 }]);
    expect(s.query({ options: { metadataFields: ['EXPIRE_TIME'] } }).data).toEqual([{ key: 'm', value: 1, expireTime: withMeta.expireTime }]);
    expect(codeOf(() => s.set({ key: 'm', value: 1, options: { ttl: { value: 366, unit: 'DAYS' } } }))).toBe('VALIDATION_ERROR');
  });

  it('keeps an expired key until a sweep: reads return it and FAIL_IF_EXISTS still refuses', () => {
    const s = store();
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      s.set({ key: 't', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } });
      spy.mockReturnValue(now + 60_000);
      const lingering = s.get({ key: 't', options: { metadataFields: ['EXPIRE_TIME'] } });
      expect(lingering).toMatchObject({ value: 1 });
      expect(Date.parse(String(lingering.expireTime))).toBeLessThan(Date.now());
      expect(codeOf(() => s.set({ key: 't', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } }))).toBe('KEY_ALREADY_EXISTS');
      expect(s.query({}).data.map((d) => d.key)).toEqual(['t']);
      expect(s.sweepExpired()).toBe(1);
      expect(codeOf(() => s.get({ key: 't' }))).toBe('KEY_NOT_FOUND');
    } finally {
      spy.mockRestore();
    }
  });

  it('drops expired keys at once only when told to (expiredKeys: vanish)', () => {
    const s = new KvsStore(new BetterSqlite3(':memory:'), [], { expiredKeys: 'vanish' });
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      s.set({ key: 't', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } });
      spy.mockReturnValue(now + 1500);
      expect(codeOf(() => s.get({ key: 't' }))).toBe('KEY_NOT_FOUND');
    } finally {
      spy.mockRestore();
    }
  });
});
