/**
 * The one contract between the Custom UI apps and the resolvers: names, payload schemas (validated at
 * run time on the backend) and response types. Imported by both sides, so a renamed resolver or field
 * fails to compile instead of failing in production.
 */
import { z } from 'zod';
import { ConditionInput, DecisionInput, KpiInput, MetricInput } from '../domain/inputs';
import {
  AccountId,
  Id,
  IsoDate,
  Reopened,
  WorkstreamKey,
  type AuditEntry,
  type HandoffRecord,
  type HistoryEntry,
  type UserRef,
} from '../domain/record';
import { ProjectSettings, type GateConfig } from '../domain/policy';
import { isTimeZone } from '../domain/dates';
import type { Readiness, StatusCategoryKey } from '../domain/readiness-types';
import type { DoneState } from '../domain/done';
import { RECORD_ACTIONS, type RecordAction } from '../domain/history';
import type { ReportRow } from '../domain/report-types';
import { PARTITIONS_PER_CALL, isIssueId, type PartitionPlan, type ReportPartition } from '../domain/report-partitions';
import { KpiReadingInput, type KpiReading } from '../domain/kpi-reading';
import type { KpiProgressStatus } from '../domain/kpi-progress';
import { ReminderSettings } from '../domain/reminder-settings';
import type { ReminderLine } from '../domain/reminder-ledger';
import type { TrailPoint } from '../domain/readiness-trend';
import type { FlowMetrics } from '../domain/flow-metrics';
import type { SubtaskSource } from '../domain/subtask-plan';

const BaseVersion = z.number({ error: 'baseVersion must be a number' }).int().min(0);
/** Where the next page of a trail starts, as the previous page said (opaque; storage's own cursor). */
const Cursor = z.string({ error: 'cursor must be text' }).min(1).max(1000, { error: 'This is not a page of the trail; start again from the first page.' });

/**
 * The viewer's time zone. Forge gives a resolver no time zone, so every payload may carry the one
 * Jira gives the Custom UI (`view.getContext().timezone`, the user's profile zone): "today", "closes in
 * N days" and the purgatory clock count days in it. The registry takes it off the payload before the
 * resolver's own schema sees it; without it the server counts in UTC (as the gate and triggers do).
 */
export { TIME_ZONE_FIELD } from './time-zone-field';
export const TimeZone = z
  .string({ error: 'timeZone must be an IANA time zone name, e.g. Pacific/Auckland' })
  .refine(isTimeZone, { error: 'timeZone must be an IANA time zone name, e.g. Pacific/Auckland' });

// ---- payloads -------------------------------------------------------------------------------------
/** A gadget's projects: 1 to 50 Jira project keys (Jira's pattern: a letter, then letters, digits or _). */
export const ProjectKeys = z
  .array(z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, { error: 'A project key is capital letters, digits or _, starting with a letter (e.g. CLM).' }))
  .min(1, { error: 'Choose at least one project.' })
  .max(50, { error: 'At most 50 projects.' });

/** A saved filter's id as Jira gives it (a number, as text). */
export const FilterId = z.string({ error: 'A saved filter is named by its id.' }).regex(/^\d{1,18}$/, { error: 'A saved filter is named by its id (digits).' });

/**
 * What a portfolio gadget's edit view saves (Jira keeps it per gadget): its projects, or one saved filter,
 * never both. A configuration saved before filters existed is `{projects}` and stays valid.
 */
export const GadgetConfig = z.union([
  z.object({ projects: ProjectKeys, filterId: z.undefined().optional() }).loose(),
  z.object({ filterId: FilterId, projects: z.undefined().optional() }).loose(),
], { error: 'Choose the projects or the saved filter this gadget shows: edit the gadget.' });
export type GadgetConfig = z.infer<typeof GadgetConfig>;

export const Empty = z.object({}).strict();

const IssueIdText = z.string({ error: 'must be an issue id' }).refine(isIssueId, { error: 'must be an issue id' });
/** A range of issue ids the report reads (src/domain/report-partitions.ts). */
const Partition = z
  .object({ from: IssueIdText, to: IssueIdText.optional() })
  .strict()
  .refine((p) => p.to === undefined || Number(p.to) > Number(p.from), { error: 'A partition must end after it starts' });

// What a change may send: the record's own schemas minus what the server sets (src/domain/inputs.ts).
export { ConditionInput, DecisionInput, KpiInput, MetricInput };

export const Payloads = {
  getHandoff: Empty,
  savePilot: z
    .object({
      baseVersion: BaseVersion,
      plannedCloseDate: IsoDate.nullable(),
      actualCloseDate: IsoDate.nullable(),
      pilotChampionAccountId: AccountId.nullable(),
    })
    .strict(),
  saveCondition: z.object({ baseVersion: BaseVersion, condition: ConditionInput }).strict(),
  removeCondition: z.object({ baseVersion: BaseVersion, conditionId: Id }).strict(),
  decideCondition: z.object({ baseVersion: BaseVersion, conditionId: Id, decision: DecisionInput }).strict(),
  saveMetric: z.object({ baseVersion: BaseVersion, metric: MetricInput }).strict(),
  removeMetric: z.object({ baseVersion: BaseVersion, metricId: Id }).strict(),
  saveKpi: z.object({ baseVersion: BaseVersion, kpi: KpiInput }).strict(),
  removeKpi: z.object({ baseVersion: BaseVersion, kpiId: Id }).strict(),
  setOwner: z.object({ baseVersion: BaseVersion, ownerAccountId: AccountId.nullable() }).strict(),
  acceptOwnership: z.object({ baseVersion: BaseVersion }).strict(),
  setWorkstreamLead: z.object({ baseVersion: BaseVersion, workstream: WorkstreamKey, accountId: AccountId.nullable() }).strict(),
  reopenHandoff: z.object({ baseVersion: BaseVersion, reason: Reopened.shape.reason }).strict(),
  getHistory: z.object({ cursor: Cursor.optional() }).strict(),
  getBrief: Empty,
  getWorkstreams: Empty,
  createWorkstreams: Empty,
  getReportPage: z.object({ nextPageToken: z.string().max(2000).optional(), maxPages: z.number().int().min(1).max(50).optional() }).strict(),
  getReportStart: Empty,
  getReportPlan: z.object({ after: IssueIdText }).strict(),
  getReportRows: z.object({ partitions: z.array(Partition).min(1).max(PARTITIONS_PER_CALL) }).strict(),
  getProjectSettings: Empty,
  saveProjectSettings: z.object({ settings: ProjectSettings }).strict(),
  exportAuditTrail: z.object({ format: z.enum(['csv', 'json']), cursor: Cursor.optional() }).strict(),
  getReadinessTrail: z.object({ cursor: Cursor.optional() }).strict(),
  getGateConfigInfo: Empty,
  addKpiReading: z.object({ baseVersion: BaseVersion, kpiId: Id, reading: KpiReadingInput }).strict(),
  getKpiReadings: z.object({ kpiId: Id, cursor: Cursor.optional() }).strict(),
  saveReminderSettings: z
    .object({ baseVersion: BaseVersion, reminders: ReminderSettings.omit({ sponsorContact: true }), sponsorContactAccountId: AccountId.nullable() })
    .strict(),
  getFeedTokens: Empty,
  createFeedToken: z.object({ name: z.string({ error: 'Name must be text' }).trim().min(1, { error: 'Name the system that will post readings' }).max(100, { error: 'Name must be at most 100 characters' }) }).strict(),
  revokeFeedToken: z.object({ tokenId: Id }).strict(),
  // The portfolio (global page and dashboard gadget): a gadget sends the project keys it was configured with.
  getPortfolioPage: z.object({ projectKeys: ProjectKeys.optional(), nextPageToken: z.string().max(2000).optional(), maxPages: z.number().int().min(1).max(50).optional() }).strict(),
  getPortfolioStart: z.object({ projectKeys: ProjectKeys.optional() }).strict(),
  getPortfolioPlan: z.object({ projectKeys: ProjectKeys.optional(), after: IssueIdText }).strict(),
  getPortfolioRows: z.object({ projectKeys: ProjectKeys.optional(), partitions: z.array(Partition).min(1).max(PARTITIONS_PER_CALL) }).strict(),
  getPortfolioFlow: z.object({ projectKeys: ProjectKeys.optional() }).strict(),
  // A gadget's edit view: the projects the user may browse, or the saved filters they may see, matching what they typed.
  getGadgetChoices: z.object({ kind: z.enum(['projects', 'filters']), query: z.string().trim().max(100).optional() }).strict(),
} as const;

export type ResolverName = keyof typeof Payloads;
export const RESOLVER_NAMES = Object.keys(Payloads) as ResolverName[];
/**
 * Versioned resolvers that change stored state: every one checks edit permission (or more) on the server,
 * except acceptOwnership: browse, and only the named owner. (The KPI feed's token resolvers change state too,
 * project admins only, without a version: test/integration/kpi-feed.test.ts.)
 */
export const CHANGING_RESOLVERS = [...RECORD_ACTIONS, 'saveProjectSettings', 'saveReminderSettings'] as const satisfies readonly ResolverName[];
/** The changes the panel sends with the version it shows, each answering the fresh HandoffView. */
export type HandoffChange = Exclude<RecordAction, 'createWorkstreams'>;

/** Fields only the server sets; a client's copy is dropped before validation. */
export const SERVER_SET_FIELDS = ['decided', 'decidedBy', 'decidedAt', 'accepted', 'acceptedAt', 'acceptedBy', 'history', 'updated', 'createdAt'] as const;

// ---- results --------------------------------------------------------------------------------------
export type ErrorCode =
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NOT_AN_EPIC'
  | 'CONFLICT'
  /** The epic is Done, so its handoff is locked until an editor reopens it. */
  | 'LOCKED'
  | 'TOO_LARGE'
  | 'BUSY'
  | 'JIRA_ERROR'
  | 'STORAGE_ERROR'
  | 'INTERNAL';

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined, e.g. "kpi.horizon.count") → message. */
  fieldErrors?: Record<string, string>;
  /** On CONFLICT: who changed it and when; `item` names what they changed when it was one item of the record. */
  conflict?: { version: number; by: UserRef; at: string; item?: { label: string; removed: boolean } };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export interface EpicInfo {
  id: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategoryKey;
  projectId: string;
  projectKey: string;
  isEpic: boolean;
  /** When the epic reached Done (Jira's resolution date, an ISO timestamp); absent while it is open. */
  doneAt?: string;
}

export interface HandoffView {
  epic: EpicInfo;
  /**
   * The epic is an AI initiative: it carries the project's initiative label (every epic when none is set)
   * or has a handoff. Other epics get one line in the panel, not four open questions.
   */
  initiative: boolean;
  /** null until the first save. */
  record: HandoffRecord | null;
  /** The version to send as baseVersion (0 when there is no record yet). */
  version: number;
  readiness: Readiness;
  /** Done is a milestone: locked while the epic is Done, unless reopened; "undecided" when it reached Done with questions open. */
  done: DoneState;
  /** The epic's workstream issues, done and in all (as its searchable summary counts them), when known. */
  workstreams?: { done: number; total: number };
  me: UserRef;
  /** canEdit is false while the handoff is locked; canReopen is an editor's way out of the lock. */
  permissions: { canEdit: boolean; canReopen: boolean; canCreateIssues: boolean; isOwner: boolean; isProjectAdmin: boolean };
  policy: { kpiMinimums: { operational: number; business: number }; shipSignalThreshold: number; requireOwnerAcceptance: boolean };
  /** Per KPI: on track, off track, no data... in one sentence, from the record's digest of its readings. */
  kpiProgress: Record<string, { status: KpiProgressStatus; sentence: string }>;
  /** What the daily reminders last sent about this epic, what is due now and what falls due next. */
  reminders: ReminderLine;
}

/** One page of a KPI's readings, oldest date first; the panel's chart joins the pages. */
export interface KpiReadingsPage {
  readings: KpiReading[];
  nextCursor?: string;
}

/** A KPI feed token as an admin sees it: never the token itself, which is shown once, when created. */
export interface FeedTokenInfo {
  tokenId: string;
  name: string;
  createdAt: string;
  createdBy: UserRef;
  revokedAt?: string;
  revokedBy?: UserRef;
}

export interface FeedTokensView {
  tokens: FeedTokenInfo[];
  /** The KPI feed's web trigger URL: a monitoring system posts readings here with a token. */
  url: string;
  canAdminister: boolean;
}

/** One of the sub-tasks the app created under a workstream issue, with its live status. */
export interface SubtaskView {
  /** The plan item it stands for (`template:<workstream>:<id>`, `condition:<id>`, `kpi:<id>`). */
  item: string;
  source: SubtaskSource;
  id: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategoryKey;
  assignee?: UserRef;
  /** YYYY-MM-DD when Jira holds one. */
  dueDate?: string;
  /** Its condition is no longer withdrawn, its KPI no longer agreed, or its template item was removed: for someone to close. Never deleted. */
  noLongerNeeded: boolean;
}

export interface WorkstreamItem {
  workstream: WorkstreamKeyT;
  name: string;
  lead?: UserRef;
  issue?: { id: string; key: string; summary: string; statusName: string; statusCategory: StatusCategoryKey; assignee?: UserRef };
  subtasks: SubtaskView[];
  subtasksDone: number;
  /** How many sub-tasks this workstream should have and does not have yet. */
  missingSubtasks: number;
}
type WorkstreamKeyT = z.infer<typeof WorkstreamKey>;

export interface WorkstreamsView {
  items: WorkstreamItem[];
  done: number;
  total: number;
  subtasksDone: number;
  subtasksTotal: number;
  /** What creating now would make: workstream issues and sub-tasks. */
  missing: { workstreams: number; subtasks: number };
  /** Sub-tasks that cannot be created until the project settings change (their workstream is turned off). */
  blocked: Array<{ workstream: WorkstreamKeyT; summary: string; message: string }>;
  canCreate: boolean;
}

export interface CreateWorkstreamsResult {
  created: Array<{ workstream: WorkstreamKeyT; issueKey: string }>;
  alreadyExisted: Array<{ workstream: WorkstreamKeyT; issueKey: string }>;
  failed: Array<{ workstream: WorkstreamKeyT; message: string }>;
  subtasks: {
    created: Array<{ workstream: WorkstreamKeyT; issueKey: string; summary: string }>;
    failed: Array<{ workstream: WorkstreamKeyT; summary: string; message: string }>;
    /** Why no sub-task could be created at all (no sub-task type, a field the sub-task screen requires), naming what to change. */
    problem?: string;
  };
  view: WorkstreamsView;
}

export interface ReportPage {
  rows: ReportRow[];
  nextPageToken?: string;
  /** Jira requests this call made (for the benchmark and the page's footer). */
  jiraRequests: number;
  today: string;
  stallDays: number;
}

/** The report's first call: the first page of rows, and the partitions the rest is read in. */
export interface ReportStart {
  rows: ReportRow[];
  plan: PartitionPlan;
  jiraRequests: number;
  today: string;
  stallDays: number;
}

/** More partitions, for ids beyond what one ids request returned. */
export interface ReportPlanPage {
  plan: PartitionPlan;
  jiraRequests: number;
}

/** The rows of some partitions; `unfinished` are what is left of partitions that held more than one page. */
export interface ReportRowsPage {
  rows: ReportRow[];
  unfinished: ReportPartition[];
  jiraRequests: number;
  today: string;
  stallDays: number;
}

/** A report row with its project (the portfolio spans projects, each with its own stall threshold). */
export type PortfolioRow = ReportRow & { project: { id: string; key: string; name: string }; stallDays: number };

export interface PortfolioPage {
  rows: PortfolioRow[];
  nextPageToken?: string;
  jiraRequests: number;
  today: string;
}

/** The portfolio's first call: the first page of rows (by id), and the id ranges the rest is read in. */
export interface PortfolioStart {
  rows: PortfolioRow[];
  plan: PartitionPlan;
  jiraRequests: number;
  today: string;
  /** A gadget configured with a saved filter: the filter as Jira names it now. */
  filter?: { id: string; name: string };
}

/** What a gadget's edit view offers: projects the user may browse, or saved filters they may see (one list filled, by `kind`). */
export interface GadgetChoices {
  projects: Array<{ id: string; key: string; name: string }>;
  filters: Array<{ id: string; name: string }>;
}

export interface PortfolioPlanPage {
  plan: PartitionPlan;
  jiraRequests: number;
}

/** The rows of some id ranges; `unfinished` are what is left of ranges that held more than one page. */
export interface PortfolioRowsPage {
  rows: PortfolioRow[];
  unfinished: ReportPartition[];
  jiraRequests: number;
  today: string;
}

export interface PortfolioFlow {
  today: string;
  portfolio: FlowMetrics;
  projects: Array<{ id: string; key: string; name: string; metrics: FlowMetrics }>;
  /** False when the portfolio was larger than one call reads (5,000 initiatives): the figures cover the first ones. */
  complete: boolean;
  jiraRequests: number;
}

export interface SettingsView {
  settings: z.infer<typeof ProjectSettings>;
  canAdminister: boolean;
}

/** One page of the audit trail; the report page joins the pages into one file named `filename`. */
export interface AuditExportPage {
  format: 'csv' | 'json';
  filename: string;
  entries: AuditEntry[];
  nextCursor?: string;
}

/**
 * One page of the readiness trail of the last 12 weeks: the readiness each audited event left an
 * initiative at, and when the readiness policy changed. The report page joins the pages and computes the
 * trend and days at a level (domain/readiness-trend.ts).
 */
export interface ReadinessTrailPage {
  /** ISO time the trail is read from (12 weeks before the first page was asked for). */
  since: string;
  points: TrailPoint[];
  /** ISO times of settings changes that can move levels. */
  policyChanges: string[];
  nextCursor?: string;
  /** Storage queries this page made (the report's figures). */
  storageReads: number;
}

export interface GateConfigInfo {
  defaults: GateConfig;
}

/** Response type per resolver: the UI's api layer and the backend's definitions both use it. */
export interface Responses {
  getHandoff: HandoffView;
  savePilot: HandoffView;
  saveCondition: HandoffView;
  removeCondition: HandoffView;
  decideCondition: HandoffView;
  saveMetric: HandoffView;
  removeMetric: HandoffView;
  saveKpi: HandoffView;
  removeKpi: HandoffView;
  setOwner: HandoffView;
  acceptOwnership: HandoffView;
  setWorkstreamLead: HandoffView;
  reopenHandoff: HandoffView;
  getHistory: { entries: HistoryEntry[]; nextCursor?: string };
  /** The one-pager in two flavours the clipboard carries together. */
  getBrief: { markdown: string; html: string };
  getWorkstreams: WorkstreamsView;
  createWorkstreams: CreateWorkstreamsResult;
  getReportPage: ReportPage;
  getReportStart: ReportStart;
  getReportPlan: ReportPlanPage;
  getReportRows: ReportRowsPage;
  getProjectSettings: SettingsView;
  saveProjectSettings: SettingsView;
  exportAuditTrail: AuditExportPage;
  getReadinessTrail: ReadinessTrailPage;
  getGateConfigInfo: GateConfigInfo;
  addKpiReading: HandoffView;
  getKpiReadings: KpiReadingsPage;
  saveReminderSettings: SettingsView;
  getFeedTokens: FeedTokensView;
  /** `token` is shown this once: only its hash is stored. */
  createFeedToken: { token: string; tokenId: string; view: FeedTokensView };
  revokeFeedToken: FeedTokensView;
  getPortfolioPage: PortfolioPage;
  getPortfolioStart: PortfolioStart;
  getPortfolioPlan: PortfolioPlanPage;
  getPortfolioRows: PortfolioRowsPage;
  getPortfolioFlow: PortfolioFlow;
  getGadgetChoices: GadgetChoices;
}
export type PayloadOf<N extends ResolverName> = z.input<(typeof Payloads)[N]>;
