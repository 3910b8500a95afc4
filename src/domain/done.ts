/**
 * Done is a milestone. While the epic is Done its handoff record is locked: no change is taken. An editor
 * may reopen it with a reason (audited); the first save after which every question is decided again
 * locks it again. An epic that reached Done with questions open (the gate was added later, or is not on
 * its workflow) is "Done without a decided handoff". Pure.
 */
import { changedItems } from './item-versions';
import type { HandoffRecord } from './record';
import type { Readiness, StatusCategoryKey } from './readiness-types';

export interface DoneState {
  /** The epic is Done and its handoff was not reopened: every change is refused. */
  locked: boolean;
  /** An editor reopened the handoff and it is not decided again yet. */
  reopened: boolean;
  /** The epic is Done with questions open, and nobody reopened the handoff to decide them. */
  undecided: boolean;
}

/** The epic is Done and nobody reopened its handoff: only reopening may change the record. */
export function isLocked(record: HandoffRecord | null, statusCategory: StatusCategoryKey): boolean {
  return statusCategory === 'done' && record?.reopened === undefined;
}

export function doneStateOf(record: HandoffRecord | null, statusCategory: StatusCategoryKey, readiness: Pick<Readiness, 'answered'>): DoneState {
  const locked = isLocked(record, statusCategory);
  return { locked, reopened: record?.reopened !== undefined, undecided: locked && !readiness.answered };
}

/**
 * The one change a locked handoff takes: recording when the pilot actually closed, while that date is
 * missing (the gate asks for it at Done; an epic that reached Done before that, or off the gate's workflow,
 * can still have it recorded). It is a fact about the past, not a decision: nothing else may change with it.
 */
export function fillsMissingCloseDate(before: HandoffRecord | null, after: HandoffRecord): boolean {
  if (!before || before.pilot.actualCloseDate || !after.pilot.actualCloseDate) return false;
  const items = changedItems(before, after);
  return (
    items.length === 1 &&
    items[0] === 'pilot' &&
    after.pilot.plannedCloseDate === before.pilot.plannedCloseDate &&
    after.ownership.pilotChampion?.accountId === before.ownership.pilotChampion?.accountId
  );
}

export function lockedMessage(key: string): string {
  return `${key} is Done, so its production handoff is locked. To change it, an editor reopens the handoff with a reason; it locks again once every question is decided.`;
}

/** After a change to a reopened handoff: once every question is decided again, the reopening ends (and the lock returns while the epic is Done). */
export function settleReopening(record: HandoffRecord, readiness: Pick<Readiness, 'answered'>): HandoffRecord {
  if (!record.reopened || !readiness.answered) return record;
  const { reopened: _ended, ...rest } = record;
  return rest;
}
