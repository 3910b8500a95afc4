/** The HandoffView the panel renders: epic, record, readiness, caller, permissions and policy. */
import { readinessOf } from '../domain/readiness';
import { isoToday } from '../domain/dates';
import { doneStateOf } from '../domain/done';
import { isBlankRecord, type HandoffRecord, type UserRef } from '../domain/record';
import { isInitiative, type ProjectSettings } from '../domain/policy';
import type { Readiness, WorkstreamFacts } from '../domain/readiness-types';
import type { HandoffView } from '../shared/contract';
import type { Epic } from '../jira';
import type { Permissions } from '../kernel';
import { kpiProgress } from '../domain/kpi-progress';
import { digestReadings } from '../domain/kpi-facts';
import { reminderInputFor } from '../domain/reminders';
import { readSent, reminderLine } from '../domain/reminder-ledger';

export interface ViewParts {
  epic: Epic;
  record: HandoffRecord | null;
  settings: ProjectSettings;
  me: UserRef;
  permissions: Permissions;
  timezone: string;
  workstreams?: WorkstreamFacts;
  now?: Date;
  /** The epic's record of reminders sent (an issue property, as Jira holds it). */
  sent?: unknown;
}

/** Readiness as the viewer sees it: "today" in their time zone. */
export function viewReadiness(parts: Pick<ViewParts, 'epic' | 'record' | 'settings' | 'timezone' | 'workstreams' | 'now'>): Readiness {
  return readinessOf({ ...parts, today: isoToday(parts.now ?? new Date(), parts.timezone) });
}

export function buildView(parts: ViewParts, readiness: Readiness = viewReadiness(parts)): HandoffView {
  const { epic, record, settings, me, permissions } = parts;
  const done = doneStateOf(record, epic.statusCategory, readiness);
  const { labels: _labels, ...epicInfo } = epic;
  return {
    epic: epicInfo,
    initiative: !isBlankRecord(record) || isInitiative(epic, settings),
    record,
    version: record?.version ?? 0,
    readiness,
    done,
    ...(parts.workstreams ? { workstreams: { ...parts.workstreams } } : {}),
    me,
    permissions: {
      canEdit: permissions.EDIT_ISSUES && !done.locked,
      canReopen: permissions.EDIT_ISSUES && done.locked,
      canCreateIssues: permissions.CREATE_ISSUES,
      isOwner: record?.ownership.deliveryOwner?.accountId === me.accountId,
      isProjectAdmin: permissions.ADMINISTER_PROJECTS,
    },
    policy: {
      kpiMinimums: { ...settings.kpiMinimums },
      shipSignalThreshold: settings.shipSignalThreshold,
      requireOwnerAcceptance: settings.requireOwnerAcceptance,
    },
    kpiProgress: kpiStatuses(parts),
    reminders: reminderLine(
      // Reminders count days in UTC, as the daily run does.
      reminderInputFor({ issueId: epic.id, key: epic.key, summary: epic.summary, statusCategory: epic.statusCategory, url: '' }, record, settings, isoToday(parts.now ?? new Date(), 'UTC')),
      readSent(parts.sent),
    ),
  };
}

/** Each KPI's progress on the viewer's day, from the record's digest of its readings (as the report's tally). */
function kpiStatuses(parts: ViewParts): HandoffView['kpiProgress'] {
  const today = isoToday(parts.now ?? new Date(), parts.timezone);
  const readings = digestReadings(parts.record);
  return Object.fromEntries(
    (parts.record?.kpis ?? []).map((k) => {
      const p = kpiProgress(k, readings.filter((r) => r.kpiId === k.id), today);
      return [k.id, { status: p.status, sentence: p.sentence }];
    }),
  );
}
