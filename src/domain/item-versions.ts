/**
 * Fewer false conflicts. The record keeps its whole-record version (the gate, the history and the audit
 * trail follow it), and beside it the version in which each item last changed: the pilot timeline, each
 * condition's description and, apart, its decision, each pilot metric and KPI, the delivery owner, each
 * workstream lead. A change based on an older version is still safe when none of the items it changes
 * has changed since that version: two people deciding different conditions both succeed, two deciding
 * the same one do not. Pure.
 */
import { WORKSTREAM_NAMES } from './policy';
import { WORKSTREAM_KEYS, type HandoffRecord, type ItemVersions } from './record';
import { clip } from './sentences';


/** How many versions a removed item's entry outlives it, so an edit of it from an older screen names who removed it. */
export const REMOVED_KEPT = 100;

type Snapshot = Map<string, string>;

/** The keys of the items that have ids, as itemSnapshots names them. */
export const itemKey = {
  condition: (id: string) => `condition:${id}`,
  decision: (id: string) => `decision:${id}`,
  metric: (id: string) => `metric:${id}`,
  kpi: (id: string) => `kpi:${id}`,
  readings: (id: string) => `readings:${id}`,
} as const;

/** Each item of the record by its key, as text: two records differ in an item exactly when its texts differ. */
export function itemSnapshots(record: HandoffRecord | null): Snapshot {
  const out: Snapshot = new Map();
  if (!record) return out;
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out.set(key, JSON.stringify(value));
  };
  put('pilot', { ...record.pilot, champion: record.ownership.pilotChampion?.accountId });
  for (const { decision, ...description } of record.conditions) {
    put(itemKey.condition(description.id), description);
    put(itemKey.decision(description.id), decision);
  }
  for (const m of record.pilotMetrics) put(itemKey.metric(m.id), m);
  for (const k of record.kpis) put(itemKey.kpi(k.id), k);
  // A KPI's readings are an item of their own (their digest): a reading added from a screen that did not
  // show the last one is refused, so a double submit never stores the same reading twice.
  for (const [id, digest] of Object.entries(record.kpiReadings ?? {})) put(itemKey.readings(id), digest);
  put('owner', { owner: record.ownership.deliveryOwner?.accountId, accepted: record.ownership.accepted });
  for (const w of WORKSTREAM_KEYS) {
    put(`lead:${w}`, record.ownership.workstreamLeads[w]?.accountId);
    put(`workstream:${w}`, record.workstreams[w]);
  }
  put('reopened', record.reopened);
  return out;
}

/** The items a change adds, alters or removes. */
export function changedItems(before: HandoffRecord | null, after: HandoffRecord | null): string[] {
  const a = itemSnapshots(before);
  const b = itemSnapshots(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
}

export interface StaleItem {
  key: string;
  /** The version in which it changed (or, when that cannot be told, the record's latest). */
  version: number;
}

/**
 * The first of `keys` that changed in `current` after `baseVersion` (the version the editor saw), or
 * undefined when every one of them is as the editor saw it. An item whose history predates tracking counts
 * as changed in the latest version: when in doubt it is a conflict, as it always was.
 */
export function staleItem(current: HandoffRecord, keys: readonly string[], baseVersion: number): StaleItem | undefined {
  const tracked = current.itemVersions;
  let found: StaleItem | undefined;
  for (const key of keys) {
    const at = tracked?.items[key];
    // Untracked: it last changed before tracking began, which is safe only for an editor who saw that version.
    if (at === undefined && tracked && baseVersion >= tracked.since - 1) continue;
    const version = at ?? current.version;
    if (version > baseVersion && (!found || version > found.version)) found = { key, version };
  }
  return found;
}

/** When `key` (an item the editor saw) was removed from `current` after `baseVersion`: what their edit ran into. */
export function removedSince(current: HandoffRecord, key: string, baseVersion: number): StaleItem | undefined {
  const version = current.itemVersions?.items[key];
  if (version === undefined || version <= baseVersion || itemSnapshots(current).has(key)) return undefined;
  return { key, version };
}

/** The next record's item versions: `changed` items stamped with its version, removed items kept REMOVED_KEPT versions. */
export function stampItems(previous: HandoffRecord | null, next: HandoffRecord, changed: readonly string[]): ItemVersions {
  const since = previous?.itemVersions?.since ?? next.version;
  const present = itemSnapshots(next);
  const items: Record<string, number> = {};
  for (const [key, version] of Object.entries(previous?.itemVersions?.items ?? {})) {
    if (present.has(key) || version > next.version - REMOVED_KEPT) items[key] = version;
  }
  for (const key of changed) items[key] = next.version;
  return { since, items };
}

/** The item in words, for a conflict message: "the decision on “Direct claims DB access”". */
export function itemLabel(key: string, records: ReadonlyArray<HandoffRecord | null>): string {
  const [kind, id = ''] = key.split(/:(.*)/s);
  const named = (list: (r: HandoffRecord) => Array<{ id: string; name: string }>) => {
    for (const r of records) {
      const item = r && list(r).find((x) => x.id === id);
      if (item) return `“${clip(item.name, 60)}”`;
    }
    return undefined;
  };
  switch (kind) {
    case 'pilot':
      return 'the pilot timeline';
    case 'condition': {
      const name = named((r) => r.conditions);
      return name ? `the condition ${name}` : 'a pilot condition';
    }
    case 'decision': {
      const name = named((r) => r.conditions);
      return name ? `the decision on ${name}` : 'a decision';
    }
    case 'metric': {
      const name = named((r) => r.pilotMetrics);
      return name ? `the pilot metric ${name}` : 'a pilot metric';
    }
    case 'kpi': {
      const name = named((r) => r.kpis);
      return name ? `the KPI ${name}` : 'a production KPI';
    }
    case 'readings': {
      const name = named((r) => r.kpis);
      return name ? `the readings of the KPI ${name}` : 'a KPI\'s readings';
    }
    case 'owner':
      return 'the delivery owner';
    case 'lead':
      return id in WORKSTREAM_NAMES ? `the ${WORKSTREAM_NAMES[id as keyof typeof WORKSTREAM_NAMES]} lead` : 'a workstream lead';
    case 'workstream':
      return 'the workstream issues';
    case 'reopened':
      return 'the reopening of the handoff';
    default:
      return 'this handoff';
  }
}
