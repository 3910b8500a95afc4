/**
 * Which sub-tasks the workstream issues should have, and which of them to create. Pure: the caller finds
 * the existing sub-tasks by their marker (so a reset of app storage never duplicates one) and creates the rest.
 *
 * Three sources, each item named by a stable key the marker carries:
 * - every enabled workstream template's sub-task items (`template:<workstream>:<id>`);
 * - every withdrawn pilot condition: "Set up <production path> (expected lead time N days)" under the
 *   workstream its kind maps to (project settings), due once the lead time has passed (`condition:<id>`);
 * - every agreed production KPI: "Instrument <KPI> from <source>" under production KPIs, for its owner (`kpi:<id>`).
 * A sub-task whose item is no longer wanted (the condition undecided again, the KPI back to proposed) is
 * never deleted: it is "no longer needed", for someone to close.
 */
import { addDays } from './dates';
import { DEFAULT_CONDITION_WORKSTREAMS, WORKSTREAM_NAMES, type ProjectSettings } from './policy';
import { SubtaskItemKey, WorkstreamKey, type HandoffRecord, type ProductionKpi, type PilotCondition, type UserRef } from './record';
import { horizonText, plural } from './sentences';
import { fillPattern, issueSummary } from './workstream-plan';

export type SubtaskSource = 'template' | 'condition' | 'kpi';

export interface WantedSubtask {
  item: SubtaskItemKey;
  workstream: WorkstreamKey;
  source: SubtaskSource;
  /** One line of at most 255 characters (Jira's limit). */
  summary: string;
  /** Plain text; becomes the issue's description. */
  description: string;
  /** The workstream lead or the delivery owner, as the template or the source says. */
  assignee?: UserRef;
  /** A KPI's owner as written in the record: assigned only when it names a Jira user who can be assigned. */
  kpiOwner?: string;
  /** YYYY-MM-DD: a withdrawn condition's replacement is due once its lead time has passed. */
  dueDate?: string;
  /** For a condition's sub-task: its kind, which chose the workstream. */
  conditionKind?: PilotCondition['kind'];
}

export interface SubtaskFacts {
  epic: { key: string; summary: string };
  settings: Pick<ProjectSettings, 'workstreamTemplates' | 'conditionWorkstreams'>;
  record: HandoffRecord | null;
  /** YYYY-MM-DD in the caller's time zone: due dates count from it. */
  today: string;
}

export const templateItem = (workstream: WorkstreamKey, id: string): SubtaskItemKey => `template:${workstream}:${id}`;
export const conditionItem = (conditionId: string): SubtaskItemKey => `condition:${conditionId}`;
export const kpiItem = (kpiId: string): SubtaskItemKey => `kpi:${kpiId}`;

export function wantedSubtasks(facts: SubtaskFacts): WantedSubtask[] {
  const { record, settings } = facts;
  const leads = record?.ownership.workstreamLeads ?? {};
  const owner = record?.ownership.deliveryOwner;
  const fromTemplates = settings.workstreamTemplates
    .filter((t) => t.enabled)
    .flatMap((t) =>
      t.subtasks.map((s): WantedSubtask => {
        const assignee = s.assignTo === 'lead' ? leads[t.key] : s.assignTo === 'owner' ? owner : undefined;
        return {
          item: templateItem(t.key, s.id),
          workstream: t.key,
          source: 'template',
          summary: issueSummary(fillPattern(s.summary, facts.epic)),
          description: fillPattern(s.description, facts.epic),
          ...(assignee ? { assignee } : {}),
        };
      }),
    );
  const fromConditions = (record?.conditions ?? []).flatMap((c) => conditionSubtask(c, settings.conditionWorkstreams ?? DEFAULT_CONDITION_WORKSTREAMS, leads, facts.today));
  const fromKpis = (record?.kpis ?? []).filter((k) => k.status === 'agreed').map((k) => kpiSubtask(k));
  return [...fromTemplates, ...fromConditions, ...fromKpis];
}

function conditionSubtask(
  c: PilotCondition,
  mapping: ProjectSettings['conditionWorkstreams'],
  leads: Partial<Record<WorkstreamKey, UserRef>>,
  today: string,
): WantedSubtask[] {
  const d = c.decision;
  if (d.status !== 'withdrawn') return [];
  const workstream = mapping[c.kind];
  const lead = leads[workstream];
  const granted = c.grantedBy ? ` (granted by ${c.grantedBy})` : '';
  return [
    {
      item: conditionItem(c.id),
      workstream,
      source: 'condition',
      summary: issueSummary(`Set up ${d.productionPath} (expected lead time ${plural(d.leadTimeDays, 'day')})`),
      description: `Replaces the pilot condition "${c.name}"${granted}, withdrawn for production: ${d.rationale}\n\nThe production path is expected to take ${plural(d.leadTimeDays, 'day')}.`,
      dueDate: addDays(today, d.leadTimeDays),
      conditionKind: c.kind,
      ...(lead ? { assignee: lead } : {}),
    },
  ];
}

function kpiSubtask(k: ProductionKpi): WantedSubtask {
  const from = k.source ? ` from ${k.source}` : ' (no data source named yet)';
  const facts = [
    k.baseline && `Baseline: ${k.baseline}${k.unit ? ` ${k.unit}` : ''}.`,
    k.target && `Target: ${k.target}${k.unit ? ` ${k.unit}` : ''} (${k.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'}).`,
    k.horizon && `Time horizon: ${horizonText(k.horizon)}.`,
    k.firstReviewDate && `First review: ${k.firstReviewDate}.`,
  ].filter(Boolean);
  return {
    item: kpiItem(k.id),
    workstream: 'production-kpis',
    source: 'kpi',
    summary: issueSummary(`Instrument ${k.name}${from}`),
    description: `Wire the data source and build the dashboard for the agreed KPI "${k.name}", so it is measured automatically.${facts.length ? `\n\n${facts.join(' ')}` : ''}`,
    ...(k.owner ? { kpiOwner: k.owner } : {}),
  };
}

export interface BlockedSubtask {
  item: SubtaskItemKey;
  workstream: WorkstreamKey;
  summary: string;
  message: string;
}

export interface SubtaskPlan {
  toCreate: WantedSubtask[];
  /** Wanted, but their workstream has no issue and will get none (its template is turned off). */
  blocked: BlockedSubtask[];
  /** Sub-tasks that exist for items no longer wanted, in the order found: shown for someone to close. */
  noLongerNeeded: SubtaskItemKey[];
}

export interface SubtaskPlanInput {
  wanted: WantedSubtask[];
  /** Items that have a sub-task already (found by marker or remembered in the record). */
  existing: Iterable<SubtaskItemKey>;
  /** Workstreams that have an issue or will get one now (enabled templates). */
  available: ReadonlySet<WorkstreamKey>;
}

export function planSubtasks({ wanted, existing, available }: SubtaskPlanInput): SubtaskPlan {
  const have = new Set(existing);
  const wantedItems = new Set(wanted.map((w) => w.item));
  const missing = wanted.filter((w) => !have.has(w.item));
  return {
    toCreate: missing.filter((w) => available.has(w.workstream)),
    blocked: missing.filter((w) => !available.has(w.workstream)).map((w) => ({ item: w.item, workstream: w.workstream, summary: w.summary, message: blockedMessage(w) })),
    noLongerNeeded: [...have].filter((item) => !wantedItems.has(item)),
  };
}

const KIND_WORDS: Record<PilotCondition['kind'], string> = {
  permission: 'permission',
  'data-access': 'data access',
  'stakeholder-access': 'stakeholder access',
  'decision-speed': 'decision speed',
  tooling: 'tooling',
  other: 'other',
};

function blockedMessage(w: WantedSubtask): string {
  const name = WORKSTREAM_NAMES[w.workstream];
  const remap = w.conditionKind ? ` or map ${KIND_WORDS[w.conditionKind]} conditions to another workstream` : '';
  return `The ${name} workstream is turned off in the project settings: turn it on${remap} (Readiness report → Settings), then create again.`;
}

// ---- the marker each sub-task carries ---------------------------------------------------------------

/** Set on each sub-task the app creates, in the same request: names the epic (by id), the workstream and the item. */
export interface SubtaskMarker {
  epicId: string;
  epicKey: string;
  workstream: WorkstreamKey;
  item: SubtaskItemKey;
  app: 'production-handoff';
}

export function subtaskMarkerValue(epicId: string, epicKey: string, workstream: WorkstreamKey, item: SubtaskItemKey): SubtaskMarker {
  return { epicId, epicKey, workstream, item, app: 'production-handoff' };
}

export interface SubtaskClaim {
  epicId: string;
  workstream: WorkstreamKey;
  item: SubtaskItemKey;
}

/** A sub-task marker as Jira hands it back, when well formed (anyone who can edit the issue can edit it). */
export function readSubtaskMarker(value: unknown): SubtaskClaim | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { epicId, workstream, item } = value as { epicId?: unknown; workstream?: unknown; item?: unknown };
  const id = typeof epicId === 'string' || (typeof epicId === 'number' && Number.isSafeInteger(epicId)) ? String(epicId) : '';
  const ws = WorkstreamKey.safeParse(workstream);
  const it = SubtaskItemKey.safeParse(item);
  return /^\d+$/.test(id) && ws.success && it.success ? { epicId: id, workstream: ws.data, item: it.data } : undefined;
}
