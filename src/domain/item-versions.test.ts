import { changedItems, itemLabel, REMOVED_KEPT, removedSince, stampItems, staleItem } from './item-versions';
import { HandoffRecord } from './record';
import { condition, decision, kpi, PRIYA, readyRecord, record } from './__fixtures__/records';

describe('changedItems', () => {
  const before = readyRecord();
  it("separates a condition's description from its decision", () => {
    const renamed = { ...before, conditions: before.conditions.map((c) => (c.id === 'c1' ? { ...c, name: 'Renamed' } : c)) };
    expect(changedItems(before, renamed)).toEqual(['condition:c1']);
    const decided = { ...before, conditions: before.conditions.map((c) => (c.id === 'c2' ? { ...c, decision: decision('permanent') } : c)) };
    expect(changedItems(before, decided)).toEqual(['decision:c2']);
  });
  it('names added and removed items, the pilot (with its champion), the owner and each lead', () => {
    const next = {
      ...before,
      kpis: [before.kpis[0], kpi('k3', 'Override rate', 'model-quality')],
      pilot: { plannedCloseDate: '2027-01-31' },
      ownership: { ...before.ownership, pilotChampion: PRIYA, deliveryOwner: undefined, accepted: undefined, workstreamLeads: { 'data-integration': PRIYA } },
    };
    expect(changedItems(before, next).sort()).toEqual(['kpi:k2', 'kpi:k3', 'lead:data-integration', 'owner', 'pilot']);
    expect(changedItems(null, before)).toContain('decision:c1');
    expect(changedItems(before, before)).toEqual([]);
  });
});

describe('staleItem and stampItems', () => {
  /** A record saved in versions 4 (c1's decision) and 5 (k1), tracked since version 4. */
  const tracked = (): HandoffRecord => ({ ...readyRecord(), version: 5, itemVersions: { since: 4, items: { 'decision:c1': 4, 'kpi:k1': 5 } } });

  it('lets a change from an older version through when none of its items changed since', () => {
    expect(staleItem(tracked(), ['decision:c2', 'kpi:k2'], 3)).toBeUndefined();
    expect(staleItem(tracked(), ['kpi:k1'], 5)).toBeUndefined();
  });
  it('refuses when an item changed after the editor’s version, naming the latest such change', () => {
    expect(staleItem(tracked(), ['decision:c1'], 3)).toEqual({ key: 'decision:c1', version: 4 });
    expect(staleItem(tracked(), ['decision:c1', 'kpi:k1'], 3)).toEqual({ key: 'kpi:k1', version: 5 });
  });
  it('cannot vouch for untracked history: an editor older than tracking, or a record never tracked, conflicts', () => {
    expect(staleItem(tracked(), ['decision:c2'], 2)).toEqual({ key: 'decision:c2', version: 5 });
    expect(staleItem({ ...readyRecord(), version: 5 }, ['decision:c2'], 4)).toEqual({ key: 'decision:c2', version: 5 });
  });
  it('starts tracking with the first save that stamps, and keeps a removed item only for a while', () => {
    const legacy = { ...readyRecord(), version: 7 };
    const next = { ...legacy, version: 8, conditions: [condition('c1', 'Direct claims DB access', 'permanent')] };
    const stamped = stampItems(legacy, next, changedItems(legacy, next));
    expect(stamped).toEqual({ since: 8, items: { 'condition:c2': 8, 'decision:c2': 8 } });
    const withStamp = { ...next, itemVersions: stamped };
    expect(removedSince(withStamp, 'decision:c2', 7)).toEqual({ key: 'decision:c2', version: 8 });
    expect(removedSince(withStamp, 'decision:c2', 8)).toBeUndefined();
    expect(removedSince(withStamp, 'decision:c1', 7)).toBeUndefined();
    expect(removedSince(withStamp, 'kpi:never-here', 0)).toBeUndefined();
    const much = { ...withStamp, version: 8 + REMOVED_KEPT };
    expect(stampItems(withStamp, much, [])).toEqual({ since: 8, items: {} });
    expect(HandoffRecord.safeParse(withStamp).success).toBe(true);
  });
  it('a new record is tracked from its first version', () => {
    const first = record({ version: 1, conditions: [condition('c9', 'GPU quota')] });
    expect(stampItems(null, first, changedItems(null, first))).toEqual({ since: 1, items: { 'pilot': 1, 'condition:c9': 1, 'decision:c9': 1, owner: 1 } });
  });
});

describe('itemLabel', () => {
  it('names the item in words, from whichever record still has it', () => {
    const r = readyRecord();
    expect(itemLabel('decision:c1', [r])).toBe('the decision on “Direct claims DB access”');
    expect(itemLabel('kpi:k2', [null, r])).toBe('the KPI “Revenue per claim”');
    expect(itemLabel('kpi:gone', [r])).toBe('a production KPI');
    expect(itemLabel('lead:compliance-review', [r])).toBe('the Compliance review lead');
    expect(itemLabel('pilot', [r])).toBe('the pilot timeline');
  });
});
