/**
 * What Forge storage refuses, as its documentation states it (forge-docs-snapshot:
 * `limits-kvs-ce`, `storage-reference/entities-manifest`, `storage-reference/handling-errors-kvs` and
 * `handling-errors-customentities`). Each check answers the documented error code, so the real
 * `@forge/kvs` raises here what it raises on Forge. Where the docs name no code, the host's choice is
 * marked "undocumented" and the app must not depend on it.
 */

export class KvsError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  /** "Maximum object depth 31" (limits page; one error table says 32: the smaller one holds). */
  valueDepth: 31,
  transactionOps: 25,
  transactionBytes: 4 * 1024 * 1024,
  queryLimit: 100,
  defaultQueryLimit: 10,
  batchItems: 25,
  filterConditions: 100,
  ttlMaxMs: 365 * 24 * 3_600_000,
  indexRangeBytes: 900,
  indexPartitionBytes: 1700,
  entities: 20,
  entityAttributes: 50,
  entityIndexes: 7,
} as const;

/** `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/`, verbatim from the docs (inside the class, `\s-#` means "whitespace, -, #"). */
const KEY_FORMAT = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const INDEX_NAME = /^(?!\.)(?!.*\.{2})[a-zA-Z0-9:\-_.]+(?<!\.)$/;

export type AttributeType = 'integer' | 'float' | 'string' | 'boolean' | 'any';
const ATTRIBUTE_TYPES: readonly string[] = ['integer', 'float', 'string', 'boolean', 'any'];

export interface EntityIndexDef {
  name: string;
  range: string[];
  partition?: string[];
}
export interface EntityDef {
  name: string;
  attributes: Record<string, { type?: string }>;
  indexes: EntityIndexDef[];
}

/** Parses `app.storage.entities` of a manifest (shape only; `validateEntityDefs` judges it). */
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
            range: Array.isArray(o.range) ? o.range.map(String) : [],
            partition: Array.isArray(o.partition) ? o.partition.map(String) : undefined,
          });
        }
      }
    }
    const attributes = ent.attributes && typeof ent.attributes === 'object' ? (ent.attributes as EntityDef['attributes']) : {};
    return [{ name: ent.name, attributes, indexes }];
  });
}

/** The manifest rules `forge deploy` holds custom entities to; an empty list means they pass. */
export function validateEntityDefs(defs: EntityDef[]): string[] {
  const problems: string[] = [];
  if (defs.length > KVS_LIMITS.entities) problems.push(`${defs.length} entities; an app may declare at most ${KVS_LIMITS.entities}`);
  const names = new Set<string>();
  for (const def of defs) {
    const where = `entity "${def.name}"`;
    if (names.has(def.name)) problems.push(`${where} is declared twice`);
    names.add(def.name);
    if (def.name.length < 3 || def.name.length > 60 || !ENTITY_NAME.test(def.name)) {
      problems.push(`${where}: an entity name has 3 to 60 of a-z 0-9 : - _ . (not starting with - _ or ., not ending with ., no ..)`);
    }
    const attrs = Object.entries(def.attributes);
    if (attrs.length === 0) problems.push(`${where} declares no attributes`);
    if (attrs.length > KVS_LIMITS.entityAttributes) problems.push(`${where} has ${attrs.length} attributes; the limit is ${KVS_LIMITS.entityAttributes}`);
    for (const [name, a] of attrs) {
      if (!ATTRIBUTE_NAME.test(name) || name.length > 30) problems.push(`${where}: attribute name "${name}" must match [_A-Za-z][_0-9A-Za-z]* and have at most 30 characters`);
      if (!ATTRIBUTE_TYPES.includes(String(a?.type))) problems.push(`${where}: attribute "${name}" has type "${String(a?.type)}"; the types are ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    if (def.indexes.length > KVS_LIMITS.entityIndexes) problems.push(`${where} has ${def.indexes.length} indexes; the limit is ${KVS_LIMITS.entityIndexes}`);
    const indexNames = new Set<string>();
    for (const ix of def.indexes) {
      if (indexNames.has(ix.name)) problems.push(`${where}: index "${ix.name}" is declared twice`);
      indexNames.add(ix.name);
      if (ix.name === 'by-key') problems.push(`${where}: "by-key" is the reserved key index`);
      if (ix.name.length < 3 || ix.name.length > 50 || !INDEX_NAME.test(ix.name)) problems.push(`${where}: index name "${ix.name}" has 3 to 50 of a-zA-Z0-9 : - _ .`);
      if (ix.range.length !== 1) problems.push(`${where}: index "${ix.name}" must have exactly one attribute in range`);
      for (const attr of [...ix.range, ...(ix.partition ?? [])]) {
        const type = def.attributes[attr]?.type;
        if (!type) problems.push(`${where}: index "${ix.name}" uses "${attr}", which is not a declared attribute`);
        else if (type === 'any') problems.push(`${where}: index "${ix.name}" uses "${attr}" of type any; range and partition accept every type except any`);
      }
    }
  }
  return problems;
}

export function validateKey(key: unknown, entity = false): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw entity ? new KvsError(400, 'EMPTY_KEY', 'Key cannot be empty.') : new KvsError(400, 'KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  }
  if (key.length > KVS_LIMITS.keyLength) {
    throw new KvsError(400, 'KEY_TOO_LONG', `The provided key has ${key.length} characters; the maximum is ${KVS_LIMITS.keyLength}.`);
  }
  if (!KEY_FORMAT.test(key)) {
    throw new KvsError(400, 'INVALID_KEY', `The provided key "${key.slice(0, 80)}" does not match the regex ${String(KEY_FORMAT)}`);
  }
  return key;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((max, c) => Math.max(max, depthOf(c)), 0);
}

/** The value as stored (JSON text), refused when it is missing, too big or too deep. */
export function serializeValue(key: string, value: unknown): string {
  if (value === undefined) throw new KvsError(400, 'VALIDATION_ERROR', `value for key "${key}" is missing`);
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > KVS_LIMITS.valueBytes) {
    throw new KvsError(400, 'MAX_SIZE', `The value for key "${key}" is ${bytes} bytes; the maximum size is ${KVS_LIMITS.valueBytes} bytes (240 KiB).`);
  }
  const depth = depthOf(value);
  if (depth > KVS_LIMITS.valueDepth) {
    throw new KvsError(400, 'MAX_DEPTH', `The value for key "${key}" is nested ${depth} levels deep; the maximum object depth is ${KVS_LIMITS.valueDepth}.`);
  }
  return text;
}

/** Why `value` does not fit an attribute of `type` ("Values" table of the custom-entities page), or undefined. */
export function attributeProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (value < -2_147_483_648 || value > 2_147_483_647) return 'must be a 32-bit signed integer (-2,147,483,648 to 2,147,483,647)';
      return undefined;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      const abs = Math.abs(value);
      if (value !== 0 && (abs < 1e-130 || abs >= 1e126)) return 'must be 0 or have a magnitude from 1E-130 to 9.99…E+125';
      return undefined;
    }
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (!/\S/.test(value)) return 'must contain at least one non-whitespace character';
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'any':
      return value === null ? 'must be a string, number, boolean, object or array (not null)' : undefined;
    default:
      return `has the undeclarable type "${type}"`;
  }
}

const indexBytes = (v: unknown): number => (v === undefined ? 0 : Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v), 'utf8'));

/**
 * "The Custom Entity Store strictly enforces attribute types": every attribute of the value must be
 * declared (stricter than the docs say: they name no rule for undeclared ones) and fit its type, and
 * the values on each index must fit its byte limits.
 */
export function checkEntityValue(def: EntityDef, key: string, value: unknown): void {
  const refuse = (why: string) => {
    throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Entity "${def.name}" key "${key}": ${why}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse('an entity value must be an object of its declared attributes');
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const type = def.attributes[name]?.type;
    if (!type) refuse(`attribute "${name}" is not declared in the manifest`);
    const problem = attributeProblem(String(type), v);
    if (problem) refuse(`attribute "${name}" is declared ${String(type)} and ${problem}; got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  for (const ix of def.indexes) {
    const v = value as Record<string, unknown>;
    const range = ix.range.reduce((n, a) => n + indexBytes(v[a]), 0);
    if (range > KVS_LIMITS.indexRangeBytes) refuse(`the range values of index "${ix.name}" take ${range} bytes; the limit is ${KVS_LIMITS.indexRangeBytes}`);
    const partition = (ix.partition ?? []).reduce((n, a) => n + indexBytes(v[a]), 0);
    if (partition > KVS_LIMITS.indexPartitionBytes) refuse(`the partition values of index "${ix.name}" take ${partition} bytes; the limit is ${KVS_LIMITS.indexPartitionBytes}`);
  }
}

export type Condition = { property: string; condition: string; values: unknown[] };
export type Conditions = { and?: Condition[]; or?: Condition[] } | undefined;

const VALUE_COUNT: Record<string, number> = {
  EXISTS: 1, NOT_EXISTS: 1, EQUAL_TO: 1, NOT_EQUAL_TO: 1, BEGINS_WITH: 1, CONTAINS: 1, NOT_CONTAINS: 1,
  GREATER_THAN: 1, GREATER_THAN_EQUAL_TO: 1, LESS_THAN: 1, LESS_THAN_EQUAL_TO: 1, BETWEEN: 2,
};

/** One condition of a filter, a range or a transaction: a known condition with its number of values. */
export function checkCondition(c: Partial<Condition> | undefined, allowed: readonly string[] = Object.keys(VALUE_COUNT)): void {
  const name = String(c?.condition);
  if (!allowed.includes(name)) throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${name} is not supported here.`);
  const values = Array.isArray(c?.values) ? c.values : [];
  const need = VALUE_COUNT[name];
  if (need === 2 && values.length < 2) throw new KvsError(400, 'INSUFFICIENT_FILTER_VALUES', `The condition ${name} needs at least two values.`);
  if (values.length !== need) throw new KvsError(400, 'INVALID_FILTER_VALUES', `The condition ${name} takes ${need} value(s); got ${values.length}.`);
}

/** Filters and transaction conditions: exactly one non-empty `and` or `or`, at most 100 conditions. */
export function checkConditions(conditions: Conditions): void {
  if (conditions === undefined) return;
  const { and, or } = conditions ?? {};
  if (and !== undefined && or !== undefined) throw new KvsError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  const list = and ?? or;
  if (!Array.isArray(list) || list.length === 0) throw new KvsError(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  if (list.length > KVS_LIMITS.filterConditions) throw new KvsError(400, 'VALIDATION_ERROR', `A query or condition may use at most ${KVS_LIMITS.filterConditions} conditions.`);
  for (const c of list) {
    if (typeof c?.property !== 'string' || !c.property) throw new KvsError(400, 'VALIDATION_ERROR', 'Every condition needs a property.');
    checkCondition(c);
  }
}
