/**
 * The handoff record: one per epic, keyed by the epic's issue id (keys change when an issue moves).
 * Pure data and its validation; no platform code. Limits keep a record well inside Forge storage's
 * 240 KiB per value even at the maximum counts (see LIMITS and record-size tests).
 */
import { z } from 'zod';

export const LIMITS = {
  shortText: 200,
  longText: 2000,
  conditions: 40,
  pilotMetrics: 20,
  kpis: 40,
  /** Serialized record ceiling, well under KVS's 240 KiB a value. */
  recordBytes: 160 * 1024,
  /** Issue-property ceiling from Jira is 32,768 characters; the summary stays far below it. */
  summaryChars: 4096,
  leadTimeDays: 3650,
  horizonCount: 40,
  /** Sub-task items per workstream template. */
  templateSubtasks: 10,
} as const;

const trimmed = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` });
const required = (max: number, label: string) => trimmed(max, label).min(1, { error: `${label} is required` });

/** A YYYY-MM-DD that names a day in the calendar: Date.parse rolls 2026-02-30 into March, so the day must survive a round trip. */
export function isCalendarDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z
  .string({ error: 'Date must be text' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date must look like 2026-03-31' })
  .refine(isCalendarDate, { error: (issue) => `${String(issue.input)} is not a date in the calendar` });
export type IsoDate = z.infer<typeof IsoDate>;

export const Id = z.string().regex(/^[a-z0-9-]{1,40}$/i, { error: 'Invalid id' });
export const AccountId = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, { error: 'Invalid Jira account id' });

/** A Jira user as the record remembers them (display name kept for briefs and history). */
export const UserRef = z.object({ accountId: AccountId, displayName: trimmed(LIMITS.shortText, 'Name') }).strict();
export type UserRef = z.infer<typeof UserRef>;

export const CONDITION_KINDS = ['permission', 'data-access', 'stakeholder-access', 'decision-speed', 'tooling', 'other'] as const;
export const ConditionKind = z.enum(CONDITION_KINDS, { error: 'Pick a condition kind' });
export type ConditionKind = z.infer<typeof ConditionKind>;

/** Server-set stamp: who decided and when. Never taken from a client. */
export const Stamp = z.object({ by: UserRef, at: z.string() }).strict();
export type Stamp = z.infer<typeof Stamp>;

export const Decision = z.discriminatedUnion('status', [
  z.object({ status: z.literal('undecided') }).strict(),
  z
    .object({
      status: z.literal('permanent'),
      rationale: required(LIMITS.longText, 'Rationale'),
      /** Who sustains the condition for the production team. */
      sustainedBy: required(LIMITS.shortText, 'Who sustains it'),
      reviewDate: IsoDate.optional(),
      decided: Stamp,
    })
    .strict(),
  z
    .object({
      status: z.literal('withdrawn'),
      rationale: required(LIMITS.longText, 'Rationale'),
      /** The production path that replaces the pilot's exception, e.g. "standard data request". */
      productionPath: required(LIMITS.shortText, 'Production path'),
      leadTimeDays: z
        .number({ error: 'Lead time must be a number of days' })
        .int({ error: 'Lead time must be whole days' })
        .min(0, { error: 'Lead time cannot be negative' })
        .max(LIMITS.leadTimeDays, { error: `Lead time must be at most ${LIMITS.leadTimeDays} days` }),
      decided: Stamp,
    })
    .strict(),
]);
export type Decision = z.infer<typeof Decision>;
export type DecisionStatus = Decision['status'];

export const PilotCondition = z
  .object({
    id: Id,
    kind: ConditionKind,
    /** What the exception was, e.g. "Direct read access to the claims database". */
    name: required(LIMITS.shortText, 'Condition'),
    details: trimmed(LIMITS.longText, 'Details').default(''),
    grantedBy: trimmed(LIMITS.shortText, 'Granted by').default(''),
    decision: Decision,
  })
  .strict();
export type PilotCondition = z.infer<typeof PilotCondition>;

export const PilotMetric = z
  .object({
    id: Id,
    name: required(LIMITS.shortText, 'Metric name'),
    /** The result the pilot showed, e.g. "42% faster triage on 300 claims". */
    result: trimmed(LIMITS.shortText, 'Pilot result').default(''),
  })
  .strict();
export type PilotMetric = z.infer<typeof PilotMetric>;

export const OPERATIONAL_CATEGORIES = ['reliability', 'latency', 'error-rate', 'delivery-frequency', 'model-quality'] as const;
export const BUSINESS_CATEGORIES = ['business-outcome', 'adoption', 'cost'] as const;
export const KPI_CATEGORIES = [...OPERATIONAL_CATEGORIES, ...BUSINESS_CATEGORIES] as const;
export const KpiCategory = z.enum(KPI_CATEGORIES, { error: 'Pick a KPI category' });
export type KpiCategory = z.infer<typeof KpiCategory>;
export const isBusinessCategory = (c: KpiCategory): boolean => (BUSINESS_CATEGORIES as readonly string[]).includes(c);

export const HORIZON_UNITS = ['month', 'quarter'] as const;
export const Horizon = z
  .object({
    count: z
      .number({ error: 'Horizon must be a number' })
      .int({ error: 'Horizon must be a whole number' })
      .min(1, { error: 'Horizon must be at least 1' })
      .max(LIMITS.horizonCount, { error: `Horizon must be at most ${LIMITS.horizonCount}` }),
    unit: z.enum(HORIZON_UNITS, { error: 'Horizon unit must be month or quarter' }),
  })
  .strict();
export type Horizon = z.infer<typeof Horizon>;

const KPI_STATUSES = ['proposed', 'agreed'] as const;
export const ProductionKpi = z
  .object({
    id: Id,
    name: required(LIMITS.shortText, 'KPI name'),
    category: KpiCategory,
    /** The pilot metric this KPI replaces (id of a PilotMetric), if any. */
    replacesMetricId: Id.optional(),
    baseline: trimmed(LIMITS.shortText, 'Baseline').default(''),
    target: trimmed(LIMITS.shortText, 'Target').default(''),
    unit: trimmed(LIMITS.shortText, 'Unit').default(''),
    direction: z.enum(['higher-is-better', 'lower-is-better'], { error: 'Pick a direction' }),
    source: trimmed(LIMITS.shortText, 'Data source').default(''),
    owner: trimmed(LIMITS.shortText, 'KPI owner').default(''),
    horizon: Horizon.optional(),
    firstReviewDate: IsoDate.optional(),
    status: z.enum(KPI_STATUSES, { error: 'Status must be proposed or agreed' }),
  })
  .strict();
export type ProductionKpi = z.infer<typeof ProductionKpi>;

export const WORKSTREAM_KEYS = [
  'data-integration',
  'model-deployment',
  'compliance-review',
  'stakeholder-alignment',
  'production-kpis',
] as const;
export const WorkstreamKey = z.enum(WORKSTREAM_KEYS, { error: 'Unknown workstream' });
export type WorkstreamKey = z.infer<typeof WorkstreamKey>;

const Ownership = z
  .object({
    deliveryOwner: UserRef.optional(),
    /** Set by the server when the named owner says "I own this delivery"; cleared when the owner changes. */
    accepted: Stamp.optional(),
    pilotChampion: UserRef.optional(),
    workstreamLeads: z.partialRecord(WorkstreamKey, UserRef).default({}),
  })
  .strict();
type Ownership = z.infer<typeof Ownership>;

export const PilotTimeline = z
  .object({
    plannedCloseDate: IsoDate.optional(),
    actualCloseDate: IsoDate.optional(),
  })
  .strict();
export type PilotTimeline = z.infer<typeof PilotTimeline>;

/** A workstream issue the app created (or recognised) under the epic. */
export const WorkstreamIssueRef = z.object({ issueId: z.string(), issueKey: z.string() }).strict();
export type WorkstreamIssueRef = z.infer<typeof WorkstreamIssueRef>;

/**
 * Which item of the plan a sub-task stands for: a template's sub-task (`template:<workstream>:<id>`), a
 * withdrawn condition (`condition:<id>`) or an agreed KPI (`kpi:<id>`). Its marker in Jira names it, so a
 * sub-task is created once per item whatever the words become.
 */
export const SubtaskItemKey = z
  .string()
  .regex(new RegExp(`^(?:template:(?:${WORKSTREAM_KEYS.join('|')}):[a-z0-9-]{1,40}|condition:[a-z0-9-]{1,40}|kpi:[a-z0-9-]{1,40})$`, 'i'), { error: 'Unknown sub-task item' });
export type SubtaskItemKey = z.infer<typeof SubtaskItemKey>;

/** At most one sub-task per template item of every workstream, per condition and per KPI. */
export const MAX_SUBTASKS = WORKSTREAM_KEYS.length * LIMITS.templateSubtasks + LIMITS.conditions + LIMITS.kpis;

/**
 * Set when an editor reopens the handoff of a Done epic (its record is locked while the epic is Done);
 * cleared by the first save after which every question is decided again.
 */
export const Reopened = z.object({ by: UserRef, at: z.string(), reason: required(LIMITS.longText, 'Reason') }).strict();
export type Reopened = z.infer<typeof Reopened>;

export const HandoffRecord = z
  .object({
    schemaVersion: z.literal(1),
    issueId: z.string(),
    /** Optimistic-concurrency version: 1 on first save, +1 on each save. */
    version: z.number().int().min(1),
    createdAt: z.string(),
    updated: Stamp,
    pilot: PilotTimeline,
    conditions: z.array(PilotCondition).max(LIMITS.conditions, { error: `At most ${LIMITS.conditions} pilot conditions` }),
    pilotMetrics: z.array(PilotMetric).max(LIMITS.pilotMetrics, { error: `At most ${LIMITS.pilotMetrics} pilot metrics` }),
    kpis: z.array(ProductionKpi).max(LIMITS.kpis, { error: `At most ${LIMITS.kpis} production KPIs` }),
    ownership: Ownership,
    workstreams: z.partialRecord(WorkstreamKey, WorkstreamIssueRef).default({}),
    /** The sub-tasks created (or found by their marker) under the workstream issues, by plan item. */
    subtasks: z
      .record(SubtaskItemKey, WorkstreamIssueRef)
      .refine((refs) => Object.keys(refs).length <= MAX_SUBTASKS, { error: `At most ${MAX_SUBTASKS} sub-tasks` })
      .default({}),
    reopened: Reopened.optional(),
  })
  .strict();
export type HandoffRecord = z.infer<typeof HandoffRecord>;

/** One change as the audit trail keeps it: who, when, what changed from what to what. Append-only. */
const HistoryChange = z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }).strict();
export const HistoryEntry = z
  .object({
    version: z.number().int().min(1),
    at: z.string(),
    by: UserRef,
    action: z.string(),
    summary: z.string(),
    changes: z.array(HistoryChange),
  })
  .strict();
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** An audit-trail entry: a history entry plus what it was about (no issue: a project settings change). */
export type AuditEntry = HistoryEntry & { projectId: string; issueId?: string; issueKey?: string };

/**
 * A record that holds nothing anyone wrote: what is left when every item was removed again. It does not
 * start a handoff, so it brings no epic into the gate's scope; anything recorded (even only a pilot
 * champion, a workstream lead or a workstream issue) does, and can be removed again the same way.
 */
export function isBlankRecord(record: HandoffRecord | null): boolean {
  if (!record) return true;
  const { pilot, ownership } = record;
  return (
    record.conditions.length === 0 &&
    record.pilotMetrics.length === 0 &&
    record.kpis.length === 0 &&
    !pilot.plannedCloseDate &&
    !pilot.actualCloseDate &&
    !ownership.deliveryOwner &&
    !ownership.accepted &&
    !ownership.pilotChampion &&
    Object.keys(ownership.workstreamLeads).length === 0 &&
    Object.keys(record.workstreams).length === 0 &&
    Object.keys(record.subtasks).length === 0
  );
}

export function emptyRecord(issueId: string, now: string, by: UserRef): HandoffRecord {
  return {
    schemaVersion: 1,
    issueId,
    version: 1,
    createdAt: now,
    updated: { by, at: now },
    pilot: {},
    conditions: [],
    pilotMetrics: [],
    kpis: [],
    ownership: { workstreamLeads: {} },
    workstreams: {},
    subtasks: {},
  };
}
