import fc from 'fast-check';
import { couldNotVerifyMessage, decideGate, GATE_MESSAGE_MAX, isInScope, type GateInput } from './gate';
import { defaultProjectSettings, type GateConfig } from './policy';
import { LIMITS } from './record';
import { PRIYA, condition, readyRecord, record, arbText } from './__fixtures__/records';

const config: GateConfig = { scopeLabel: 'ai-initiative', requireWorkstreamsDone: false };
const input = (over: Partial<GateInput> = {}): GateInput => ({
  epic: { key: 'AIP-12', isEpic: true, labels: [], statusCategory: 'indeterminate' },
  record: readyRecord(),
  config,
  settings: defaultProjectSettings(),
  today: '2026-03-10',
  ...over,
});

describe('decideGate: scope', () => {
  it('lets an issue that is not an epic pass, even with the label or an emptied record', () => {
    expect(decideGate(input({ epic: { key: 'AIP-3', isEpic: false, labels: ['ai-initiative'], statusCategory: 'new' }, record: record() }))).toEqual({ result: true });
  });
  it('keeps any issue with a handoff in scope whatever its type, and says how to decide it', () => {
    const d = decideGate(input({ epic: { key: 'AIP-3', isEpic: false, labels: [], statusCategory: 'indeterminate' }, record: record({ conditions: [condition('a', 'Vendor sandbox')] }) }));
    expect(d).toEqual({ result: false, errorMessage: expect.stringContaining('1 pilot condition has no decision (Vendor sandbox)') });
    expect(d.errorMessage).toMatch(/AIP-3 had its handoff started as an epic: change it back to an epic and decide them in the Production Handoff panel\.$/);
    expect(decideGate(input({ epic: { key: 'AIP-3', isEpic: false, labels: [], statusCategory: 'indeterminate' } }))).toEqual({ result: true });
    expect(decideGate(input({ epic: { key: 'AIP-3', isEpic: false, labels: [], statusCategory: 'new' }, unreadableConfig: { problem: 'x' } })).result).toBe(false);
  });
  it('lets an epic without a record or the scope label pass', () => {
    expect(decideGate(input({ record: null }))).toEqual({ result: true });
  });
  it('puts an epic with the scope label in scope before it has a record', () => {
    const d = decideGate(input({ record: null, epic: { key: 'AIP-12', isEpic: true, labels: ['ai-initiative'], statusCategory: 'new' } }));
    expect(d.result).toBe(false);
    expect(d.errorMessage).toContain('no pilot conditions are recorded yet');
  });
  it('ignores labels when the scope label is empty', () => {
    const d = decideGate(input({ record: null, config: { ...config, scopeLabel: '  ' }, epic: { key: 'AIP-12', isEpic: true, labels: [''], statusCategory: 'new' } }));
    expect(d).toEqual({ result: true });
  });
});

describe('decideGate: what brings an epic into scope', () => {
  it('a record emptied by removals does not: only a record that holds something does', () => {
    expect(decideGate(input({ record: record() }))).toEqual({ result: true });
    expect(isInScope(input().epic, record({ conditions: [condition('a', 'Vendor sandbox')] }), config)).toBe(true);
    expect(isInScope(input().epic, record({ ownership: { pilotChampion: PRIYA, workstreamLeads: {} } }), config)).toBe(true);
    expect(isInScope(input().epic, record({ workstreams: { 'data-integration': { issueId: '1', issueKey: 'AIP-9' } } }), config)).toBe(true);
    expect(isInScope({ key: 'AIP-12', isEpic: true, labels: ['ai-initiative'], statusCategory: 'new' }, record(), config)).toBe(true);
  });
});

describe('decideGate: an unreadable configuration', () => {
  const unreadable = (scopeLabel?: string) => ({ problem: 'unknown setting requireSecurityReview', ...(scopeLabel !== undefined ? { scopeLabel } : {}) });
  it('blocks an epic with the readable scope label, or with a record, and says why', () => {
    const labelled = decideGate(input({ record: null, unreadableConfig: unreadable('genai'), epic: { key: 'AIP-12', isEpic: true, labels: ['genai'], statusCategory: 'new' } }));
    expect(labelled).toEqual({ result: false, errorMessage: expect.stringContaining("could not be verified: the gate's configuration could not be read (unknown setting requireSecurityReview)") });
    expect(decideGate(input({ unreadableConfig: unreadable('genai') })).result).toBe(false);
  });
  it('lets an epic pass that no reading of the configuration puts in scope, and any other issue', () => {
    expect(decideGate(input({ record: null, unreadableConfig: unreadable('genai') }))).toEqual({ result: true });
    expect(decideGate(input({ record: null, unreadableConfig: unreadable(), epic: { key: 'AIP-3', isEpic: false, labels: [], statusCategory: 'new' } }))).toEqual({ result: true });
  });
  it('blocks every epic when even the scope label is unreadable', () => {
    expect(decideGate(input({ record: null, unreadableConfig: unreadable() })).result).toBe(false);
  });
});

describe('decideGate: decision', () => {
  it('passes a decided epic', () => {
    expect(decideGate(input())).toEqual({ result: true });
  });
  it('judges the epic as not yet done, even if Jira already reports it done', () => {
    const d = decideGate(input({ record: record({ conditions: [condition('a', 'Vendor sandbox')] }), epic: { key: 'AIP-12', isEpic: true, labels: [], statusCategory: 'done' } }));
    expect(d.result).toBe(false);
  });
  it('names exactly what is missing and where to decide it', () => {
    const rec = { ...readyRecord(), conditions: [condition('a', 'Direct claims DB access'), condition('b', 'Weekly sponsor review')], kpis: [readyRecord().kpis[0]] };
    expect(decideGate(input({ record: rec })).errorMessage).toBe(
      'Production handoff for AIP-12 is not decided: 2 pilot conditions have no decision (Direct claims DB access, Weekly sponsor review); ' +
        'no agreed business KPI with a time horizon. Decide them in the Production Handoff panel on AIP-12.',
    );
  });
  it('keeps the owner’s name capitalised mid-sentence', () => {
    const rec = { ...readyRecord(), ownership: { deliveryOwner: PRIYA, workstreamLeads: {} } };
    expect(decideGate(input({ record: rec })).errorMessage).toBe(
      'Production handoff for AIP-12 is not decided: Priya Raman has not yet accepted delivery ownership. Decide them in the Production Handoff panel on AIP-12.',
    );
  });
  it('applies the gate’s own policy: KPI minimums, acceptance and workstreams', () => {
    const rec = { ...readyRecord(), ownership: { deliveryOwner: PRIYA, workstreamLeads: {} } };
    const gate: GateConfig = { ...config, requireOwnerAcceptance: false, kpiMinimums: { operational: 1, business: 2 }, requireWorkstreamsDone: true };
    const d = decideGate(input({ record: rec, config: gate, workstreams: { total: 5, done: 2, subtasksTotal: 19, subtasksDone: 12 } }));
    expect(d.errorMessage).toBe(
      'Production handoff for AIP-12 is not decided: needs 2 agreed business KPIs with a time horizon, 1 so far; 3 of 5 workstreams are not done. Decide them in the Production Handoff panel on AIP-12.',
    );
    // The workstreams policy can require every sub-task done as well.
    const strict = decideGate(input({ record: readyRecord(), config: { ...config, requireWorkstreamsDone: true, requireSubtasksDone: true }, workstreams: { total: 5, done: 5, subtasksTotal: 19, subtasksDone: 12 } }));
    expect(strict.errorMessage).toBe('Production handoff for AIP-12 is not decided: 7 of 19 sub-tasks are not done. Decide them in the Production Handoff panel on AIP-12.');
    expect(decideGate(input({ record: readyRecord(), config: { ...config, requireWorkstreamsDone: true }, workstreams: { total: 5, done: 5, subtasksTotal: 19, subtasksDone: 12 } })).result).toBe(true);
  });
  it('truncates long name lists to five and counts the rest', () => {
    const rec = { ...readyRecord(), conditions: Array.from({ length: 8 }, (_, i) => condition(`c${i}`, `Condition ${i}`)) };
    expect(decideGate(input({ record: rec })).errorMessage).toContain('8 pilot conditions have no decision (Condition 0, Condition 1, Condition 2, Condition 3, Condition 4 and 3 more)');
  });
  it('stays within the message limit for the largest records', () => {
    fc.assert(
      fc.property(fc.array(arbText(LIMITS.shortText), { minLength: 1, maxLength: LIMITS.conditions }), arbText(LIMITS.shortText), (names, ownerName) => {
        const rec = { ...record(), conditions: names.map((n, i) => condition(`c${i}`, n)), ownership: { deliveryOwner: { accountId: 'x', displayName: ownerName }, workstreamLeads: {} } };
        const gate: GateConfig = { ...config, requireWorkstreamsDone: true, kpiMinimums: { operational: 10, business: 10 } };
        const d = decideGate(input({ record: rec, config: gate, epic: { key: 'LONGPROJECTKEY-123456', isEpic: true, labels: [], statusCategory: 'new' } }));
        expect(d.result).toBe(false);
        expect(d.errorMessage!.length).toBeLessThanOrEqual(GATE_MESSAGE_MAX);
        expect(d.errorMessage).toMatch(/^Production handoff for LONGPROJECTKEY-123456 is not decided: \d+ pilot condition/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('couldNotVerifyMessage', () => {
  it('says the record could not be read and nothing changed', () => {
    expect(couldNotVerifyMessage('AIP-12')).toBe(
      'Production handoff for AIP-12 could not be verified (the app could not read its records). Nothing was changed; try the transition again in a minute.',
    );
  });
});
