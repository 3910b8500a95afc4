import fc from 'fast-check';
import { markerValue, planWorkstreams, readMarker, ISSUE_SUMMARY_MAX } from './workstream-plan';
import { DEFAULT_WORKSTREAM_TEMPLATES } from './policy';
import { PRIYA } from './__fixtures__/records';

const epic = { id: '10001', key: 'AIP-12', summary: 'Claims triage assistant' };

describe('planWorkstreams', () => {
  it('plans one issue per enabled template, with the epic filled in and leads as assignees', () => {
    const templates = DEFAULT_WORKSTREAM_TEMPLATES.map((t) => (t.key === 'compliance-review' ? { ...t, enabled: false } : t));
    const plan = planWorkstreams({ epic, templates, existing: [], leads: { 'model-deployment': PRIYA } });
    expect(plan.toCreate.map((c) => c.workstream)).toEqual(['data-integration', 'model-deployment', 'stakeholder-alignment', 'production-kpis']);
    expect(plan.toCreate[0]).toEqual({ workstream: 'data-integration', summary: 'AIP-12 · Data integration for production', description: DEFAULT_WORKSTREAM_TEMPLATES[0].description });
    expect(plan.toCreate[1].assigneeAccountId).toBe(PRIYA.accountId);
    expect(plan.existing).toEqual([]);
  });
  it('skips workstreams that already have an issue, keeping the first one found', () => {
    const existing = [
      { workstream: 'data-integration' as const, issueId: '2', issueKey: 'AIP-20' },
      { workstream: 'data-integration' as const, issueId: '3', issueKey: 'AIP-21' },
    ];
    const plan = planWorkstreams({ epic, templates: DEFAULT_WORKSTREAM_TEMPLATES, existing, leads: {} });
    expect(plan.toCreate.map((c) => c.workstream)).not.toContain('data-integration');
    expect(plan.toCreate).toHaveLength(4);
    expect(plan.existing).toEqual([existing[0]]);
  });
  it('substitutes both placeholders literally and keeps the summary to one line of 255', () => {
    const templates = [{ key: 'data-integration' as const, titlePattern: '{epicKey}: {epicSummary} ({epicKey})', description: 'For {epicSummary}', enabled: true, subtasks: [] }];
    const plan = planWorkstreams({ epic: { ...epic, summary: 'Cost $& savings\nphase 2' }, templates, existing: [], leads: {} });
    expect(plan.toCreate[0].summary).toBe('AIP-12: Cost $& savings phase 2 (AIP-12)');
    expect(plan.toCreate[0].description).toBe('For Cost $& savings\nphase 2');
  });
  it('never plans a summary longer than Jira allows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (summary) => {
        const plan = planWorkstreams({ epic: { ...epic, summary }, templates: [{ ...DEFAULT_WORKSTREAM_TEMPLATES[0], titlePattern: '{epicSummary} {epicSummary}' }], existing: [], leads: {} });
        const s = plan.toCreate[0].summary;
        expect(s.length).toBeLessThanOrEqual(ISSUE_SUMMARY_MAX);
        expect(s).not.toMatch(/[\r\n]/);
      }),
    );
  });
});

describe('markerValue', () => {
  it('names the epic, the workstream and the app', () => {
    expect(markerValue('10001', 'AIP-12', 'model-deployment')).toEqual({ epicId: '10001', epicKey: 'AIP-12', workstream: 'model-deployment', app: 'production-handoff' });
  });
});

describe('readMarker', () => {
  it('reads back what markerValue writes, and an epic id Jira returns as a number', () => {
    expect(readMarker(markerValue('10001', 'AIP-12', 'model-deployment'))).toEqual({ epicId: '10001', workstream: 'model-deployment' });
    expect(readMarker({ epicId: 10001, workstream: 'compliance-review' })).toEqual({ epicId: '10001', workstream: 'compliance-review' });
  });
  it('refuses anything that is not a well-formed marker', () => {
    for (const value of [
      undefined,
      null,
      'data-integration',
      ['10001', 'data-integration'],
      {},
      { epicId: '10001' },
      { workstream: 'data-integration' },
      { epicId: '10001', workstream: 'Data integration' },
      { epicId: '10001', workstream: 'unknown' },
      { epicId: 'AIP-12', workstream: 'data-integration' },
      { epicId: '', workstream: 'data-integration' },
      { epicId: '10001 OR 1=1', workstream: 'data-integration' },
      { epicId: 1.5, workstream: 'data-integration' },
      { epicId: -3, workstream: 'data-integration' },
      { epicId: true, workstream: 'data-integration' },
      { epicId: { id: '10001' }, workstream: 'data-integration' },
    ]) {
      expect({ value, read: readMarker(value) }).toEqual({ value, read: undefined });
    }
  });
});
