/** The HandoffView the panel renders: epic, record, readiness, caller, permissions and policy. */
import { computeReadiness, readinessPolicy } from '../domain/readiness';
import { isoToday } from '../domain/dates';
import type { HandoffRecord, UserRef } from '../domain/record';
import type { ProjectSettings } from '../domain/policy';
import type { Readiness, WorkstreamFacts } from '../domain/readiness-types';
import type { HandoffView } from '../shared/contract';
import type { Permissions } from '../permissions';
import type { Epic } from './epic';

export interface ViewParts {
  epic: Epic;
  record: HandoffRecord | null;
  settings: ProjectSettings;
  me: UserRef;
  permissions: Permissions;
  timezone: string;
  workstreams?: WorkstreamFacts;
  now?: Date;
}

export function readinessOf(parts: Pick<ViewParts, 'epic' | 'record' | 'settings' | 'timezone' | 'workstreams' | 'now'>): Readiness {
  const today = isoToday(parts.now ?? new Date(), parts.timezone);
  return computeReadiness(parts.record, { key: parts.epic.key, statusCategory: parts.epic.statusCategory, today }, readinessPolicy(parts.settings), parts.workstreams);
}

export function buildView(parts: ViewParts, readiness: Readiness = readinessOf(parts)): HandoffView {
  const { epic, record, settings, me, permissions } = parts;
  const { labels: _labels, ...epicInfo } = epic;
  return {
    epic: epicInfo,
    record,
    version: record?.version ?? 0,
    readiness,
    me,
    permissions: {
      canEdit: permissions.EDIT_ISSUES,
      canCreateIssues: permissions.CREATE_ISSUES,
      isOwner: record?.ownership.deliveryOwner?.accountId === me.accountId,
      isProjectAdmin: permissions.ADMINISTER_PROJECTS,
    },
    policy: {
      kpiMinimums: { ...settings.kpiMinimums },
      shipSignalThreshold: settings.shipSignalThreshold,
      requireOwnerAcceptance: settings.requireOwnerAcceptance,
    },
  };
}
