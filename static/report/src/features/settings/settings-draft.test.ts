import { defaultProjectSettings } from '@src/domain/policy';
import { draftFrom, settingsFrom } from './settings-draft';

describe('the settings form: draft and settings', () => {
  it('gives back the settings it was opened with, the threshold as a percentage in between', () => {
    const settings = { ...defaultProjectSettings(), version: 4, shipSignalThreshold: 0.35, stallDays: 21 };
    const draft = draftFrom(settings);
    expect(draft.shipSignalPercent).toBe('35');
    expect(settingsFrom(draft)).toEqual({ ok: true, settings });
  });

  it('names every field that is not a whole number in its range, by its path in the settings', () => {
    const draft = { ...draftFrom(defaultProjectSettings()), operational: '1.5', business: '', shipSignalPercent: '101', stallDays: '0' };
    expect(settingsFrom(draft)).toEqual({
      ok: false,
      errors: {
        'kpiMinimums.operational': 'Operational KPIs must be a whole number',
        'kpiMinimums.business': 'Business KPIs must be a whole number',
        shipSignalThreshold: 'Ship-signal threshold must be between 0 and 100',
        stallDays: 'Stall threshold must be between 1 and 365',
      },
    });
  });

  it('carries the sub-task items of each template and where each condition kind\'s sub-task goes', () => {
    const defaults = defaultProjectSettings();
    const settings = {
      ...defaults,
      conditionWorkstreams: { ...defaults.conditionWorkstreams, permission: 'model-deployment' as const },
      workstreamTemplates: defaults.workstreamTemplates.map((t, i) => (i === 0 ? { ...t, subtasks: [...t.subtasks, { id: 'custom-1', summary: 'Lineage review', description: '', assignTo: 'nobody' as const }] } : t)),
    };
    expect(settingsFrom(draftFrom(settings))).toEqual({ ok: true, settings });
    const blank = draftFrom(settings);
    blank.workstreamTemplates[0].subtasks[2].summary = '  ';
    expect(settingsFrom(blank)).toEqual({ ok: false, errors: { 'workstreamTemplates.0.subtasks.2.summary': 'Sub-task summary is required' } });
  });

  it("says what the server's schema would say about the rest", () => {
    const result = settingsFrom({ ...draftFrom(defaultProjectSettings()), initiativeLabel: 'ai initiative' });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors)).toEqual(['initiativeLabel']);
  });
});
