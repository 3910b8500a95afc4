/**
 * The Forge KVS / Custom Entity Store HTTP API (as `@forge/kvs` calls it through
 * `__forge_fetch__({type:'kvs'}, '/api/v1/...')`), stored in SQLite.
 *
 * Mounted by the host at `/__kvs`; only requests carrying the per-process
 * `x-forge-internal` secret are answered.
 */
import { INVOCATION_HEADER } from '../jira/request-log';
import express, { type Request, type Response, type Router } from 'express';
import type { Database } from 'better-sqlite3';
import { Faults, HostStats } from './stats';
import { checkCondition, checkConditions, checkEntityValue, KVS_LIMITS, KvsError, serializeValue, validateKey, type Condition, type Conditions, type EntityDef } from './kvs-rules';

export { KVS_LIMITS, KvsError, parseEntityDefs, validateEntityDefs, type EntityDef, type EntityIndexDef } from './kvs-rules';

export function ensureKvsSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS kvs (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS kvs_secret (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS kvs_entity (
      entity_name TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER,
      PRIMARY KEY (entity_name, key)
    );
  `);
}

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
}

const TTL_UNIT_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

function expiresAt(options: unknown, now: number): number | null {
  const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | undefined)?.ttl;
  if (!ttl) return null;
  const unit = TTL_UNIT_MS[String(ttl.unit)];
  if (!unit || typeof ttl.value !== 'number' || !(ttl.value > 0)) throw new KvsError(400, 'VALIDATION_ERROR', 'ttl must be {value > 0, unit: SECONDS|MINUTES|HOURS|DAYS}');
  // Documented maximum: one year from when the expiry is set (the error code is undocumented).
  if (ttl.value * unit > KVS_LIMITS.ttlMaxMs) throw new KvsError(400, 'VALIDATION_ERROR', 'The maximum supported TTL is 1 year');
  return now + ttl.value * unit;
}

const METADATA_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

/** `metadataFields` of a request: Forge returns createdAt/updatedAt/expireTime only when asked. */
function metadataFields(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((f) => !METADATA_FIELDS.includes(String(f)))) {
    throw new KvsError(400, 'VALIDATION_ERROR', `metadataFields must list ${METADATA_FIELDS.join(', ')}`);
  }
  return raw.map(String);
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function evalCondition(value: unknown, c: Condition): boolean {
  const v = getPath(value, c.property);
  const [x, y] = c.values ?? [];
  switch (c.condition) {
    case 'EXISTS': return v !== undefined;
    case 'NOT_EXISTS': return v === undefined;
    case 'EQUAL_TO': return v !== undefined && JSON.stringify(v) === JSON.stringify(x);
    case 'NOT_EQUAL_TO': return JSON.stringify(v) !== JSON.stringify(x);
    case 'BEGINS_WITH': return typeof v === 'string' && v.startsWith(String(x));
    case 'CONTAINS': return typeof v === 'string' ? v.includes(String(x)) : Array.isArray(v) && v.some((e) => JSON.stringify(e) === JSON.stringify(x));
    case 'NOT_CONTAINS': return !(typeof v === 'string' ? v.includes(String(x)) : Array.isArray(v) && v.some((e) => JSON.stringify(e) === JSON.stringify(x)));
    case 'GREATER_THAN': return v !== undefined && cmp(v, x) > 0;
    case 'GREATER_THAN_EQUAL_TO': return v !== undefined && cmp(v, x) >= 0;
    case 'LESS_THAN': return v !== undefined && cmp(v, x) < 0;
    case 'LESS_THAN_EQUAL_TO': return v !== undefined && cmp(v, x) <= 0;
    case 'BETWEEN': return v !== undefined && cmp(v, x) >= 0 && cmp(v, y) <= 0;
    default: throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${c.condition} is not supported.`);
  }
}

export function evalConditions(value: unknown, conditions: Conditions): boolean {
  if (!conditions) return true;
  if (conditions.and && conditions.and.length) return conditions.and.every((c) => evalCondition(value, c));
  if (conditions.or && conditions.or.length) return conditions.or.some((c) => evalCondition(value, c));
  return true;
}

function encodeCursor(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
function decodeCursor(s: unknown): string | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  if (typeof s !== 'string') throw new KvsError(400, 'VALIDATION_ERROR', 'cursor must be a string');
  return Buffer.from(s, 'base64url').toString('utf8');
}

function queryLimit(limit: unknown, code: string, message: string): number {
  if (limit === undefined || limit === null) return KVS_LIMITS.defaultQueryLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryLimit) throw new KvsError(400, code, message);
  return limit;
}

/**
 * What happens to a key after its TTL: `linger` (default) keeps it readable, and blocking
 * FAIL_IF_EXISTS and conditions, until a sweep (`sweepExpired`, `POST /__local/kvs/sweep`), as Forge
 * may for up to 48 hours; `vanish` drops it the moment it expires (the best case, never promised).
 */
export type ExpiredKeys = 'linger' | 'vanish';
export interface KvsStoreOptions {
  expiredKeys?: ExpiredKeys;
}

export function parseExpiredKeys(raw: string | undefined): ExpiredKeys {
  if (raw === undefined || raw === '') return 'linger';
  if (raw === 'linger' || raw === 'vanish') return raw;
  throw new Error(`KVS_EXPIRED_KEYS must be 'linger' or 'vanish', got '${raw}'`);
}

/** The storage engine (also usable directly, e.g. by seeders and tests). */
export class KvsStore {
  private readonly defs: Map<string, EntityDef>;
  readonly expiredKeys: ExpiredKeys;

  constructor(private db: Database, entities: EntityDef[] = [], opts: KvsStoreOptions = {}) {
    ensureKvsSchema(db);
    this.defs = new Map(entities.map((e) => [e.name, e]));
    this.expiredKeys = opts.expiredKeys ?? 'linger';
  }

  private table(entityName?: string, secret = false): { sql: string; params: unknown[] } {
    if (entityName) return { sql: 'kvs_entity WHERE entity_name = ? AND', params: [entityName] };
    return { sql: `${secret ? 'kvs_secret' : 'kvs'} WHERE`, params: [] };
  }

  /** A stored row; an expired one too while it lingers (see ExpiredKeys). */
  private row(key: string, entityName?: string, secret = false): Row | undefined {
    const t = this.table(entityName, secret);
    const r = this.db.prepare(`SELECT key, value, created_at, updated_at, expires_at FROM ${t.sql} key = ?`).get(...t.params, key) as Row | undefined;
    if (r && this.expiredKeys === 'vanish' && r.expires_at !== null && r.expires_at <= Date.now()) {
      this.remove(key, entityName, secret);
      return undefined;
    }
    return r;
  }

  /** SQL that keeps a row visible to queries: every row while expired keys linger. */
  private visibleSql(): string {
    return this.expiredKeys === 'vanish' ? '(expires_at IS NULL OR expires_at > ?)' : '(? IS NOT NULL)';
  }

  private remove(key: string, entityName?: string, secret = false): number {
    const t = this.table(entityName, secret);
    return this.db.prepare(`DELETE FROM ${t.sql} key = ?`).run(...t.params, key).changes;
  }

  private write(key: string, text: string, exp: number | null, entityName?: string, secret = false): Row {
    const now = Date.now();
    const existing = this.row(key, entityName, secret);
    const created = existing?.created_at ?? now;
    if (entityName) {
      this.db.prepare('INSERT OR REPLACE INTO kvs_entity (entity_name, key, value, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(entityName, key, text, created, now, exp);
    } else {
      this.db.prepare(`INSERT OR REPLACE INTO ${secret ? 'kvs_secret' : 'kvs'} (key, value, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
        .run(key, text, created, now, exp);
    }
    return { key, value: text, created_at: created, updated_at: now, expires_at: exp };
  }

  /** A row as the API answers it: metadata only for the fields asked for (epoch ms; expiry as ISO-8601). */
  static present(r: Row, entityName?: string, fields: string[] = []): Record<string, unknown> {
    return {
      key: r.key,
      ...(entityName ? { entityName } : {}),
      value: JSON.parse(r.value),
      ...(fields.includes('CREATED_AT') ? { createdAt: r.created_at } : {}),
      ...(fields.includes('UPDATED_AT') ? { updatedAt: r.updated_at } : {}),
      ...(fields.includes('EXPIRE_TIME') && r.expires_at !== null ? { expireTime: new Date(r.expires_at).toISOString() } : {}),
    };
  }

  /** Removes every expired key now: what Forge does eventually (documented: within 48 hours). */
  sweepExpired(now = Date.now()): number {
    return ['kvs', 'kvs_secret', 'kvs_entity'].reduce((n, t) => n + this.db.prepare(`DELETE FROM ${t} WHERE expires_at IS NOT NULL AND expires_at <= ?`).run(now).changes, 0);
  }

  get(body: { key?: unknown; entityName?: unknown; options?: unknown }, secret = false): Record<string, unknown> {
    const entityName = this.entityName(body.entityName);
    const key = validateKey(body.key, !!entityName);
    const fields = metadataFields((body.options as { metadataFields?: unknown } | undefined)?.metadataFields);
    const r = this.row(key, entityName, secret);
    if (!r) throw new KvsError(404, 'KEY_NOT_FOUND', `No value found for key "${key}"`);
    return KvsStore.present(r, entityName, fields);
  }

  /** A declared entity's name (undefined for plain keys); an undeclared one is refused as on Forge. */
  private entityName(raw: unknown): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string' || !this.defs.has(raw)) {
      throw new KvsError(400, 'INVALID_ENTITY_TYPE', `Entity "${String(raw)}" is not declared in the manifest's app.storage.entities`);
    }
    return raw;
  }

  private entityText(key: string, value: unknown, entityName?: string): string {
    const text = serializeValue(key, value);
    if (entityName) checkEntityValue(this.defs.get(entityName)!, key, value);
    return text;
  }

  set(body: { key?: unknown; value?: unknown; entityName?: unknown; options?: unknown }, secret = false): Record<string, unknown> | undefined {
    const entityName = this.entityName(body.entityName);
    const key = validateKey(body.key, !!entityName);
    const text = this.entityText(key, body.value, entityName);
    const options = (body.options ?? {}) as { keyPolicy?: unknown; returnValue?: unknown; returnMetadataFields?: unknown };
    if (options.keyPolicy !== undefined && options.keyPolicy !== 'OVERRIDE' && options.keyPolicy !== 'FAIL_IF_EXISTS') {
      throw new KvsError(400, 'VALIDATION_ERROR', 'keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    }
    if (options.returnValue !== undefined && (options.keyPolicy === 'FAIL_IF_EXISTS' || (options.returnValue !== 'PREVIOUS' && options.returnValue !== 'LATEST'))) {
      throw new KvsError(400, 'VALIDATION_ERROR', "returnValue is PREVIOUS or LATEST, and only with keyPolicy 'OVERRIDE'");
    }
    if (options.returnMetadataFields !== undefined && options.returnValue === undefined) {
      throw new KvsError(400, 'VALIDATION_ERROR', 'returnMetadataFields needs returnValue');
    }
    const fields = metadataFields(options.returnMetadataFields);
    const exp = expiresAt(options, Date.now());
    return this.db.transaction(() => {
      const previous = this.row(key, entityName, secret);
      if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
        // Undocumented code: the app must decide from what is stored, not from this text.
        throw new KvsError(409, 'KEY_ALREADY_EXISTS', `A value already exists for key "${key}"`);
      }
      const written = this.write(key, text, exp, entityName, secret);
      if (options.returnValue === 'PREVIOUS') return previous ? KvsStore.present(previous, entityName, fields) : undefined;
      if (options.returnValue === 'LATEST') return KvsStore.present(written, entityName, fields);
      return undefined;
    })();
  }

  delete(body: { key?: unknown; entityName?: unknown }, secret = false): void {
    const entityName = this.entityName(body.entityName);
    this.remove(validateKey(body.key, !!entityName), entityName, secret);
  }

  query(body: { limit?: unknown; after?: unknown; cursor?: unknown; where?: unknown; options?: unknown }): { data: Record<string, unknown>[]; cursor?: string } {
    const limit = queryLimit(body.limit, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be between 1 and ${KVS_LIMITS.queryLimit}.`);
    const fields = metadataFields((body.options as { metadataFields?: unknown } | undefined)?.metadataFields);
    const after = decodeCursor(body.after ?? body.cursor);
    let prefix = '';
    if (body.where !== undefined) {
      if (!Array.isArray(body.where) || body.where.length !== 1) throw new KvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
      const w = body.where[0] as Condition;
      if (w?.property !== 'key') throw new KvsError(400, 'QUERY_WHERE_FIELD_INVALID', `The field ${String(w?.property)} is not supported for filters.`);
      checkCondition(w, ['BEGINS_WITH']);
      prefix = String(w.values[0]);
    }
    const rows = this.db.prepare(
      `SELECT key, value, created_at, updated_at, expires_at FROM kvs
       WHERE substr(key, 1, ?) = ? AND (? IS NULL OR key > ?) AND ${this.visibleSql()}
       ORDER BY key LIMIT ?`,
    ).all(prefix.length, prefix, after ?? null, after ?? null, Date.now(), limit + 1) as Row[];
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => KvsStore.present(r, undefined, fields)),
      ...(rows.length > limit ? { cursor: encodeCursor(page[page.length - 1].key) } : {}),
    };
  }

  entityQuery(body: Record<string, unknown>): { data: Record<string, unknown>[]; cursor?: string } {
    const entityName = this.entityName(body.entityName);
    if (!entityName) throw new KvsError(400, 'VALIDATION_ERROR', 'entityName is required');
    const limit = queryLimit(body.limit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${KVS_LIMITS.queryLimit}.`);
    const fields = metadataFields(body.metadataFields);
    const def = this.defs.get(entityName)!;
    const index = body.indexName === 'by-key' ? { name: 'by-key', range: ['key'] } : def.indexes.find((i) => i.name === body.indexName);
    if (!index) throw new KvsError(400, 'INVALID_ENTITY_INDEX', `index "${String(body.indexName)}" is not declared for entity "${entityName}" in the manifest`);
    const range = body.range as { condition: string; values: unknown[] } | undefined;
    if (range !== undefined) checkCondition(range, ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);
    const filters = body.filters as Conditions;
    checkConditions(filters);
    let items = (this.db.prepare(`SELECT key, value, created_at, updated_at, expires_at FROM kvs_entity WHERE entity_name = ? AND ${this.visibleSql()}`).all(entityName, Date.now()) as Row[])
      .map((r) => ({ r, v: { ...(JSON.parse(r.value) as object), key: r.key } as unknown }));
    const partition = Array.isArray(body.partition) ? body.partition : [];
    (index.partition ?? []).forEach((attr, i) => {
      if (i < partition.length) items = items.filter((it) => JSON.stringify(getPath(it.v, attr)) === JSON.stringify(partition[i]));
    });
    const rangeAttr = index.range[0];
    if (range) items = items.filter((it) => evalCondition(it.v, { property: rangeAttr, condition: range.condition, values: range.values }));
    // An item without the range attribute is not in the index.
    items = items.filter((it) => getPath(it.v, rangeAttr) !== undefined);
    if (filters) items = items.filter((it) => evalConditions(it.v, filters));
    const desc = body.sort === 'DESC';
    items.sort((a, b) => {
      const c = cmp(getPath(a.v, rangeAttr), getPath(b.v, rangeAttr)) || cmp(a.r.key, b.r.key);
      return desc ? -c : c;
    });
    const offset = Number(decodeCursor(body.cursor) ?? 0) || 0;
    const page = items.slice(offset, offset + limit);
    return {
      data: page.map((it) => KvsStore.present(it.r, undefined, fields)),
      ...(offset + limit < items.length ? { cursor: encodeCursor(String(offset + limit)) } : {}),
    };
  }

  transaction(body: { set?: unknown; delete?: unknown; check?: unknown }): void {
    if (Buffer.byteLength(JSON.stringify(body), 'utf8') > KVS_LIMITS.transactionBytes) {
      throw new KvsError(400, 'VALIDATION_ERROR', 'Each transaction is limited to a payload size of 4MB');
    }
    const sets = (Array.isArray(body.set) ? body.set : []) as Array<{ key: unknown; value: unknown; entityName?: unknown; conditions?: Conditions; options?: unknown }>;
    const deletes = (Array.isArray(body.delete) ? body.delete : []) as Array<{ key: unknown; entityName?: unknown; conditions?: Conditions }>;
    const checks = (Array.isArray(body.check) ? body.check : []) as Array<{ key: unknown; entityName?: unknown; conditions: Conditions }>;
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) throw new KvsError(400, 'VALIDATION_ERROR', 'a transaction needs at least one operation');
    if (total > KVS_LIMITS.transactionOps) {
      throw new KvsError(400, 'VALIDATION_ERROR', `Each transaction can contain a maximum of ${KVS_LIMITS.transactionOps} operations; got ${total}`);
    }
    /** Conditions exist for custom entities only ("Custom Entity Store transactions"); a check needs them. */
    const op = (o: { key: unknown; entityName?: unknown; conditions?: Conditions }, required: boolean) => {
      const entityName = this.entityName(o.entityName);
      const key = validateKey(o.key, !!entityName);
      if (o.conditions !== undefined || required) {
        if (!entityName) throw new KvsError(400, 'VALIDATION_ERROR', `Conditions apply to custom entities only; key "${key}" has no entityName`);
        checkConditions(o.conditions ?? {});
      }
      return { key, entityName, conditions: o.conditions };
    };
    const prepared = {
      sets: sets.map((s) => {
        const o = op(s, false);
        return { ...o, text: this.entityText(o.key, s.value, o.entityName), exp: expiresAt(s.options, Date.now()) };
      }),
      deletes: deletes.map((d) => op(d, false)),
      checks: checks.map((c) => op(c, true)),
    };
    const seen = new Set<string>();
    for (const o of [...prepared.sets, ...prepared.deletes, ...prepared.checks]) {
      const id = `${o.entityName ?? ''}\u0000${o.key}`;
      if (seen.has(id)) throw new KvsError(400, 'VALIDATION_ERROR', `Each key can only be used once in a transaction: "${o.key}"`);
      seen.add(id);
    }
    this.db.transaction(() => {
      // Forge documents that the whole transaction fails, but no error code: the app must not depend on this one.
      const fail = (key: string, what: string) => {
        throw new KvsError(409, 'CONDITIONAL_CHECK_FAILED', `Transaction cancelled: the ${what} condition for key "${key}" was not met`);
      };
      for (const c of prepared.checks) {
        const r = this.row(c.key, c.entityName);
        if (!r || !evalConditions(JSON.parse(r.value), c.conditions)) fail(c.key, 'check');
      }
      for (const s of prepared.sets) {
        if (s.conditions) {
          const r = this.row(s.key, s.entityName);
          if (!evalConditions(r ? JSON.parse(r.value) : {}, s.conditions)) fail(s.key, 'set');
        }
      }
      for (const d of prepared.deletes) {
        if (d.conditions) {
          const r = this.row(d.key, d.entityName);
          if (!evalConditions(r ? JSON.parse(r.value) : {}, d.conditions)) fail(d.key, 'delete');
        }
      }
      for (const s of prepared.sets) this.write(s.key, s.text, s.exp, s.entityName);
      for (const d of prepared.deletes) this.remove(d.key, d.entityName);
    })();
  }

  private batchItems(body: unknown): Array<Record<string, unknown>> {
    if (!Array.isArray(body)) throw new KvsError(400, 'VALIDATION_ERROR', 'batch body must be an array');
    if (body.length > KVS_LIMITS.batchItems) throw new KvsError(400, 'VALIDATION_ERROR', `a batch may contain at most ${KVS_LIMITS.batchItems} items`);
    return body as Array<Record<string, unknown>>;
  }

  /** Runs one batch item; a KvsError becomes that item's failure, as the batch API answers it. */
  private batchItem(item: Record<string, unknown>, run: () => unknown, successful: unknown[], failed: unknown[]): void {
    const ref = { key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) };
    try {
      const out = run();
      successful.push(out ?? ref);
    } catch (e) {
      const err = e instanceof KvsError ? e : new KvsError(500, 'INTERNAL_SERVER_ERROR', String(e));
      failed.push({ ...ref, error: { code: err.code, message: err.message } });
    }
  }

  batchSet(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      this.batchItem(item, () => void this.set({ key: item.key, value: item.value, entityName: item.entityName, options: item.options }), successfulKeys, failedKeys);
    }
    return { successfulKeys, failedKeys };
  }

  batchGet(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      this.batchItem(item, () => this.get({ key: item.key, entityName: item.entityName, options: item.options }), successfulKeys, failedKeys);
    }
    return { successfulKeys, failedKeys };
  }

  batchDelete(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      this.batchItem(item, () => void this.delete({ key: item.key, entityName: item.entityName }), successfulKeys, failedKeys);
    }
    return { successfulKeys, failedKeys };
  }

  /** Removes everything (used by `npm run seed`). */
  clear(): void {
    this.db.exec('DELETE FROM kvs; DELETE FROM kvs_secret; DELETE FROM kvs_entity;');
  }
}

export interface KvsRouterOptions {
  db: Database;
  secret: string;
  stats: HostStats;
  faults: Faults;
  /** The store to answer from; default a lingering store over `entities`. */
  store?: KvsStore;
  entities?: EntityDef[];
}

/** Express router answering `/api/v1/*` (mount it at `/__kvs`). */
export function createKvsRouter(opts: KvsRouterOptions): Router {
  const store = opts.store ?? new KvsStore(opts.db, opts.entities ?? []);
  const router = express.Router();
  router.use(express.json({ limit: '8mb', type: () => true }));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are validated inside KvsStore
  const handlers: Record<string, (body: any) => unknown> = {
    get: (b) => store.get(b),
    set: (b) => store.set(b),
    delete: (b) => store.delete(b),
    query: (b) => store.query(b),
    transaction: (b) => store.transaction(b),
    'batch/set': (b) => store.batchSet(b),
    'batch/get': (b) => store.batchGet(b),
    'batch/delete': (b) => store.batchDelete(b),
    'secret/get': (b) => store.get(b, true),
    'secret/set': (b) => store.set(b, true),
    'secret/delete': (b) => store.delete(b, true),
    'entity/get': (b) => store.get(b),
    'entity/set': (b) => {
      if (!b?.entityName) throw new KvsError(400, 'VALIDATION_ERROR', 'entityName is required');
      return store.set(b);
    },
    'entity/delete': (b) => store.delete(b),
    'entity/query': (b) => store.entityQuery(b),
  };

  router.post(/^\/api\/v1\/(.+)$/, (req: Request, res: Response) => {
    const op = String((req.params as Record<string, string>)[0] ?? '');
    const header = String(req.headers['x-forge-internal'] ?? '');
    if (!header.startsWith(`${opts.secret};`)) {
      res.status(403).json({ code: 'PERMISSION_DENIED', message: 'KVS is only reachable from app invocations of this host' });
      return;
    }
    opts.stats.countKvs(op, req.get(INVOCATION_HEADER));
    if (opts.faults.kvs === 'fail') {
      opts.stats.kvsErrors += 1;
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Injected KVS fault (POST /__local/faults {"kvs":"ok"} to clear)' });
      return;
    }
    const handler = handlers[op];
    if (!handler) {
      res.status(404).json({ code: 'NOT_FOUND', message: `Unknown KVS operation ${op}` });
      return;
    }
    try {
      const out = handler(req.body);
      if (out === undefined) res.status(200).end();
      else res.status(200).json(out);
    } catch (e) {
      if (!(e instanceof KvsError && e.code === 'KEY_NOT_FOUND')) opts.stats.kvsErrors += 1;
      if (e instanceof KvsError) {
        res.status(e.status).json({ code: e.code, message: e.message });
      } else {
        res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: e instanceof Error ? e.message : String(e) });
      }
    }
  });
  return router;
}
