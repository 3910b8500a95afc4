import { DecisionInput } from '@src/shared/contract';
import type { Decision } from '@src/domain/record';
import { draftOf, inputOf } from './decision-draft';

const decided = { by: { accountId: 'user-1', displayName: 'Avery Admin' }, at: '2026-03-01T09:00:00.000Z' };

describe('the decision controls: draft and input', () => {
  it("keeps a permanent decision's review date through the form and back", () => {
    const decision: Decision = { status: 'permanent', rationale: 'Vendor contract renewed', sustainedBy: 'Data platform team', reviewDate: '2026-09-30', decided };
    expect(draftOf(decision).reviewDate).toBe('2026-09-30');
    expect(DecisionInput.parse(inputOf(draftOf(decision)))).toEqual({ status: 'permanent', rationale: 'Vendor contract renewed', sustainedBy: 'Data platform team', reviewDate: '2026-09-30' });
  });

  it('leaves an empty review date out rather than sending a blank one', () => {
    const draft = { ...draftOf({ status: 'undecided' }), status: 'permanent' as const, rationale: 'Kept', sustainedBy: 'Ops' };
    expect(inputOf(draft)).toEqual({ status: 'permanent', rationale: 'Kept', sustainedBy: 'Ops' });
  });

  it('sends only the chosen status’s fields', () => {
    const draft = { status: 'withdrawn' as const, rationale: 'Standard path is enough', sustainedBy: 'left over', reviewDate: '2026-09-30', productionPath: 'Standard data request', leadTimeDays: '20' };
    expect(DecisionInput.parse(inputOf(draft))).toEqual({ status: 'withdrawn', rationale: 'Standard path is enough', productionPath: 'Standard data request', leadTimeDays: 20 });
    expect(inputOf({ ...draft, status: 'undecided' })).toEqual({ status: 'undecided' });
  });

  it('turns a withdrawn decision’s lead time into text and back into whole days', () => {
    const decision: Decision = { status: 'withdrawn', rationale: 'r', productionPath: 'p', leadTimeDays: 0, decided };
    expect(draftOf(decision).leadTimeDays).toBe('0');
    expect(DecisionInput.parse(inputOf(draftOf(decision)))).toMatchObject({ leadTimeDays: 0 });
  });

  it('refuses a blank lead time as not a number instead of reading it as 0 days', () => {
    const parsed = DecisionInput.safeParse(inputOf({ ...draftOf({ status: 'undecided' }), status: 'withdrawn', rationale: 'r', productionPath: 'p', leadTimeDays: '  ' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['leadTimeDays'], message: 'Lead time must be a number of days' });
  });
});
