import { RESOLVER_NAMES } from '../shared/contract';
import { ALL_RESOLVERS } from './index';

describe('resolver registry', () => {
  it('answers every resolver the contract names, exactly once', () => {
    const names = ALL_RESOLVERS.map((d) => d.name);
    expect([...names].sort()).toEqual([...RESOLVER_NAMES].sort());
  });

  it('refuses an invalid payload with VALIDATION before touching the context or Jira', async () => {
    const saveKpi = ALL_RESOLVERS.find((d) => d.name === 'saveKpi')!;
    const result = await saveKpi.run({ baseVersion: -1, kpi: [] }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { baseVersion: expect.any(String), kpi: expect.any(String) } } });
  });

  it('takes the viewer\'s time zone off any payload and refuses one that is not a time zone', async () => {
    const getReportPage = ALL_RESOLVERS.find((d) => d.name === 'getReportPage')!;
    for (const timeZone of ['Mars/Base', '', 7, null]) {
      const result = await getReportPage.run({ timeZone }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { timeZone: expect.stringContaining('IANA time zone') } } });
    }
    // A valid zone passes validation (the call then stops at the missing project, not at the payload).
    const valid = await getReportPage.run({ timeZone: 'Pacific/Auckland', maxPages: 1 }, { accountId: 'u1', extension: {} });
    expect(valid).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a change without an epic in the Forge context, whatever ids the payload carries', async () => {
    const removeKpi = ALL_RESOLVERS.find((d) => d.name === 'removeKpi')!;
    const result = await removeKpi.run({ baseVersion: 1, kpiId: 'abc' }, { accountId: 'u1', extension: { type: 'jira:projectPage', project: { id: '1', key: 'AIP' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
