import fc from 'fast-check';
import { defaultProjectSettings } from './policy';
import { emptyRecord, type HandoffRecord, type PilotCondition, type ProductionKpi } from './record';
import { planSubtasks, readSubtaskMarker, subtaskMarkerValue, wantedSubtasks, type WantedSubtask } from './subtask-plan';
import { ISSUE_SUMMARY_MAX } from './workstream-plan';
import { MARCUS as LEE, PRIYA } from './__fixtures__/records';

const epic = { id: '10001', key: 'AIP-12', summary: 'Claims triage assistant' };
const today = '2026-12-01';
const stamp = { by: LEE, at: '2026-11-30T10:00:00.000Z' };

const withdrawn = (id: string, kind: PilotCondition['kind'], productionPath: string, leadTimeDays: number): PilotCondition => ({
  id, kind, name: `Condition ${id}`, details: '', grantedBy: 'CIO',
  decision: { status: 'withdrawn', rationale: 'Not in production.', productionPath, leadTimeDays, decided: stamp },
});
const kpi = (id: string, over: Partial<ProductionKpi> = {}): ProductionKpi => ({
  id, name: `KPI ${id}`, category: 'latency', baseline: '2 s', target: '1 s', unit: 's', direction: 'lower-is-better', source: 'Serving metrics', owner: 'Priya Raman',
  horizon: { count: 2, unit: 'quarter' }, status: 'agreed', ...over,
});

function record(parts: Partial<HandoffRecord> = {}): HandoffRecord {
  return { ...emptyRecord(epic.id, stamp.at, LEE), ...parts };
}

const bySource = (wanted: WantedSubtask[], source: WantedSubtask['source']) => wanted.filter((w) => w.source === source);

describe('wantedSubtasks', () => {
  const settings = defaultProjectSettings();

  test('each enabled template item becomes a sub-task of its workstream, given to the lead, the delivery owner or nobody', () => {
    const templates = settings.workstreamTemplates.map((t) => (t.key === 'production-kpis' ? { ...t, enabled: false } : t));
    const r = record({ ownership: { workstreamLeads: { 'compliance-review': PRIYA }, deliveryOwner: LEE } });
    const wanted = bySource(wantedSubtasks({ epic, settings: { ...settings, workstreamTemplates: templates }, record: r, today }), 'template');
    const expected = templates.filter((t) => t.enabled).flatMap((t) => t.subtasks.map((s) => `template:${t.key}:${s.id}`));
    expect(wanted.map((w) => w.item)).toEqual(expected);
    expect(wanted.some((w) => w.workstream === 'production-kpis')).toBe(false);
    const pia = wanted.find((w) => w.item === 'template:compliance-review:privacy-impact-assessment')!;
    expect(pia).toMatchObject({ workstream: 'compliance-review', summary: 'Privacy impact assessment', assignee: PRIYA });
    expect(wanted.find((w) => w.item === 'template:compliance-review:governance-sign-off')?.assignee).toEqual(LEE);
    // No lead named for model deployment: its lead's items are unassigned.
    expect(wanted.find((w) => w.item === 'template:model-deployment:rollback-plan')?.assignee).toBeUndefined();
    const nobody = { ...templates[0], subtasks: [{ id: 'x', summary: 'Anyone', description: '', assignTo: 'nobody' as const }] };
    const r2 = record({ ownership: { workstreamLeads: { 'data-integration': PRIYA } } });
    expect(wantedSubtasks({ epic, settings: { ...settings, workstreamTemplates: [nobody] }, record: r2, today })[0].assignee).toBeUndefined();
  });

  test('each withdrawn condition yields "Set up <production path>" under its workstream, due after its lead time', () => {
    const r = record({
      conditions: [
        withdrawn('c1', 'data-access', 'Standard data request to the claims platform', 30),
        withdrawn('c2', 'permission', 'Change advisory board approval', 1),
        withdrawn('c3', 'stakeholder-access', 'Monthly finance-operations review', 0),
        { ...withdrawn('c4', 'tooling', 'x', 3), decision: { status: 'undecided' } },
        { ...withdrawn('c5', 'decision-speed', 'x', 3), decision: { status: 'permanent', rationale: 'Kept.', sustainedBy: 'COO', decided: stamp } },
      ],
      ownership: { workstreamLeads: { 'data-integration': PRIYA } },
    });
    const wanted = bySource(wantedSubtasks({ epic, settings, record: r, today }), 'condition');
    expect(wanted.map((w) => [w.item, w.workstream, w.summary, w.dueDate])).toEqual([
      ['condition:c1', 'data-integration', 'Set up Standard data request to the claims platform (expected lead time 30 days)', '2026-12-31'],
      ['condition:c2', 'compliance-review', 'Set up Change advisory board approval (expected lead time 1 day)', '2026-12-02'],
      ['condition:c3', 'stakeholder-alignment', 'Set up Monthly finance-operations review (expected lead time 0 days)', '2026-12-01'],
    ]);
    expect(wanted[0].assignee).toEqual(PRIYA);
    expect(wanted[0].description).toContain('Condition c1');
    // The admin maps permission conditions to another workstream.
    const mapped = wantedSubtasks({ epic, settings: { ...settings, conditionWorkstreams: { ...settings.conditionWorkstreams, permission: 'model-deployment' } }, record: r, today });
    expect(mapped.find((w) => w.item === 'condition:c2')?.workstream).toBe('model-deployment');
  });

  test('each agreed KPI yields "Instrument <KPI> from <source>" under production KPIs, for its owner', () => {
    const r = record({ kpis: [kpi('k1'), kpi('k2', { status: 'proposed' }), kpi('k3', { source: '', owner: '' })] });
    const wanted = bySource(wantedSubtasks({ epic, settings, record: r, today }), 'kpi');
    expect(wanted.map((w) => [w.item, w.workstream, w.summary, w.kpiOwner])).toEqual([
      ['kpi:k1', 'production-kpis', 'Instrument KPI k1 from Serving metrics', 'Priya Raman'],
      ['kpi:k3', 'production-kpis', 'Instrument KPI k3 (no data source named yet)', undefined],
    ]);
    expect(wanted[0].dueDate).toBeUndefined();
  });

  test('no record, no decisions: only the template items', () => {
    const wanted = wantedSubtasks({ epic, settings, record: null, today });
    expect(wanted.every((w) => w.source === 'template')).toBe(true);
    expect(wanted.length).toBe(settings.workstreamTemplates.reduce((n, t) => n + t.subtasks.length, 0));
  });

  test('every summary is one line Jira accepts, whatever the production path or KPI is called', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ maxLength: 200 }), (text, source) => {
        const r = record({ conditions: [withdrawn('c1', 'other', text.trim() || 'x', 3650)], kpis: [kpi('k1', { name: text.trim() || 'x', source })] });
        for (const w of wantedSubtasks({ epic, settings, record: r, today })) {
          expect(w.summary.length).toBeLessThanOrEqual(ISSUE_SUMMARY_MAX);
          expect(w.summary).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });
});

describe('planSubtasks', () => {
  const settings = defaultProjectSettings();
  const r = record({ conditions: [withdrawn('c1', 'data-access', 'Standard data request', 30), withdrawn('c2', 'permission', 'CAB approval', 5)], kpis: [kpi('k1')] });
  const wanted = wantedSubtasks({ epic, settings, record: r, today });
  const all = new Set(settings.workstreamTemplates.map((t) => t.key));

  test('creates what has no sub-task yet, never one that exists', () => {
    const first = planSubtasks({ wanted, existing: [], available: all });
    expect(first.toCreate).toHaveLength(wanted.length);
    const again = planSubtasks({ wanted, existing: wanted.map((w) => w.item), available: all });
    expect(again).toEqual({ toCreate: [], blocked: [], noLongerNeeded: [] });
    const oneMore = planSubtasks({ wanted, existing: wanted.filter((w) => w.item !== 'condition:c2').map((w) => w.item), available: all });
    expect(oneMore.toCreate.map((w) => w.item)).toEqual(['condition:c2']);
  });

  test('an item whose workstream is turned off and has no issue is blocked with a message naming the setting', () => {
    const available = new Set([...all].filter((k) => k !== 'compliance-review'));
    const plan = planSubtasks({ wanted: wanted.filter((w) => w.source !== 'template' || w.workstream !== 'compliance-review'), existing: [], available });
    expect(plan.toCreate.map((w) => w.item)).not.toContain('condition:c2');
    expect(plan.blocked).toEqual([{ item: 'condition:c2', workstream: 'compliance-review', summary: wanted.find((w) => w.item === 'condition:c2')!.summary, message: expect.stringMatching(/Compliance review workstream is turned off in the project settings/) }]);
    expect(plan.blocked[0].message).toMatch(/permission conditions/);
  });

  test('a sub-task whose item is no longer wanted (condition undecided again, KPI back to proposed, item removed) is no longer needed, never deleted', () => {
    const plan = planSubtasks({ wanted, existing: ['condition:c9', 'kpi:k7', 'template:compliance-review:gone', 'condition:c1'], available: all });
    expect(plan.noLongerNeeded).toEqual(['condition:c9', 'kpi:k7', 'template:compliance-review:gone']);
    expect(plan.toCreate.map((w) => w.item)).not.toContain('condition:c1');
  });
});

describe('sub-task markers', () => {
  test('read back what is written; anything else is refused', () => {
    expect(readSubtaskMarker(subtaskMarkerValue('10001', 'AIP-12', 'data-integration', 'condition:c1'))).toEqual({ epicId: '10001', workstream: 'data-integration', item: 'condition:c1' });
    expect(readSubtaskMarker({ epicId: 10001, workstream: 'production-kpis', item: 'kpi:k1' })).toEqual({ epicId: '10001', workstream: 'production-kpis', item: 'kpi:k1' });
    for (const value of [null, 'x', {}, { epicId: '10001', workstream: 'data-integration' }, { epicId: '10001', workstream: 'data-integration', item: 'condition:' }, { epicId: 'AIP-1', workstream: 'data-integration', item: 'kpi:k1' }, { epicId: '10001', workstream: 'nope', item: 'kpi:k1' }, { epicId: '10001', workstream: 'data-integration', item: 'kpi:k1" OR x' }]) {
      expect({ value, read: readSubtaskMarker(value) }).toEqual({ value, read: undefined });
    }
  });
});
