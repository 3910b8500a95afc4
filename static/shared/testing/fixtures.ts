/** Views as the resolvers answer them, built with the domain's own functions (readiness is computed, not typed in). */
import { emptyRecord, type HandoffRecord } from '@src/domain/record';
import { defaultProjectSettings } from '@src/domain/policy';
import { computeReadiness, readinessPolicy } from '@src/domain/readiness';
import type { HandoffView, ResolverError, Result } from '@src/shared/contract';

export const ME = { accountId: 'user-1', displayName: 'Avery Admin' };

export function handoffView(version: number, change: (record: HandoffRecord) => void = () => undefined, canEdit = true): HandoffView {
  const record = version === 0 ? null : emptyRecord('10001', '2026-03-01T09:00:00.000Z', ME);
  if (record) {
    record.version = version;
    change(record);
  }
  const policy = readinessPolicy(defaultProjectSettings());
  return {
    epic: { id: '10001', key: 'AIP-1', summary: 'Claims triage assistant', statusName: 'In Progress', statusCategory: 'indeterminate', projectId: '10000', projectKey: 'AIP', isEpic: true },
    initiative: true,
    record,
    version,
    readiness: computeReadiness(record, { key: 'AIP-1', statusCategory: 'indeterminate', today: '2026-03-02' }, policy),
    me: ME,
    permissions: { canEdit, canReopen: canEdit, canCreateIssues: canEdit, isOwner: false, isProjectAdmin: false },
    done: { locked: false, reopened: false, undecided: false },
    policy: { kpiMinimums: policy.kpiMinimums, shipSignalThreshold: policy.shipSignalThreshold, requireOwnerAcceptance: policy.requireOwnerAcceptance },
    kpiProgress: {},
    reminders: { dueNow: [] },
  };
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const failed = (error: ResolverError): Result<never> => ({ ok: false, error });
