/**
 * Project policy (report page → Settings) and the gate's own configuration (validator config screens).
 * Pure schemas and defaults.
 */
import { z } from 'zod';
import { ConditionKind, Id, LIMITS, WORKSTREAM_KEYS, WorkstreamKey } from './record';

/** Who a template's sub-task is assigned to when it is created. */
export const SUBTASK_ASSIGNEES = ['lead', 'owner', 'nobody'] as const;
export const SubtaskAssignee = z.enum(SUBTASK_ASSIGNEES, { error: 'Pick who gets the sub-task' });
export type SubtaskAssignee = z.infer<typeof SubtaskAssignee>;

/** One piece of a workstream's work, created as a sub-task of the workstream issue. */
export const SubtaskTemplate = z
  .object({
    /** Stable within the workstream: the sub-task's marker names it, so editing the words never duplicates the sub-task. */
    id: Id,
    summary: z.string().trim().min(1, { error: 'Sub-task summary is required' }).max(200, { error: 'Sub-task summary must be at most 200 characters' }),
    description: z.string().trim().max(2000, { error: 'Sub-task description must be at most 2000 characters' }),
    assignTo: SubtaskAssignee,
  })
  .strict();
export type SubtaskTemplate = z.infer<typeof SubtaskTemplate>;

export const WorkstreamTemplate = z
  .object({
    key: WorkstreamKey,
    /** Title pattern; `{epicKey}` and `{epicSummary}` are replaced. */
    titlePattern: z.string().trim().min(1, { error: 'Title is required' }).max(200, { error: 'Title must be at most 200 characters' }),
    /** What the workstream covers and what "done" means. Plain text; becomes the issue description. */
    description: z.string().trim().max(4000, { error: 'Description must be at most 4000 characters' }),
    enabled: z.boolean(),
    /** The sub-tasks every such workstream issue gets. */
    subtasks: z
      .array(SubtaskTemplate)
      .max(LIMITS.templateSubtasks, { error: `At most ${LIMITS.templateSubtasks} sub-tasks per workstream` })
      .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, { error: 'Each sub-task of a workstream needs its own id' }),
  })
  .strict();
export type WorkstreamTemplate = z.infer<typeof WorkstreamTemplate>;

export const KpiMinimums = z
  .object({
    /** Agreed KPIs with a horizon needed in the operational categories. */
    operational: z.number().int().min(0).max(10),
    /** Agreed KPIs with a horizon needed in the business categories. */
    business: z.number().int().min(0).max(10),
  })
  .strict();
export type KpiMinimums = z.infer<typeof KpiMinimums>;

/**
 * A Jira label: no spaces; quotes and backslashes are refused too so it can sit in JQL safely, and
 * control characters (which Jira's search refuses, failing the report for everyone) with their own message.
 */
export const JiraLabel = z
  .string()
  .trim()
  .max(255, { error: 'A label must be at most 255 characters' })
  .regex(/^\P{Cc}*$/u, { error: 'A label cannot contain control characters (such as a null byte or an escape)' })
  .regex(/^[^\s"'\\]*$/, { error: 'A label cannot contain spaces, quotes or backslashes' });

export const withoutControlCharacters = (text: string): string => text.replace(/\p{Cc}/gu, '');

const DEFAULT_INITIATIVE_LABEL = 'ai-initiative';

/** An epic the report lists and JQL finds by its summary: labelled as an initiative (any epic when no label is set). */
export const isInitiative = (epic: { labels: readonly string[] }, settings: Pick<ProjectSettings, 'initiativeLabel'>): boolean =>
  settings.initiativeLabel === '' || epic.labels.includes(settings.initiativeLabel);

export const ProjectSettings = z
  .object({
    version: z.number().int().min(0),
    /**
     * Which epics the report lists as initiatives: those with this label, plus any epic that has a
     * handoff record. Empty: every epic of the project. (Settings saved before it existed read the default.)
     */
    initiativeLabel: JiraLabel.default(DEFAULT_INITIATIVE_LABEL),
    workstreamTemplates: z
      .array(WorkstreamTemplate)
      .length(WORKSTREAM_KEYS.length, { error: 'Every workstream needs a template' })
      .refine((ts) => new Set(ts.map((t) => t.key)).size === ts.length, { error: 'Each workstream appears once' }),
    /** Which workstream a withdrawn condition's sub-task ("Set up <production path>") goes to, by the condition's kind. */
    conditionWorkstreams: z.record(ConditionKind, WorkstreamKey).default(() => ({ ...DEFAULT_CONDITION_WORKSTREAMS })),
    /** Preferred issue type name for workstream issues (a level-0 type; falls back to Task, then any level-0). */
    workstreamIssueType: z.string().trim().min(1).max(60),
    kpiMinimums: KpiMinimums,
    /** Ship signal when withdrawn / decided is strictly greater than this share (0.5 = "more than half"). */
    shipSignalThreshold: z.number().min(0).max(1),
    /** An initiative with no change for this many days is stalled. */
    stallDays: z.number().int().min(1).max(365),
    /** The owner's acceptance is required for the ownership question to count as answered. */
    requireOwnerAcceptance: z.boolean(),
  })
  .strict();
export type ProjectSettings = z.infer<typeof ProjectSettings>;

export const DEFAULT_WORKSTREAM_TEMPLATES: WorkstreamTemplate[] = [
  {
    key: 'data-integration',
    titlePattern: '{epicKey} · Data integration for production',
    description:
      'Replace the pilot\'s data shortcuts with production pipelines: request standard access to every source the pilot used, ' +
      'agree data contracts and refresh schedules with the owning teams, and monitor freshness. ' +
      'Done when the model reads all its inputs through approved, monitored production feeds and no pilot-only access remains.',
    enabled: true,
    subtasks: [
      { id: 'data-contracts', summary: 'Agree data contracts and refresh schedules with the source owners', description: 'Every source the model reads in production has a named owner, a contract and a refresh schedule.', assignTo: 'lead' },
      { id: 'freshness-monitoring', summary: 'Monitor freshness and quality of every production feed', description: 'Alerts reach the on-call team when a feed is late or fails its quality checks.', assignTo: 'lead' },
    ],
  },
  {
    key: 'model-deployment',
    titlePattern: '{epicKey} · Model deployment and operations',
    description:
      'Take the pilot model to the production platform: packaging, CI/CD, serving, rollback, on-call and runbooks, ' +
      'plus monitoring for drift, accuracy in production and the human-override rate. ' +
      'Done when the model serves production traffic behind an owned on-call rotation with alerts on the operational KPIs.',
    enabled: true,
    subtasks: [
      { id: 'deployment-pipeline', summary: 'Production deployment pipeline', description: 'Packaging, CI/CD and serving on the production platform, with the model version traceable to its training run.', assignTo: 'lead' },
      { id: 'rollback-plan', summary: 'Rollback plan', description: 'A tested way back to the previous model (or to the manual process) within an agreed time.', assignTo: 'lead' },
      { id: 'monitoring-alerting', summary: 'Monitoring and alerting', description: 'Drift, accuracy in production and the human-override rate are measured, with alerts routed to an owned on-call rotation.', assignTo: 'lead' },
    ],
  },
  {
    key: 'compliance-review',
    titlePattern: '{epicKey} · Compliance, privacy and governance review',
    description:
      'Run the privacy impact assessment, model-risk and AI-governance review, and security review the pilot was exempted from; ' +
      'record the decisions on every pilot exception that becomes permanent. ' +
      'Done when each review has a recorded outcome and any conditions are tracked as issues.',
    enabled: true,
    subtasks: [
      { id: 'privacy-impact-assessment', summary: 'Privacy impact assessment', description: 'The assessment the pilot was exempted from, with its outcome recorded.', assignTo: 'lead' },
      { id: 'model-card', summary: 'Model card and intended-use statement', description: 'What the model is for, what it must not be used for, its known limits and the data it was trained on.', assignTo: 'lead' },
      { id: 'governance-sign-off', summary: "AI governance sign-off", description: "The AI-governance or model-risk review's decision, with any conditions tracked as issues.", assignTo: 'owner' },
    ],
  },
  {
    key: 'stakeholder-alignment',
    titlePattern: '{epicKey} · Stakeholder alignment and change management',
    description:
      'Replace the pilot\'s informal stakeholder access with a standing cadence: named business owners, a regular review slot, ' +
      'training and communication for the people whose work changes. ' +
      'Done when the business owners have agreed the rollout plan and the review cadence is in their calendars.',
    enabled: true,
    subtasks: [
      { id: 'regular-review', summary: "Regular stakeholder review", description: "The standing review that replaces the pilot's direct access to the business: named business owners, a cadence, in their calendars.", assignTo: 'owner' },
      { id: 'change-communication', summary: 'Training and communication', description: 'Training and communication for the people whose work changes when the model ships.', assignTo: 'lead' },
    ],
  },
  {
    key: 'production-kpis',
    titlePattern: '{epicKey} · Production KPIs and reporting',
    description:
      'Instrument the agreed production KPIs (operational and business) with their baselines, targets and data sources, ' +
      'and put them in the steering committee\'s reporting with the agreed time horizons. ' +
      'Done when every agreed KPI is measured automatically and its first review date is scheduled.',
    enabled: true,
    subtasks: [
      { id: 'steering-reporting', summary: "Put the agreed KPIs in the steering committee's reporting", description: "Each agreed KPI appears in the steering committee's reporting with its baseline, target and time horizon.", assignTo: 'owner' },
    ],
  },
];

export const WORKSTREAM_NAMES: Record<WorkstreamKey, string> = {
  'data-integration': 'Data integration',
  'model-deployment': 'Model deployment',
  'compliance-review': 'Compliance review',
  'stakeholder-alignment': 'Stakeholder alignment',
  'production-kpis': 'Production KPIs',
};

/**
 * Where a withdrawn condition's replacement work belongs: data access is data integration's, stakeholder
 * access stakeholder alignment's; permissions, decision speed and anything else go to the compliance review
 * (the exceptions it reviews), tooling to model deployment. Admins remap any kind in the project settings.
 */
export const DEFAULT_CONDITION_WORKSTREAMS: Record<ConditionKind, WorkstreamKey> = {
  permission: 'compliance-review',
  'data-access': 'data-integration',
  'stakeholder-access': 'stakeholder-alignment',
  'decision-speed': 'compliance-review',
  tooling: 'model-deployment',
  other: 'compliance-review',
};

/** A template's default sub-tasks, for settings saved before templates had sub-tasks. */
export function defaultSubtasksOf(key: WorkstreamKey): SubtaskTemplate[] {
  return (DEFAULT_WORKSTREAM_TEMPLATES.find((t) => t.key === key)?.subtasks ?? []).map((s) => ({ ...s }));
}

export function defaultProjectSettings(): ProjectSettings {
  return {
    version: 0,
    initiativeLabel: DEFAULT_INITIATIVE_LABEL,
    workstreamTemplates: DEFAULT_WORKSTREAM_TEMPLATES.map((t) => ({ ...t, subtasks: t.subtasks.map((s) => ({ ...s })) })),
    conditionWorkstreams: { ...DEFAULT_CONDITION_WORKSTREAMS },
    workstreamIssueType: 'Task',
    kpiMinimums: { operational: 1, business: 1 },
    shipSignalThreshold: 0.5,
    stallDays: 14,
    requireOwnerAcceptance: true,
  };
}

/** The gate's configuration, saved by the validator's create/edit screens as a JSON string. */
export const GateConfig = z
  .object({
    /** Epics carrying this label are in scope even before they have a handoff record. Empty: only epics with a record. */
    scopeLabel: z.string().trim().max(255).default('ai-initiative'),
    /** Also require every workstream issue to be done. */
    requireWorkstreamsDone: z.boolean().default(false),
    /** With requireWorkstreamsDone: also every sub-task the app created under them (absent: not required). */
    requireSubtasksDone: z.boolean().optional(),
    /** Override the project's KPI minimums for the gate; absent: use the project's. */
    kpiMinimums: KpiMinimums.optional(),
    /** Override the project's owner-acceptance rule for the gate; absent: use the project's. */
    requireOwnerAcceptance: z.boolean().optional(),
  })
  .strict();
export type GateConfig = z.infer<typeof GateConfig>;
export const DEFAULT_GATE_CONFIG: GateConfig = { scopeLabel: 'ai-initiative', requireWorkstreamsDone: false };
