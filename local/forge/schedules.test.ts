import { nextDueMs, periodIndex, scheduleDefs, scheduleProblems, schedulesFingerprint } from './schedules';
import { manifestFrom } from './test-manifest';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const manifest = (modules: string) => manifestFrom(`
modules:
${modules}
  function:
    - key: daily-fn
      handler: index.daily
    - key: long-fn
      handler: index.long
      timeoutSeconds: 300
app:
  id: ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555
`);

describe('periods of a schedule', () => {
  const anchor = Date.UTC(2026, 11, 1, 10, 5);

  test('run 0 is at the start time, then one per interval; before the start there is none', () => {
    expect(periodIndex(anchor, DAY, anchor - 1)).toBe(-1);
    expect(periodIndex(anchor, DAY, anchor)).toBe(0);
    expect(periodIndex(anchor, DAY, anchor + DAY - 1)).toBe(0);
    expect(periodIndex(anchor, DAY, anchor + DAY)).toBe(1);
    expect(periodIndex(anchor, HOUR, anchor + 10 * DAY)).toBe(240);
  });

  test('the next run: due now when this period has not run, else the next period; missed periods are not made up', () => {
    expect(nextDueMs(anchor, DAY, -1, anchor - HOUR)).toBe(anchor);
    expect(nextDueMs(anchor, DAY, -1, anchor + 3 * DAY + HOUR)).toBe(anchor + 3 * DAY);
    expect(nextDueMs(anchor, DAY, 3, anchor + 3 * DAY + HOUR)).toBe(anchor + 4 * DAY);
  });
});

describe('scheduledTrigger modules', () => {
  test('reads interval, function, timeout (default 55 s) and the license filter', () => {
    const m = manifest(`  scheduledTrigger:
    - key: daily
      function: daily-fn
      interval: day
    - key: weekly
      function: long-fn
      interval: week
      filter:
        appIsLicensed: true`);
    expect(scheduleProblems(m)).toEqual([]);
    expect(scheduleDefs(m)).toEqual([
      { key: 'daily', functionKey: 'daily-fn', interval: 'day', intervalMs: DAY, timeoutMs: 55_000, appIsLicensed: false },
      { key: 'weekly', functionKey: 'long-fn', interval: 'week', intervalMs: 7 * DAY, timeoutMs: 300_000, appIsLicensed: true },
    ]);
  });

  test('refuses what Forge refuses: more than five, an unknown interval, a missing function, a remote endpoint', () => {
    const six = Array.from({ length: 6 }, (_, i) => `    - key: s${i}\n      function: daily-fn\n      interval: hour`).join('\n');
    expect(scheduleProblems(manifest(`  scheduledTrigger:\n${six}`))).toEqual(['at most 5 scheduledTrigger modules per app (found 6)']);
    expect(scheduleProblems(manifest(`  scheduledTrigger:
    - key: often
      function: daily-fn
      interval: minute
    - key: ghost
      function: nope
      interval: day
    - key: remote
      endpoint: my-remote
      interval: day`))).toEqual([
      'scheduledTrigger often: interval must be one of fiveMinute, hour, day, week',
      'scheduledTrigger ghost: function "nope" is not declared',
      'scheduledTrigger remote: Forge Remote endpoints are not available offline',
    ]);
  });

  test('any change to the scheduled triggers changes the fingerprint (Forge then resets every start time)', () => {
    const a = scheduleDefs(manifest('  scheduledTrigger:\n    - key: daily\n      function: daily-fn\n      interval: day'));
    const b = scheduleDefs(manifest('  scheduledTrigger:\n    - key: daily\n      function: daily-fn\n      interval: hour'));
    expect(schedulesFingerprint(a)).toBe(schedulesFingerprint([...a]));
    expect(schedulesFingerprint(a)).not.toBe(schedulesFingerprint(b));
  });
});
