/**
 * An epic moving into or out of Done changes its readiness level (shipped, or back to what its record
 * says) without any save. The issue-event trigger records the move in the audit trail with the readiness
 * before and after it, so the trail alone tells when an initiative shipped or was taken back. Pure.
 */
import type { AuditEntry, HandoffRecord, UserRef } from './record';
import type { ProjectSettings } from './policy';
import type { StatusCategoryKey } from './readiness-types';
import { readinessOf } from './readiness';
import { trailReadiness } from './flow-history';

export interface DoneMove {
  from: { name: string; category: StatusCategoryKey };
  to: { name: string; category: StatusCategoryKey };
  /** ISO time of the move (UTC). */
  at: string;
  by: UserRef;
}

export interface DoneMoveFacts {
  epic: { id: string; key: string; projectId: string };
  record: HandoffRecord | null;
  settings: ProjectSettings;
  move: DoneMove;
}

/** The audit entry for a status change that crossed Done; undefined for any other change, or an epic without a record. */
export function doneMoveEntry({ epic, record, settings, move }: DoneMoveFacts): AuditEntry | undefined {
  const intoDone = move.to.category === 'done';
  if (!record || intoDone === (move.from.category === 'done')) return undefined;
  const today = move.at.slice(0, 10);
  const levelIn = (statusCategory: StatusCategoryKey) => readinessOf({ record, epic: { key: epic.key, statusCategory }, settings, today });
  return {
    version: record.version,
    at: move.at,
    by: move.by,
    action: 'epicStatus',
    summary: `Moved ${intoDone ? 'into' : 'out of'} Done: ${move.from.name} → ${move.to.name}`,
    changes: [{ field: 'epic status', from: move.from.name, to: move.to.name }],
    projectId: epic.projectId,
    issueId: epic.id,
    issueKey: epic.key,
    readiness: trailReadiness(levelIn(move.from.category), levelIn(move.to.category)),
  };
}
