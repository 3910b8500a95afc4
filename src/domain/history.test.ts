import { describeChange, diffRecords } from './history';
import { MARCUS, PRIYA, AT, condition, decision, kpi, readyRecord, record } from './__fixtures__/records';

describe('diffRecords', () => {
  it('reports a decision in product words', () => {
    const before = record({ conditions: [condition('c1', 'Direct claims DB access')] });
    const after = record({ conditions: [condition('c1', 'Direct claims DB access', 'permanent')] });
    expect(diffRecords(before, after)).toEqual([
      { field: "condition 'Direct claims DB access' decision", from: 'undecided', to: 'permanent' },
      { field: "condition 'Direct claims DB access' rationale", to: 'Needed in production' },
      { field: "condition 'Direct claims DB access' sustained by", to: 'Data platform team' },
    ]);
  });
  it('reports edits within one decision as field changes', () => {
    const before = record({ conditions: [condition('c1', 'A', 'withdrawn')] });
    const changed = { ...before.conditions[0], decision: { ...decision('withdrawn'), leadTimeDays: 45 } };
    expect(diffRecords(before, record({ conditions: [changed] }))).toEqual([{ field: "condition 'A' lead time (days)", from: 30, to: 45 }]);
  });
  it('reports added and removed items', () => {
    const before = record({ conditions: [condition('c1', 'Old')], kpis: [] });
    const after = record({ conditions: [condition('c2', 'New')], kpis: [kpi('k1', 'Claims handled per hour', 'latency')] });
    expect(diffRecords(before, after)).toEqual([
      { field: "condition 'Old'", to: 'removed' },
      { field: "condition 'New'", to: 'added' },
      { field: "KPI 'Claims handled per hour'", to: 'added' },
    ]);
  });
  it('reports KPI status, horizon and the metric it replaces by name', () => {
    const metric = { id: 'm1', name: 'Triage time', result: '42% faster' };
    const before = record({ pilotMetrics: [metric], kpis: [kpi('k1', 'Claims handled per hour', 'latency', { status: 'proposed', horizon: undefined })] });
    const after = record({ pilotMetrics: [metric], kpis: [kpi('k1', 'Claims handled per hour', 'latency', { horizon: { count: 2, unit: 'quarter' }, replacesMetricId: 'm1' })] });
    expect(diffRecords(before, after)).toEqual([
      { field: "KPI 'Claims handled per hour' status", from: 'proposed', to: 'agreed' },
      { field: "KPI 'Claims handled per hour' horizon", to: '2 quarters' },
      { field: "KPI 'Claims handled per hour' replaces", to: 'Triage time' },
    ]);
  });
  it('reports the delivery owner, acceptance, leads and workstream issues by name', () => {
    const before = record({ ownership: { deliveryOwner: MARCUS, accepted: { by: MARCUS, at: AT }, workstreamLeads: {} } });
    const after = record({ ownership: { deliveryOwner: PRIYA, workstreamLeads: { 'model-deployment': MARCUS } }, workstreams: { 'data-integration': { issueId: '2', issueKey: 'AIP-20' } } });
    expect(diffRecords(before, after)).toEqual([
      { field: 'delivery owner', from: 'Marcus Lee', to: 'Priya Raman' },
      { field: 'delivery owner acceptance', from: 'accepted', to: 'not accepted' },
      { field: "workstream 'Model deployment' lead", to: 'Marcus Lee' },
      { field: "workstream 'Data integration' issue", to: 'AIP-20' },
    ]);
  });
  it('treats a first save as changes from nothing and keeps values small', () => {
    const long = 'x'.repeat(500);
    const after = record({ pilot: { plannedCloseDate: '2026-04-01' }, conditions: [{ ...condition('c1', 'A'), details: long }] });
    expect(diffRecords(null, after)).toEqual([
      { field: 'pilot planned close date', to: '2026-04-01' },
      { field: "condition 'A'", to: 'added' },
    ]);
    const edited = record({ conditions: [{ ...condition('c1', 'A'), details: long }] });
    const [c] = diffRecords(record({ conditions: [condition('c1', 'A')] }), edited);
    expect(String(c.to).length).toBeLessThanOrEqual(120);
  });
  it('finds nothing between identical records', () => {
    expect(diffRecords(readyRecord(), readyRecord())).toEqual([]);
  });
  it('names each sub-task linked by what it stands for: a condition, a KPI or a template item', () => {
    const before = readyRecord();
    const [c] = before.conditions;
    const [k] = before.kpis;
    const after = { ...before, subtasks: { [`condition:${c.id}`]: { issueId: '20', issueKey: 'AIP-20' }, [`kpi:${k.id}`]: { issueId: '21', issueKey: 'AIP-21' }, 'template:compliance-review:model-card': { issueId: '22', issueKey: 'AIP-22' } } };
    expect(diffRecords(before, after)).toEqual([
      { field: `sub-task for condition '${c.name}'`, to: 'AIP-20' },
      { field: `sub-task for KPI '${k.name}'`, to: 'AIP-21' },
      { field: "sub-task 'Compliance review: model-card'", to: 'AIP-22' },
    ]);
  });
});

describe('describeChange', () => {
  it('spells out a single change', () => {
    expect(describeChange('decideCondition', [{ field: "condition 'A' decision", from: 'undecided', to: 'withdrawn' }])).toBe(
      "Decided a pilot condition: condition 'A' decision: undecided → withdrawn",
    );
    expect(describeChange('saveCondition', [{ field: "condition 'A'", to: 'added' }])).toBe("Saved a pilot condition: condition 'A': added");
    expect(describeChange('setOwner', [{ field: 'delivery owner', from: 'Priya Raman' }])).toBe('Named the delivery owner: delivery owner: cleared (was Priya Raman)');
  });
  it('lists the first three fields of many changes', () => {
    const changes = ['a', 'b', 'c', 'd', 'e'].map((field) => ({ field, to: 1 }));
    expect(describeChange('saveKpi', changes)).toBe('Saved a production KPI: a, b, c and 2 more');
    expect(describeChange('savePilot', [])).toBe('Updated the pilot timeline: no changes');
  });
  it('says workstream issues were linked, and a reopening with its reason', () => {
    expect(describeChange('createWorkstreams', [{ field: "workstream 'Data integration' issue", to: 'AIP-10' }])).toBe("Created workstream issues and sub-tasks: workstream 'Data integration' issue: AIP-10");
    expect(describeChange('reopenHandoff', [{ field: 'reopen reason', to: 'Compliance asked' }])).toBe('Reopened the handoff: reopen reason: Compliance asked');
  });
});
