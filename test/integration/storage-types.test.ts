/**
 * What the app stores fits what manifest.yml declares: on the seeded demo host (local/seed-app.ts writes
 * every record through the app's own resolvers) plus one project-settings save, every attribute of every
 * stored custom entity is declared and fits its type as Forge's docs define it (runtime-reference/
 * custom-entities, "Values": integer is 32-bit signed). The check below is written from the docs, not
 * borrowed from the host, so it also judges rows written around the host (the seed's backdating).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { startTestHost, REPO_ROOT, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';

jest.setTimeout(180_000);

interface EntityDecl {
  name: string;
  attributes: Record<string, { type: string }>;
}

const manifest = parse(fs.readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8')) as { app: { storage: { entities: EntityDecl[] } } };
const declared = new Map(manifest.app.storage.entities.map((e) => [e.name, e.attributes]));

/** The documented value rules per attribute type. */
function fits(type: string, v: unknown): boolean {
  switch (type) {
    case 'integer': return Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) <= 2 ** 31 - 1;
    case 'float': return typeof v === 'number' && Number.isFinite(v) && (v === 0 || (Math.abs(v) >= 1e-130 && Math.abs(v) < 1e126));
    case 'string': return typeof v === 'string' && v.trim().length > 0;
    case 'boolean': return typeof v === 'boolean';
    case 'any': return v !== null && v !== undefined;
    default: return false;
  }
}

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

test('on the seeded host every stored custom-entity attribute fits the type manifest.yml declares', async () => {
  // The seed saves no project settings: save them once, as an admin would on the report's Settings tab.
  const project = { context: { projectKey: 'AIP' } };
  const settings = ok(await invoke(host.url, 'getProjectSettings', {}, project)).settings;
  ok(await invoke(host.url, 'saveProjectSettings', { settings }, project));

  const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'), { readonly: true, fileMustExist: true });
  const rows = db.prepare('SELECT entity_name, key, value FROM kvs_entity').all() as Array<{ entity_name: string; key: string; value: string }>;
  db.close();

  const misfits: string[] = [];
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.entity_name, (counts.get(row.entity_name) ?? 0) + 1);
    const attributes = declared.get(row.entity_name);
    if (!attributes) {
      misfits.push(`${row.entity_name}/${row.key}: entity not declared`);
      continue;
    }
    for (const [name, v] of Object.entries(JSON.parse(row.value) as Record<string, unknown>)) {
      const type = attributes[name]?.type;
      if (!type) misfits.push(`${row.entity_name}/${row.key}.${name}: attribute not declared`);
      else if (!fits(type, v)) misfits.push(`${row.entity_name}/${row.key}.${name}: ${JSON.stringify(v).slice(0, 40)} does not fit ${type}`);
    }
  }
  expect(misfits).toEqual([]);
  // Not vacuous: the demo's records and the saved settings are there.
  expect(counts.get('handoff')).toBeGreaterThanOrEqual(4);
  expect(counts.get('project-settings')).toBe(1);
});
