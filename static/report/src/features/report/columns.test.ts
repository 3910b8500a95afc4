import { COLUMNS, tableLayout } from './columns';

const total = COLUMNS.reduce((n, c) => n + c.min, 0);

describe('tableLayout', () => {
  it('shows every column when they fit (a 1,280 px window)', () => {
    // The report frame inside Jira's page at 1,280 px is about 1,196 px wide.
    expect(total).toBeLessThanOrEqual(1196);
    const layout = tableLayout(1196);
    expect(layout.folded).toEqual([]);
    expect(layout.shown.map((c) => c.id)).toEqual(COLUMNS.map((c) => c.id));
    expect(layout.template.startsWith('minmax(220px, 1fr) ')).toBe(true);
  });

  it('folds the least needed columns into the row until the rest fit (a 1,024 px window)', () => {
    const layout = tableLayout(940);
    expect(layout.folded.map((c) => c.id)).toEqual(['conditions', 'kpis', 'kpiProgress', 'workstreams']);
    expect(layout.shown.reduce((n, c) => n + c.min, 0)).toBeLessThanOrEqual(940);
  });

  it('never folds the epic, its readiness, days at level, owner or missing answers', () => {
    const layout = tableLayout(300);
    expect(layout.shown.map((c) => c.id)).toEqual(['key', 'level', 'atLevel', 'owner', 'missing']);
    expect(layout.folded.every((c) => c.inline !== undefined)).toBe(true);
  });
});
