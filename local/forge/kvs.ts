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

export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  transactionOps: 25,
  queryLimit: 100,
  defaultQueryLimit: 10,
  batchItems: 25,
} as const;

export interface EntityIndexDef {
  name: string;
  range: string[];
  partition?: string[];
}
export interface EntityDef {
  name: string;
  attributes?: Record<string, { type?: string }>;
  indexes: EntityIndexDef[];
}

/** Parses `app.storage.entities` of a manifest into index definitions. */
export function parseEntityDefs(raw: unknown): EntityDef[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e: unknown) => {
    if (!e || typeof e !== 'object') return [];
    const ent = e as { name?: unknown; attributes?: unknown; indexes?: unknown };
    if (typeof ent.name !== 'string') return [];
    const indexes: EntityIndexDef[] = [];
    if (Array.isArray(ent.indexes)) {
      for (const ix of ent.indexes) {
        if (typeof ix === 'string') indexes.push({ name: ix, range: [ix] });
        else if (ix && typeof ix === 'object' && typeof (ix as { name?: unknown }).name === 'string') {
          const o = ix as { name: string; range?: unknown; partition?: unknown };
          indexes.push({
            name: o.name,
            range: Array.isArray(o.range) ? o.range.map(String) : [o.name],
            partition: Array.isArray(o.partition) ? o.partition.map(String) : undefined,
          });
        }
      }
    }
    return [{ name: ent.name, attributes: ent.attributes as EntityDef['attributes'], indexes }];
  });
}

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

export class KvsError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
}

type Condition = { property: string; condition: string; values: unknown[] };
type Conditions = { and?: Condition[]; or?: Condition[] } | undefined;

const TTL_UNIT_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

function validateKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new KvsError(400, 'VALIDATION_ERROR', 'key must be a non-empty string');
  if (key.length > KVS_LIMITS.keyLength) {
    throw new KvsError(400, 'VALIDATION_ERROR', `key is ${key.length} characters; the limit is ${KVS_LIMITS.keyLength}`);
  }
  return key;
}

function serializeValue(key: string, value: unknown): string {
  if (value === undefined) throw new KvsError(400, 'VALIDATION_ERROR', `value for key "${key}" is missing`);
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > KVS_LIMITS.valueBytes) {
    throw new KvsError(413, 'VALUE_TOO_LARGE', `value for key "${key}" is ${bytes} bytes; the limit is ${KVS_LIMITS.valueBytes} bytes (240 KiB)`);
  }
  return text;
}

function expiresAt(options: unknown, now: number): number | null {
  const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | undefined)?.ttl;
  if (!ttl) return null;
  const unit = TTL_UNIT_MS[String(ttl.unit ?? 'SECONDS')];
  if (!unit || typeof ttl.value !== 'number' || ttl.value <= 0) throw new KvsError(400, 'VALIDATION_ERROR', 'ttl must be {value>0, unit: SECONDS|MINUTES|HOURS|DAYS}');
  return now + ttl.value * unit;
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
    default: throw new KvsError(400, 'VALIDATION_ERROR', `unsupported condition ${c.condition}`);
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

function queryLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return KVS_LIMITS.defaultQueryLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryLimit) {
    throw new KvsError(400, 'VALIDATION_ERROR', `limit must be an integer between 1 and ${KVS_LIMITS.queryLimit}`);
  }
  return limit;
}

/** The storage engine (also usable directly, e.g. by seeders and tests). */
export class KvsStore {
  constructor(private db: Database, private entities: EntityDef[] = []) {
    ensureKvsSchema(db);
  }

  private table(entityName?: string, secret = false): { sql: string; params: unknown[] } {
    if (entityName) return { sql: 'kvs_entity WHERE entity_name = ? AND', params: [entityName] };
    return { sql: `${secret ? 'kvs_secret' : 'kvs'} WHERE`, params: [] };
  }

  private row(key: string, entityName?: string, secret = false): Row | undefined {
    const t = this.table(entityName, secret);
    const r = this.db.prepare(`SELECT key, value, created_at, updated_at, expires_at FROM ${t.sql} key = ?`).get(...t.params, key) as Row | undefined;
    if (r && r.expires_at !== null && r.expires_at <= Date.now()) {
      this.remove(key, entityName, secret);
      return undefined;
    }
    return r;
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

  static present(r: Row, entityName?: string): Record<string, unknown> {
    return {
      key: r.key,
      ...(entityName ? { entityName } : {}),
      value: JSON.parse(r.value),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      ...(r.expires_at !== null ? { expireTime: new Date(r.expires_at).toISOString() } : {}),
    };
  }

  get(body: { key?: unknown; entityName?: unknown }, secret = false): Record<string, unknown> {
    const key = validateKey(body.key);
    const entityName = this.entityName(body.entityName);
    const r = this.row(key, entityName, secret);
    if (!r) throw new KvsError(404, 'KEY_NOT_FOUND', `No value found for key "${key}"`);
    return KvsStore.present(r, entityName);
  }

  private entityName(raw: unknown): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string' || !raw) throw new KvsError(400, 'VALIDATION_ERROR', 'entityName must be a non-empty string');
    return raw;
  }

  set(body: { key?: unknown; value?: unknown; entityName?: unknown; options?: unknown }, secret = false): Record<string, unknown> | undefined {
    const key = validateKey(body.key);
    const entityName = this.entityName(body.entityName);
    const text = serializeValue(key, body.value);
    const options = (body.options ?? {}) as { keyPolicy?: string; returnValue?: string };
    const exp = expiresAt(options, Date.now());
    return this.db.transaction(() => {
      const previous = this.row(key, entityName, secret);
      if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
        throw new KvsError(409, 'KEY_ALREADY_EXISTS', `A value already exists for key "${key}"`);
      }
      const written = this.write(key, text, exp, entityName, secret);
      if (options.keyPolicy === 'OVERRIDE' && options.returnValue === 'PREVIOUS') return previous ? KvsStore.present(previous, entityName) : undefined;
      if (options.keyPolicy === 'OVERRIDE' && options.returnValue === 'LATEST') return KvsStore.present(written, entityName);
      return undefined;
    })();
  }

  delete(body: { key?: unknown; entityName?: unknown }, secret = false): void {
    const key = validateKey(body.key);
    this.remove(key, this.entityName(body.entityName), secret);
  }

  query(body: { limit?: unknown; after?: unknown; cursor?: unknown; where?: unknown }): { data: Record<string, unknown>[]; cursor?: string } {
    const limit = queryLimit(body.limit);
    const after = decodeCursor(body.after ?? body.cursor);
    let prefix = '';
    if (Array.isArray(body.where) && body.where.length) {
      const w = body.where[0] as Condition;
      if (w.property !== 'key' || w.condition !== 'BEGINS_WITH') {
        throw new KvsError(400, 'VALIDATION_ERROR', 'only where key BEGINS_WITH is supported by KVS queries');
      }
      prefix = String(w.values?.[0] ?? '');
    }
    const now = Date.now();
    const rows = this.db.prepare(
      `SELECT key, value, created_at, updated_at, expires_at FROM kvs
       WHERE substr(key, 1, ?) = ? AND (? IS NULL OR key > ?) AND (expires_at IS NULL OR expires_at > ?)
       ORDER BY key LIMIT ?`,
    ).all(prefix.length, prefix, after ?? null, after ?? null, now, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => KvsStore.present(r)),
      ...(rows.length > limit ? { cursor: encodeCursor(page[page.length - 1].key) } : {}),
    };
  }

  entityQuery(body: Record<string, unknown>): { data: Record<string, unknown>[]; cursor?: string } {
    const entityName = this.entityName(body.entityName);
    if (!entityName) throw new KvsError(400, 'VALIDATION_ERROR', 'entityName is required');
    const limit = queryLimit(body.limit);
    const def = this.entities.find((e) => e.name === entityName);
    const index = def?.indexes.find((i) => i.name === body.indexName);
    if (!index) throw new KvsError(400, 'VALIDATION_ERROR', `index "${String(body.indexName)}" is not declared for entity "${entityName}" in the manifest`);
    const now = Date.now();
    let items = (this.db.prepare('SELECT key, value, created_at, updated_at, expires_at FROM kvs_entity WHERE entity_name = ? AND (expires_at IS NULL OR expires_at > ?)').all(entityName, now) as Row[])
      .map((r) => ({ r, v: JSON.parse(r.value) as unknown }));
    const partition = Array.isArray(body.partition) ? body.partition : [];
    (index.partition ?? []).forEach((attr, i) => {
      if (i < partition.length) items = items.filter((it) => JSON.stringify(getPath(it.v, attr)) === JSON.stringify(partition[i]));
    });
    const rangeAttr = index.range[0];
    const range = body.range as { condition: string; values: unknown[] } | undefined;
    if (range) items = items.filter((it) => evalCondition(it.v, { property: rangeAttr, condition: range.condition, values: range.values }));
    items = items.filter((it) => getPath(it.v, rangeAttr) !== undefined);
    const filters = body.filters as Conditions;
    if (filters) items = items.filter((it) => evalConditions(it.v, filters));
    const desc = body.sort === 'DESC';
    items.sort((a, b) => {
      const c = cmp(getPath(a.v, rangeAttr), getPath(b.v, rangeAttr)) || cmp(a.r.key, b.r.key);
      return desc ? -c : c;
    });
    const offset = Number(decodeCursor(body.cursor) ?? 0) || 0;
    const page = items.slice(offset, offset + limit);
    return {
      data: page.map((it) => KvsStore.present(it.r)),
      ...(offset + limit < items.length ? { cursor: encodeCursor(String(offset + limit)) } : {}),
    };
  }

  transaction(body: { set?: unknown; delete?: unknown; check?: unknown }): void {
    const sets = (Array.isArray(body.set) ? body.set : []) as Array<{ key: unknown; value: unknown; entityName?: unknown; conditions?: Conditions; options?: unknown }>;
    const deletes = (Array.isArray(body.delete) ? body.delete : []) as Array<{ key: unknown; entityName?: unknown; conditions?: Conditions }>;
    const checks = (Array.isArray(body.check) ? body.check : []) as Array<{ key: unknown; entityName?: unknown; conditions: Conditions }>;
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) throw new KvsError(400, 'VALIDATION_ERROR', 'a transaction needs at least one operation');
    if (total > KVS_LIMITS.transactionOps) {
      throw new KvsError(400, 'VALIDATION_ERROR', `a transaction may contain at most ${KVS_LIMITS.transactionOps} operations; got ${total}`);
    }
    const seen = new Set<string>();
    const prepared = {
      sets: sets.map((s) => {
        const key = validateKey(s.key);
        const entityName = this.entityName(s.entityName);
        return { key, entityName, text: serializeValue(key, s.value), exp: expiresAt(s.options, Date.now()), conditions: s.conditions };
      }),
      deletes: deletes.map((d) => ({ key: validateKey(d.key), entityName: this.entityName(d.entityName), conditions: d.conditions })),
      checks: checks.map((c) => ({ key: validateKey(c.key), entityName: this.entityName(c.entityName), conditions: c.conditions })),
    };
    for (const op of [...prepared.sets, ...prepared.deletes, ...prepared.checks]) {
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id)) throw new KvsError(400, 'VALIDATION_ERROR', `key "${op.key}" is used more than once in the transaction`);
      seen.add(id);
    }
    this.db.transaction(() => {
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

  batchSet(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      try {
        this.set({ key: item.key, value: item.value, entityName: item.entityName, options: item.options });
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        const err = e instanceof KvsError ? e : new KvsError(500, 'INTERNAL_SERVER_ERROR', String(e));
        failedKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}), error: { code: err.code, message: err.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }

  batchGet(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      try {
        successfulKeys.push(this.get({ key: item.key, entityName: item.entityName }));
      } catch (e) {
        const err = e instanceof KvsError ? e : new KvsError(500, 'INTERNAL_SERVER_ERROR', String(e));
        failedKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}), error: { code: err.code, message: err.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }

  batchDelete(body: unknown): { successfulKeys: unknown[]; failedKeys: unknown[] } {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      try {
        this.delete({ key: item.key, entityName: item.entityName });
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        const err = e instanceof KvsError ? e : new KvsError(500, 'INTERNAL_SERVER_ERROR', String(e));
        failedKeys.push({ key: item.key, error: { code: err.code, message: err.message } });
      }
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
  entities?: EntityDef[];
}

/** Express router answering `/api/v1/*` (mount it at `/__kvs`). */
export function createKvsRouter(opts: KvsRouterOptions): Router {
  const store = new KvsStore(opts.db, opts.entities ?? []);
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
