/**
 * Hostile input to every changing resolver, through the local host: wrong types, oversized strings,
 * unknown and prototype-polluting keys, other epics' ids, NaN/Infinity/negative versions, arrays for
 * objects, deep junk. Every answer must be a clean refusal (VALIDATION, FORBIDDEN, CONFLICT or
 * NOT_FOUND), the host must stay up, and the stored KVS rows must be byte-for-byte unchanged.
 * Reproducible: a seeded RNG (FUZZ_SEED to vary it).
 */
import { SEED_KEYS } from '../../local/jira/seed';
import { defaultProjectSettings } from '../../src/domain/policy';
import { CHANGING_RESOLVERS, type HandoffView, type Result } from '../../src/shared/contract';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, MODULES, ok, searchKeys } from '../helpers/local-api';
import { readKvs } from '../helpers/kvs-rows';

jest.setTimeout(180_000);

type Changing = (typeof CHANGING_RESOLVERS)[number];
const TARGET = SEED_KEYS.nearlyReady;
const CASES_PER_RESOLVER = 80;
const REFUSALS = ['VALIDATION', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND'];

/** mulberry32: small, fast, reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

// JSON cannot spell these; the sentinels become raw number literals in the request body.
const INF = '__FUZZ_INF__';
const NEG_INF = '__FUZZ_NEG_INF__';
const toJson = (value: unknown) => JSON.stringify(value).replaceAll(`"${INF}"`, '1e400').replaceAll(`"${NEG_INF}"`, '-1e400');

/** An object whose keys are own data properties even when they are "__proto__". */
function obj(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'decided', 'accepted', 'issueId', 'version', 'toString', 'hasOwnProperty', '$where', 'valueOf'];
const FIELD_KEYS = ['baseVersion', 'condition', 'conditionId', 'decision', 'metric', 'metricId', 'kpi', 'kpiId', 'ownerAccountId', 'workstream', 'accountId', 'settings', 'status', 'name', 'kind', 'horizon'];

function junk(r: Rng, depth = 0): unknown {
  const choice = r.int(depth > 3 ? 9 : 13);
  switch (choice) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, -0.5, 1.5, 2 ** 53 + 2, -(2 ** 31), 1e21, INF, NEG_INF]);
    case 3: return r.pick(['', ' ', 'NaN', 'Infinity', '-1', '<script>alert(1)</script>', '{"$ne":null}', '../../etc/passwd', 'AIP-2', '\u0000\u202e', '🚀'.repeat(50)]);
    case 4: return 'x'.repeat(r.pick([201, 2001, 10_000, 100_000]));
    case 5: return '€'.repeat(r.pick([300, 5000]));
    case 6: return r.pick(['2026-02-30', '2026-13-01', 'tomorrow', '99999-01-01']);
    case 7: return r.pick(['permanent', 'withdrawn', 'undecided', 'agreed', 'latency', 'quarter', 'data-integration']);
    case 8: return [];
    case 9: return Array.from({ length: r.int(4) + 1 }, () => junk(r, depth + 1));
    case 10: return obj(Array.from({ length: r.int(4) + 1 }, () => [r.pick([...HOSTILE_KEYS, ...FIELD_KEYS]), junk(r, depth + 1)]));
    case 11: return deep(r.int(60) + 30);
    default: return obj([[r.pick(HOSTILE_KEYS), obj([['polluted', true], ['isAdmin', true]])]]);
  }
}

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

interface Fixture {
  version: number;
  conditionId: string;
  metricId: string;
  kpiId: string;
  foreign: { conditionId: string; kpiId: string; metricId: string };
}

/** A payload the resolver would accept (with `baseVersion`), to mutate. */
function validPayload(name: Changing, f: Fixture, baseVersion: number): Record<string, unknown> {
  switch (name) {
    case 'savePilot': return { baseVersion, plannedCloseDate: '2026-12-31', actualCloseDate: null, pilotChampionAccountId: null };
    case 'saveCondition': return { baseVersion, condition: { kind: 'data-access', name: 'Fuzz condition', details: 'd', grantedBy: 'g' } };
    case 'removeCondition': return { baseVersion, conditionId: f.conditionId };
    case 'decideCondition': return { baseVersion, conditionId: f.conditionId, decision: { status: 'permanent', rationale: 'r', sustainedBy: 's' } };
    case 'saveMetric': return { baseVersion, metric: { name: 'Fuzz metric', result: 'r' } };
    case 'removeMetric': return { baseVersion, metricId: f.metricId };
    case 'saveKpi': return { baseVersion, kpi: { name: 'Fuzz KPI', category: 'latency', direction: 'lower-is-better', horizon: { count: 1, unit: 'quarter' }, status: 'agreed' } };
    case 'removeKpi': return { baseVersion, kpiId: f.kpiId };
    case 'setOwner': return { baseVersion, ownerAccountId: null };
    case 'acceptOwnership': return { baseVersion };
    case 'setWorkstreamLead': return { baseVersion, workstream: 'data-integration', accountId: null };
    case 'reopenHandoff': return { baseVersion, reason: 'Fuzz reason' };
    case 'createWorkstreams': return {};
    case 'addKpiReading': return { baseVersion, kpiId: f.kpiId, reading: { date: '2026-01-15', value: 12.5, note: 'Fuzz note' } };
    case 'saveProjectSettings': return { settings: { ...defaultProjectSettings(), version: baseVersion } };
    case 'saveReminderSettings': {
      const { sponsorContact: _none, ...reminders } = defaultProjectSettings().reminders;
      return { baseVersion, reminders, sponsorContactAccountId: null };
    }
  }
}

/** The same payload pointing at another epic's ids (valid shape, current version): must be NOT_FOUND. */
function foreignPayload(name: Changing, f: Fixture): Record<string, unknown> | undefined {
  const base = validPayload(name, f, f.version);
  switch (name) {
    case 'removeCondition': case 'decideCondition': return { ...base, conditionId: f.foreign.conditionId };
    case 'removeKpi': case 'addKpiReading': return { ...base, kpiId: f.foreign.kpiId };
    case 'removeMetric': return { ...base, metricId: f.foreign.metricId };
    case 'saveCondition': return { ...base, condition: { ...(base.condition as object), id: f.foreign.conditionId } };
    case 'saveKpi': return { ...base, kpi: { ...(base.kpi as object), id: f.foreign.kpiId } };
    case 'saveMetric': return { ...base, metric: { ...(base.metric as object), id: f.foreign.metricId } };
    default: return undefined;
  }
}

/** Replaces one value somewhere in the payload (or adds a key) with junk. */
function mutate(r: Rng, value: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const objects: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      objects.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(copy);
  const target = r.pick(objects);
  const keys = Object.keys(target);
  const key = keys.length && r.next() < 0.75 ? r.pick(keys) : r.pick([...HOSTILE_KEYS, 'unknownField', 'extra']);
  Object.defineProperty(target, key, { value: junk(r), enumerable: true, writable: true, configurable: true });
  return copy;
}

interface Case {
  name: Changing;
  user: string;
  body: string;
  kind: string;
}

function cases(f: Fixture, seed: number): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  // Never a version the record had for an admin's mutated payload: whatever the mutation, the change must not
  // apply. (An older version would: a change is merged when the items it changes did not change since.)
  const staleVersions = [f.version + 1, f.version + 7, -1, 1.5, INF, NEG_INF, null, '1', 2 ** 40];
  for (const name of CHANGING_RESOLVERS) {
    for (let i = 0; i < CASES_PER_RESOLVER; i++) {
      const roll = r.next();
      const stale = r.pick(staleVersions);
      if (roll < 0.15) {
        out.push({ name, user: 'admin@example.com', kind: 'junk payload', body: toJson(name === 'createWorkstreams' ? obj([['junk', junk(r)]]) : junk(r)) });
      } else if (roll < 0.3) {
        const foreign = foreignPayload(name, f);
        if (foreign) out.push({ name, user: 'admin@example.com', kind: 'foreign id', body: toJson(foreign) });
        else out.push({ name, user: 'viewer@example.com', kind: 'viewer, valid shape', body: toJson(validPayload(name, f, f.version)) });
      } else if (roll < 0.4) {
        out.push({ name, user: r.pick(['viewer@example.com', name === 'saveProjectSettings' || name === 'saveReminderSettings' ? 'lead@example.com' : 'viewer@example.com']), kind: 'viewer, valid shape', body: toJson(validPayload(name, f, f.version)) });
      } else {
        const base = validPayload(name, f, typeof stale === 'number' && (name === 'saveProjectSettings' || name === 'saveReminderSettings') ? Math.max(1, Math.abs(Math.trunc(Number(stale) || 7))) + 3 : (stale as number));
        const body = name === 'createWorkstreams' ? obj([['baseVersion', stale], ...(r.next() < 0.5 ? [[r.pick(HOSTILE_KEYS), junk(r)] as [string, unknown]] : [])]) : mutate(r, base);
        out.push({ name, user: 'admin@example.com', kind: 'mutated', body: toJson(body) });
      }
    }
  }
  return out;
}

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

async function send(c: Case): Promise<{ status: number; text: string }> {
  const project = c.name === 'saveProjectSettings' || c.name === 'saveReminderSettings';
  const moduleKey = project ? MODULES.report : MODULES.panel;
  const context = project ? { projectKey: 'AIP' } : { issueKey: TARGET };
  const body = `{"moduleKey":${JSON.stringify(moduleKey)},"functionKey":${JSON.stringify(c.name)},"context":${JSON.stringify(context)},"user":${JSON.stringify(c.user)},"payload":${c.body}}`;
  const res = await fetch(`${host.url}/__local/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}

test('every changing resolver refuses 1,000+ hostile payloads cleanly and stores nothing', async () => {
  const view = async (issueKey: string) => ok((await invoke(host.url, 'getHandoff', {}, { context: { issueKey } })) as Result<HandoffView>);
  const target = await view(TARGET);
  const other = await view(SEED_KEYS.mostlyWithdrawn);
  const otherMetrics = await view(SEED_KEYS.stalled);
  const fixture: Fixture = {
    version: target.version,
    conditionId: target.record!.conditions[0].id,
    metricId: target.record!.pilotMetrics[0].id,
    kpiId: target.record!.kpis[0].id,
    foreign: { conditionId: other.record!.conditions[0].id, kpiId: other.record!.kpis[0].id, metricId: otherMetrics.record!.pilotMetrics[0].id },
  };
  const kvsBefore = readKvs(host.dataDir);
  const childrenBefore = await searchKeys(host.url, `parent = ${TARGET}`);

  const all = cases(fixture, Number(process.env.FUZZ_SEED ?? 20261125));
  expect(all.length).toBeGreaterThanOrEqual(1000);
  const failures: string[] = [];
  const codes = new Map<string, number>();
  const CONCURRENCY = 8;
  for (let i = 0; i < all.length; i += CONCURRENCY) {
    await Promise.all(all.slice(i, i + CONCURRENCY).map(async (c) => {
      const { status, text } = await send(c);
      let result: Result<unknown> | undefined;
      try {
        result = JSON.parse(text) as Result<unknown>;
      } catch {
        /* reported below */
      }
      const code = result && !result.ok ? result.error.code : undefined;
      codes.set(code ?? `HTTP ${status}`, (codes.get(code ?? `HTTP ${status}`) ?? 0) + 1);
      if (status !== 200 || !result || result.ok || !REFUSALS.includes(result.error.code) || /\bat .*\.ts:\d+/.test(text)) {
        failures.push(`${c.name} (${c.kind}, ${c.user}) → ${status} ${text.slice(0, 300)}\n  payload: ${c.body.slice(0, 300)}`);
      }
      if (c.kind === 'foreign id' && code !== 'NOT_FOUND') failures.push(`${c.name} with another epic's id answered ${code}`);
    }));
  }
  if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(codes));
  expect(failures).toEqual([]);
  // Each kind of refusal really happened (the fuzz reached past validation).
  for (const code of REFUSALS) expect(codes.get(code) ?? 0).toBeGreaterThan(0);

  // Nothing stored changed: every KVS row (entities and plain keys) byte for byte, and no issues created.
  const kvsAfter = readKvs(host.dataDir);
  expect(kvsAfter.entities).toEqual(kvsBefore.entities);
  expect(kvsAfter.keys.length).toBe(kvsBefore.keys.length);
  expect(kvsAfter.keys).toEqual(kvsBefore.keys);
  expect(JSON.stringify((await view(TARGET)).record)).toBe(JSON.stringify(target.record));
  expect(await searchKeys(host.url, `parent = ${TARGET}`)).toEqual(childrenBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('payloads over Forge\'s 500 KB invocation limit are refused before the resolver, and the host stays up', async () => {
  const before = readKvs(host.dataDir);
  for (const name of ['saveCondition', 'saveKpi', 'setOwner'] as const) {
    const { status } = await send({ name, user: 'admin@example.com', kind: 'huge', body: toJson({ baseVersion: 1, huge: 'x'.repeat(1024 * 1024) }) });
    expect(status).toBe(413);
  }
  expect(readKvs(host.dataDir)).toEqual(before);
  const alive = await invoke(host.url, 'getHandoff', {}, { context: { issueKey: TARGET } });
  expect(alive.ok).toBe(true);
});
