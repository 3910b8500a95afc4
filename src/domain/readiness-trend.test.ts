import fc from 'fast-check';
import { daysAtLevel, readinessTrend, settingsChangeMovesLevels, trailByIssue, TREND_WEEKS, type TrailPoint, type TrendRow } from './readiness-trend';
import { READINESS_LEVELS, type ReadinessLevel } from './readiness-types';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
/** An instant `days` before NOW. */
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const r = (level: ReadinessLevel, openQuestions = level === 'ready' || level === 'shipped' ? 0 : 2) => ({ level, openQuestions });
const point = (issueId: string, daysAgo: number, after?: ReadinessLevel, before?: ReadinessLevel): TrailPoint => ({
  issueId,
  at: ago(daysAgo),
  ...(after ? { readiness: { ...r(after), ...(before ? { before: r(before) } : {}) } } : {}),
});
const row = (issueId: string, level: ReadinessLevel, saved = true): TrendRow => ({ issueId, level, ...(saved ? { lastChange: ago(1) } : {}) });
/** One initiative's level at each of the 12 week ends, oldest first ('?' for unknown). */
function levelsOf(rows: TrendRow[], points: TrailPoint[], policyChanges: string[] = []): string[] {
  const weeks = readinessTrend({ rows, trail: trailByIssue(points), policyChanges, now: NOW });
  return weeks.map((w) => (w.unknown ? '?' : READINESS_LEVELS.find((l) => w.byLevel[l] === 1) ?? '-'));
}

describe('readinessTrend', () => {
  it('has one week end a week apart for each of the last 12 weeks, the last one now', () => {
    const weeks = readinessTrend({ rows: [], trail: new Map(), policyChanges: [], now: NOW });
    expect(weeks).toHaveLength(TREND_WEEKS);
    expect(weeks[TREND_WEEKS - 1].end).toBe(NOW.toISOString());
    expect(weeks[0].end).toBe(ago(7 * (TREND_WEEKS - 1)));
  });

  it('places each initiative at the level the trail gives at each week end', () => {
    // Started 5 weeks ago (version 1: from not started), ready 2 weeks ago.
    const points = [point('1', 35, 'deciding', 'not-started'), point('1', 20, 'deciding', 'deciding'), point('1', 14, 'ready', 'deciding')];
    // Week ends 77, 70, ... 7, 0 days ago; an entry at a week end's instant counts for it.
    expect(levelsOf([row('1', 'ready')], points)).toEqual([...Array(6).fill('not-started'), 'deciding', 'deciding', 'deciding', 'ready', 'ready', 'ready']);
  });

  it('keeps the level of an initiative whose trail says nothing in 12 weeks', () => {
    expect(levelsOf([row('1', 'deciding')], [])).toEqual(Array(TREND_WEEKS).fill('deciding'));
    expect(levelsOf([row('2', 'not-started', false)], [])).toEqual(Array(TREND_WEEKS).fill('not-started'));
  });

  it('says unknown for the weeks before an entry written without the readiness field, never a guess', () => {
    const levels = levelsOf([row('1', 'deciding')], [point('1', 30)]);
    expect(levels.slice(0, 7)).toEqual(Array(7).fill('?'));
    // Nothing audited since: the level now held at every later week end.
    expect(levels.slice(7)).toEqual(Array(5).fill('deciding'));
  });

  it('says unknown where the level changed without an audited event (an older move into Done)', () => {
    const levels = levelsOf([row('1', 'shipped')], [point('1', 50, 'ready', 'deciding')]);
    expect(levels.slice(0, 4)).toEqual(Array(4).fill('deciding'));
    expect(levels.slice(4)).toEqual(Array(8).fill('?'));
  });

  it('a policy change in the settings ends what an entry before it can tell; what came after it still counts', () => {
    // Ready 60 days ago; the KPI minimums rose 30 days ago and made it "deciding" without any save.
    const levels = levelsOf([row('1', 'deciding')], [point('1', 60, 'ready', 'deciding')], [ago(30)]);
    expect(levels.slice(0, 3)).toEqual(Array(3).fill('deciding'));
    expect(levels.slice(3, 7)).toEqual(Array(4).fill('ready'));
    expect(levels.slice(7)).toEqual(Array(5).fill('deciding'));
  });

  it('counts every initiative once a week: the levels and unknown add up to the rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ level: fc.constantFrom(...READINESS_LEVELS), saved: fc.boolean() }), { maxLength: 20 }),
        fc.array(fc.record({ issue: fc.nat(19), daysAgo: fc.integer({ min: 0, max: 84 }), after: fc.option(fc.constantFrom(...READINESS_LEVELS)), before: fc.option(fc.constantFrom(...READINESS_LEVELS)) }), { maxLength: 60 }),
        (rows, entries) => {
          const trendRows = rows.map((x, i) => row(String(i), x.level, x.saved));
          const points = entries.map((e) => point(String(e.issue), e.daysAgo, e.after ?? undefined, e.before ?? undefined));
          for (const week of readinessTrend({ rows: trendRows, trail: trailByIssue(points), policyChanges: [], now: NOW })) {
            expect(READINESS_LEVELS.reduce((n, l) => n + week.byLevel[l], week.unknown)).toBe(trendRows.length);
          }
        },
      ),
    );
  });
});

describe('daysAtLevel', () => {
  const at = (level: ReadinessLevel, points: TrailPoint[], policyChanges: string[] = [], saved = true) =>
    daysAtLevel(row('1', level, saved), trailByIssue(points).get('1') ?? [], { policyChanges, now: NOW, timeZone: 'UTC' });

  it('counts calendar days since the audited move into the current level', () => {
    expect(at('ready', [point('1', 40, 'deciding', 'not-started'), point('1', 10, 'ready', 'deciding'), point('1', 3, 'ready', 'ready')])).toEqual({ state: 'days', days: 10 });
    expect(at('shipped', [point('1', 0.1, 'shipped', 'ready')])).toEqual({ state: 'days', days: 0 });
  });

  it('says "more than 12 weeks" when the trail of the last 12 weeks shows no move into it', () => {
    expect(at('deciding', [])).toEqual({ state: 'over', days: 84 });
    expect(at('deciding', [point('1', 20, 'deciding', 'deciding')])).toEqual({ state: 'over', days: 84 });
  });

  it('says unknown when an older entry lacks the field, the level changed unaudited, the policy changed, or nothing was ever saved', () => {
    expect(at('deciding', [point('1', 20)])).toMatchObject({ state: 'unknown' });
    expect(at('deciding', [point('1', 50, 'deciding', 'not-started'), point('1', 20)])).toMatchObject({ state: 'unknown' });
    expect(at('shipped', [point('1', 20, 'ready', 'deciding')])).toMatchObject({ state: 'unknown' });
    expect(at('deciding', [], [ago(5)])).toMatchObject({ state: 'unknown' });
    expect(at('not-started', [], [], false)).toMatchObject({ state: 'unknown' });
    // A policy change before the move does not matter.
    expect(at('ready', [point('1', 10, 'ready', 'deciding')], [ago(30)])).toEqual({ state: 'days', days: 10 });
  });
});

describe('settingsChangeMovesLevels', () => {
  it('is true only for the settings readiness depends on', () => {
    expect(settingsChangeMovesLevels([{ field: 'settings.kpiMinimums' }])).toBe(true);
    expect(settingsChangeMovesLevels([{ field: 'settings.stallDays' }, { field: 'settings.requireOwnerAcceptance' }])).toBe(true);
    expect(settingsChangeMovesLevels([{ field: 'settings.stallDays' }, { field: 'settings.workstreamTemplates' }])).toBe(false);
    // A compacted entry that lost its field names might have touched anything.
    expect(settingsChangeMovesLevels([{ field: '9 fields changed (too many to list)' }])).toBe(true);
  });
});
