import fs from 'node:fs';
import YAML from 'yaml';

/** An issue-property path the app indexes for JQL through `jira:entityProperty` in manifest.yml. */
export interface IndexedPropertyPath {
  propertyKey: string;
  /** Dotted path inside the property value, e.g. `level` or `a.b`. */
  path: string;
  type: 'string' | 'number' | 'date' | 'text' | 'user';
  searchAlias?: string;
}

export interface EntityPropertyIndex {
  byKeyAndPath: Map<string, IndexedPropertyPath>;
  /** Lower-cased searchAlias → path. */
  byAlias: Map<string, IndexedPropertyPath>;
}

const TYPES = new Set(['string', 'number', 'date', 'text', 'user']);

export function indexKey(propertyKey: string, path: string): string {
  return `${propertyKey}\u0000${path}`;
}

export function buildEntityPropertyIndex(paths: IndexedPropertyPath[]): EntityPropertyIndex {
  const index: EntityPropertyIndex = { byKeyAndPath: new Map(), byAlias: new Map() };
  for (const p of paths) {
    index.byKeyAndPath.set(indexKey(p.propertyKey, p.path), p);
    if (p.searchAlias) index.byAlias.set(p.searchAlias.toLowerCase(), p);
  }
  return index;
}

/** Reads the issue entity properties declared in the manifest (other entity types are ignored). */
export function parseEntityProperties(manifestYaml: string): IndexedPropertyPath[] {
  const manifest = YAML.parse(manifestYaml) as { modules?: Record<string, unknown> } | null;
  const modules = (manifest?.modules?.['jira:entityProperty'] ?? []) as Array<Record<string, unknown>>;
  const result: IndexedPropertyPath[] = [];
  for (const m of modules) {
    if (m.entityType !== undefined && m.entityType !== 'issue') continue;
    if (typeof m.propertyKey !== 'string' || !Array.isArray(m.values)) continue;
    for (const v of m.values as Array<Record<string, unknown>>) {
      if (typeof v.path !== 'string' || typeof v.type !== 'string' || !TYPES.has(v.type)) continue;
      result.push({
        propertyKey: m.propertyKey,
        path: v.path,
        type: v.type as IndexedPropertyPath['type'],
        searchAlias: typeof v.searchAlias === 'string' ? v.searchAlias : undefined,
      });
    }
  }
  return result;
}

const cache = new Map<string, { mtimeMs: number; index: EntityPropertyIndex }>();

/** The manifest's index, re-read when the file changes (the app may be edited while the host runs). */
export function loadEntityPropertyIndex(manifestPath: string): EntityPropertyIndex {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(manifestPath).mtimeMs;
  } catch {
    return buildEntityPropertyIndex([]);
  }
  const cached = cache.get(manifestPath);
  if (cached && cached.mtimeMs === mtimeMs) return cached.index;
  const index = buildEntityPropertyIndex(parseEntityProperties(fs.readFileSync(manifestPath, 'utf8')));
  cache.set(manifestPath, { mtimeMs, index });
  return index;
}
