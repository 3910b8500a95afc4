import { DEFAULT_GATE_CONFIG } from '@src/domain/policy';
import { configFromForm, describeStored, formFromConfig, parseStoredConfig } from './gate-config';

describe("the gate's configuration screens", () => {
  it('reads what Jira stored, as a JSON string or already parsed', () => {
    const config = { scopeLabel: 'ai-pilot', requireWorkstreamsDone: true, kpiMinimums: { operational: 2, business: 0 }, requireOwnerAcceptance: false };
    expect(parseStoredConfig(JSON.stringify(config))).toEqual({ config, saved: true });
    expect(parseStoredConfig(config)).toEqual({ config, saved: true });
  });

  it('says when nothing was saved, and shows the defaults', () => {
    expect(parseStoredConfig(undefined)).toEqual({ config: DEFAULT_GATE_CONFIG, saved: false });
    expect(describeStored(parseStoredConfig(''))).toMatch(/^No configuration saved: the defaults apply\. Blocks Done until/);
  });

  it('says that an unreadable configuration makes the gate block, and shows the defaults', () => {
    const stored = parseStoredConfig('{not json');
    expect(stored.saved).toBe(true);
    expect(stored.config).toEqual(DEFAULT_GATE_CONFIG);
    expect(stored.problem).toMatch(/could not be read .* the gate blocks every epic that might be in scope/);
  });

  it('turns a saved configuration into the form and back unchanged', () => {
    for (const config of [
      DEFAULT_GATE_CONFIG,
      { scopeLabel: '', requireWorkstreamsDone: true, kpiMinimums: { operational: 0, business: 10 }, requireOwnerAcceptance: true },
      { scopeLabel: 'ai', requireWorkstreamsDone: false, requireOwnerAcceptance: false },
      { scopeLabel: 'ai', requireWorkstreamsDone: true, requireSubtasksDone: true },
    ]) {
      expect(configFromForm(formFromConfig(config))).toEqual({ ok: true, config });
    }
  });

  it('asks for finished sub-tasks only with finished workstreams, and says so', () => {
    const form = { ...formFromConfig(DEFAULT_GATE_CONFIG), requireWorkstreamsDone: false, requireSubtasksDone: true };
    expect(configFromForm(form)).toEqual({ ok: true, config: { scopeLabel: 'ai-initiative', requireWorkstreamsDone: false } });
    expect(describeStored({ config: { scopeLabel: 'ai', requireWorkstreamsDone: true, requireSubtasksDone: true }, saved: true })).toContain('workstreams and their sub-tasks must be done');
  });

  it("leaves the project's KPI minimums and owner rule in charge unless the form overrides them", () => {
    const form = { ...formFromConfig(DEFAULT_GATE_CONFIG), useProjectKpiMinimums: true, operational: 'x', ownerAcceptance: 'project' as const };
    const result = configFromForm(form);
    expect(result).toEqual({ ok: true, config: { scopeLabel: 'ai-initiative', requireWorkstreamsDone: false } });
  });

  it('refuses a label with a space and KPI minimums that are not whole numbers from 0 to 10, naming each field', () => {
    const form = { ...formFromConfig(DEFAULT_GATE_CONFIG), initiativeLabel: 'ai pilot', useProjectKpiMinimums: false, operational: '1.5', business: '11' };
    expect(configFromForm(form)).toEqual({
      ok: false,
      errors: {
        initiativeLabel: 'A Jira label has no spaces',
        operational: 'Operational KPIs must be a whole number from 0 to 10',
        business: 'Business KPIs must be at most 10',
      },
    });
  });
});
