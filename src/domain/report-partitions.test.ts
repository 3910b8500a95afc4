import fc from 'fast-check';
import { inPartition, nextId, partitionClause, planPartitions, type ReportPartition } from './report-partitions';

const ascendingIds = fc.uniqueArray(fc.integer({ min: 10_000, max: 2_000_000 }), { maxLength: 400 }).map((xs) => xs.sort((a, b) => a - b).map(String));

/** The partitions that hold `id`. */
const holders = (ps: ReportPartition[], id: string) => ps.filter((p) => inPartition(p, id));

describe('planPartitions', () => {
  it('puts every planned id in exactly one partition, at most `size` ids each, without a gap between partitions', () => {
    fc.assert(
      fc.property(ascendingIds, fc.integer({ min: 1, max: 50 }), fc.boolean(), (ids, size, complete) => {
        const { partitions, after } = planPartitions(ids, { complete, size });
        for (const id of ids) expect(holders(partitions, id)).toHaveLength(1);
        for (const p of partitions) expect(ids.filter((id) => inPartition(p, id)).length).toBeLessThanOrEqual(size);
        // Each range starts where the one before ended: an id that appears later in between still has one home.
        for (let i = 1; i < partitions.length; i++) expect(partitions[i].from).toBe(partitions[i - 1].to);
        if (ids.length === 0) return expect(partitions).toEqual([]);
        const last = partitions[partitions.length - 1];
        if (complete) {
          expect(last.to).toBeUndefined();
          expect(after).toBeUndefined();
        } else {
          expect(after).toBe(ids[ids.length - 1]);
          expect(last.to).toBe(nextId(ids[ids.length - 1]));
        }
      }),
    );
  });

  it('starts right after what was read before, so a first page and the plan share no id and leave none out', () => {
    fc.assert(
      fc.property(ascendingIds.filter((ids) => ids.length > 2), fc.integer({ min: 1, max: 20 }), (ids, size) => {
        const firstPageEnd = ids[1];
        const rest = ids.slice(2);
        const { partitions } = planPartitions(rest, { after: firstPageEnd, complete: true, size });
        expect(partitions[0].from).toBe(nextId(firstPageEnd));
        for (const id of ids.slice(0, 2)) expect(holders(partitions, id)).toHaveLength(0);
        // An id created later lands in the open last partition; one re-labelled between two planned ids in one partition.
        expect(holders(partitions, String(Number(rest[rest.length - 1]) + 7))).toHaveLength(1);
        expect(holders(partitions, String(Number(firstPageEnd) + 1))).toHaveLength(1);
      }),
    );
  });

  it('plans the ids beyond one ids request next, from exactly where this plan stopped', () => {
    const first = planPartitions(['100', '200', '300'], { complete: false, size: 2 });
    expect(first).toEqual({ partitions: [{ from: '100', to: '300' }, { from: '300', to: '301' }], after: '300' });
    const next = planPartitions(['301', '450'], { after: first.after, complete: true, size: 2 });
    expect(next).toEqual({ partitions: [{ from: '301' }] });
  });

  it('refuses ids out of order, repeated, not above `after`, or not ids at all', () => {
    expect(() => planPartitions(['2', '1'], { complete: true })).toThrow(/ascending/);
    expect(() => planPartitions(['1', '1'], { complete: true })).toThrow(/ascending/);
    expect(() => planPartitions(['5'], { after: '5', complete: true })).toThrow(/not after/);
    expect(() => planPartitions(['1) OR (1=1'], { complete: true })).toThrow(/Not an issue id/);
  });
});

describe('partitionClause', () => {
  it('is a pair of id bounds, or a lower bound for the last partition', () => {
    expect(partitionClause({ from: '10100', to: '10200' })).toBe('id >= 10100 AND id < 10200');
    expect(partitionClause({ from: '10200' })).toBe('id >= 10200');
  });
  it('refuses anything but ids (the clause goes into JQL)', () => {
    expect(() => partitionClause({ from: '1 OR project = 2' })).toThrow();
    expect(() => partitionClause({ from: '1', to: '2"' })).toThrow();
  });
});
