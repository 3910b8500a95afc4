import { computeReadiness } from './readiness';
import { nextStep } from './next-step';
import { POLICY, readyRecord, record } from './__fixtures__/records';

const epic = { key: 'AIP-1', statusCategory: 'indeterminate' as const, today: '2026-12-01' };

describe('nextStep', () => {
  it('starts with the pilot conditions when nothing is recorded', () => {
    expect(nextStep(computeReadiness(null, epic, POLICY))).toContain('pilot conditions');
    expect(nextStep(computeReadiness(record(), epic, POLICY))).toContain('pilot conditions');
  });
  it('asks for Done once every answer is in, and says shipped when the epic is done', () => {
    expect(nextStep(computeReadiness(readyRecord(), epic, POLICY))).toContain('move the epic to Done');
    expect(nextStep(computeReadiness(readyRecord(), { ...epic, statusCategory: 'done' }, POLICY))).toMatch(/^Shipped/);
  });
  it("asks for the pilot's actual close date before Done when it is missing", () => {
    expect(nextStep(computeReadiness(readyRecord(), epic, POLICY), { closeDateMissing: true })).toBe(
      "Record when the pilot actually closed (the panel's header asks for it), then move the epic to Done.",
    );
    expect(nextStep(computeReadiness(readyRecord(), { ...epic, statusCategory: 'done' }, POLICY), { closeDateMissing: true })).toBe(
      "Shipped. Record when the pilot actually closed (the panel's header asks for it), and keep the production KPIs reviewed at their review dates.",
    );
  });
  it('names the step for the first missing answer', () => {
    const noOwner = readyRecord();
    noOwner.ownership = { workstreamLeads: {} };
    expect(nextStep(computeReadiness(noOwner, epic, POLICY))).toBe('Name the delivery owner in the Production Handoff panel.');
  });
});
