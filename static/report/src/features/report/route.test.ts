import fc from 'fast-check';
import { READINESS_LEVELS } from '@src/domain/readiness-types';
import { REPORT_SORT_COLUMNS } from '@src/domain/report';
import { FLAG_ORDER } from './flags';
import { DEFAULT_SORT, locationOf, routeOf, type ReportRoute } from './route';

describe('the report route', () => {
  it('is the plain address for the plain report, and each view has its path', () => {
    expect(locationOf({ view: 'report', filter: {}, sort: DEFAULT_SORT })).toEqual({ pathname: '/', search: '' });
    expect(routeOf({ pathname: '/settings', search: '' }).view).toBe('settings');
    expect(routeOf({ pathname: '/print', search: '?level=ready' })).toEqual({ view: 'print', filter: { level: 'ready' }, sort: DEFAULT_SORT });
  });

  it('carries every filter and the sort in the query', () => {
    const route: ReportRoute = { view: 'report', filter: { level: 'deciding', ownerAccountId: null, flag: 'stalled', inPurgatory: true, text: 'claims & co' }, sort: { by: 'purgatory', dir: 'desc' } };
    const location = locationOf(route);
    expect(location.search).toBe('?level=deciding&owner=none&flag=stalled&purgatory=1&q=claims+%26+co&sort=purgatory&dir=desc');
    expect(routeOf(location)).toEqual(route);
  });

  it('leaves out what a hand-edited link holds that is no known value', () => {
    expect(routeOf({ pathname: '/nowhere', search: '?level=done&flag=evil&sort=__proto__&dir=up&purgatory=yes' })).toEqual({ view: 'report', filter: {}, sort: DEFAULT_SORT });
  });

  it('reads back any route it writes', () => {
    const arbRoute = fc.record({
      view: fc.constantFrom('report' as const, 'settings' as const, 'print' as const),
      filter: fc.record(
        {
          level: fc.constantFrom(...READINESS_LEVELS),
          ownerAccountId: fc.option(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== 'none'), { nil: null }),
          flag: fc.constantFrom(...FLAG_ORDER),
          inPurgatory: fc.constant(true),
          text: fc.string({ minLength: 1, maxLength: 50 }),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom(...REPORT_SORT_COLUMNS), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
    });
    fc.assert(fc.property(arbRoute, (route) => expect(routeOf(locationOf(route))).toEqual(route)));
  });
});
