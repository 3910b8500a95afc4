/**
 * What changed between two versions of a handoff record, in product words, for the audit trail.
 * Values are kept small (names, statuses, dates) so the trail stays readable and compact.
 */
import type { Decision, HandoffRecord, PilotCondition, PilotMetric, ProductionKpi, UserRef } from './record';
import { WORKSTREAM_KEYS } from './record';
import { WORKSTREAM_NAMES } from './policy';
import { clip, horizonText } from './sentences';

export interface RecordChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** Long free text is shown clipped: the audit trail says it changed, the record holds the text. */
const VALUE_MAX = 120;

type Value = string | number | undefined;

function small(value: Value): Value {
  return typeof value === 'string' ? clip(value, VALUE_MAX) : value;
}

function change(out: RecordChange[], field: string, from: Value, to: Value): void {
  if (from === to || ((from === undefined || from === '') && (to === undefined || to === ''))) return;
  const entry: RecordChange = { field };
  if (from !== undefined && from !== '') entry.from = small(from);
  if (to !== undefined && to !== '') entry.to = small(to);
  out.push(entry);
}

export function diffRecords(before: HandoffRecord | null, after: HandoffRecord): RecordChange[] {
  const out: RecordChange[] = [];
  change(out, 'pilot planned close date', before?.pilot.plannedCloseDate, after.pilot.plannedCloseDate);
  change(out, 'pilot actual close date', before?.pilot.actualCloseDate, after.pilot.actualCloseDate);
  diffById(out, before?.conditions ?? [], after.conditions, (c) => `condition '${clip(c.name, 80)}'`, diffCondition);
  diffById(out, before?.pilotMetrics ?? [], after.pilotMetrics, (m) => `pilot metric '${clip(m.name, 80)}'`, diffMetric);
  diffById(out, before?.kpis ?? [], after.kpis, (k) => `KPI '${clip(k.name, 80)}'`, (o, a, b, label) => diffKpi(o, a, b, label, after));
  diffOwnership(out, before, after);
  change(out, 'reopen reason', before?.reopened?.reason, after.reopened?.reason);
  for (const key of WORKSTREAM_KEYS) {
    change(out, `workstream '${WORKSTREAM_NAMES[key]}' issue`, before?.workstreams[key]?.issueKey, after.workstreams[key]?.issueKey);
  }
  const items = new Set([...Object.keys(before?.subtasks ?? {}), ...Object.keys(after.subtasks)]);
  for (const item of items) change(out, subtaskLabel(item, before, after), before?.subtasks[item]?.issueKey, after.subtasks[item]?.issueKey);
  return out;
}

/** "sub-task for condition 'X'", "sub-task for KPI 'Y'", "sub-task 'Compliance review: model-card'". */
function subtaskLabel(item: string, before: HandoffRecord | null, after: HandoffRecord): string {
  const [source, first, second] = item.split(':');
  const named = <T extends { id: string; name: string }>(list: (r: HandoffRecord) => T[]) =>
    clip([after, before].flatMap((r) => (r ? list(r) : [])).find((x) => x.id === first)?.name ?? first, 80);
  if (source === 'condition') return `sub-task for condition '${named((r) => r.conditions)}'`;
  if (source === 'kpi') return `sub-task for KPI '${named((r) => r.kpis)}'`;
  const workstream = WORKSTREAM_NAMES[first as keyof typeof WORKSTREAM_NAMES] ?? first;
  return `sub-task '${workstream}: ${second}'`;
}

function diffById<T extends { id: string }>(
  out: RecordChange[],
  before: T[],
  after: T[],
  label: (item: T) => string,
  diffItem: (out: RecordChange[], a: T, b: T, label: string) => void,
): void {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Set(after.map((item) => item.id));
  for (const item of before) if (!now.has(item.id)) out.push({ field: label(item), to: 'removed' });
  for (const item of after) {
    const prev = old.get(item.id);
    if (!prev) out.push({ field: label(item), to: 'added' });
    else diffItem(out, prev, item, label(item));
  }
}

function diffCondition(out: RecordChange[], a: PilotCondition, b: PilotCondition, label: string): void {
  change(out, `${label} name`, a.name, b.name);
  change(out, `${label} kind`, a.kind, b.kind);
  change(out, `${label} details`, a.details, b.details);
  change(out, `${label} granted by`, a.grantedBy, b.grantedBy);
  change(out, `${label} decision`, a.decision.status, b.decision.status);
  const da = decisionFields(a.decision);
  const db = decisionFields(b.decision);
  // After a status change the new decision's fields are news; before it, only edits within one status are.
  for (const field of Object.keys(db) as Array<keyof DecisionFields>) {
    change(out, `${label} ${field}`, a.decision.status === b.decision.status ? da[field] : undefined, db[field]);
  }
}

interface DecisionFields {
  rationale?: string;
  'sustained by'?: string;
  'review date'?: string;
  'production path'?: string;
  'lead time (days)'?: number;
}

function decisionFields(d: Decision): DecisionFields {
  if (d.status === 'permanent') return { rationale: d.rationale, 'sustained by': d.sustainedBy, 'review date': d.reviewDate };
  if (d.status === 'withdrawn') return { rationale: d.rationale, 'production path': d.productionPath, 'lead time (days)': d.leadTimeDays };
  return {};
}

function diffMetric(out: RecordChange[], a: PilotMetric, b: PilotMetric, label: string): void {
  change(out, `${label} name`, a.name, b.name);
  change(out, `${label} result`, a.result, b.result);
}

function diffKpi(out: RecordChange[], a: ProductionKpi, b: ProductionKpi, label: string, after: HandoffRecord): void {
  const metricName = (id?: string) => (id ? (after.pilotMetrics.find((m) => m.id === id)?.name ?? id) : undefined);
  change(out, `${label} name`, a.name, b.name);
  change(out, `${label} category`, a.category, b.category);
  change(out, `${label} status`, a.status, b.status);
  change(out, `${label} baseline`, a.baseline, b.baseline);
  change(out, `${label} target`, a.target, b.target);
  change(out, `${label} unit`, a.unit, b.unit);
  change(out, `${label} direction`, a.direction, b.direction);
  change(out, `${label} data source`, a.source, b.source);
  change(out, `${label} owner`, a.owner, b.owner);
  change(out, `${label} horizon`, a.horizon && horizonText(a.horizon), b.horizon && horizonText(b.horizon));
  change(out, `${label} first review date`, a.firstReviewDate, b.firstReviewDate);
  change(out, `${label} replaces`, metricName(a.replacesMetricId), metricName(b.replacesMetricId));
}

const who = (user?: UserRef): string | undefined => (user ? user.displayName || user.accountId : undefined);

function diffOwnership(out: RecordChange[], before: HandoffRecord | null, after: HandoffRecord): void {
  const a = before?.ownership;
  const b = after.ownership;
  change(out, 'delivery owner', who(a?.deliveryOwner), who(b.deliveryOwner));
  change(out, 'delivery owner acceptance', a?.accepted ? 'accepted' : 'not accepted', b.accepted ? 'accepted' : 'not accepted');
  change(out, 'pilot champion', who(a?.pilotChampion), who(b.pilotChampion));
  for (const key of WORKSTREAM_KEYS) {
    change(out, `workstream '${WORKSTREAM_NAMES[key]}' lead`, who(a?.workstreamLeads[key]), who(b.workstreamLeads[key]));
  }
}

/** Every kind of change to a record, by the resolver that makes it (createWorkstreams links the issues it created). */
export const RECORD_ACTIONS = [
  'savePilot',
  'saveCondition',
  'removeCondition',
  'decideCondition',
  'saveMetric',
  'removeMetric',
  'saveKpi',
  'removeKpi',
  'setOwner',
  'acceptOwnership',
  'setWorkstreamLead',
  'reopenHandoff',
  'createWorkstreams',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

const ACTION_WORDS: Record<RecordAction, string> = {
  savePilot: 'Updated the pilot timeline',
  saveCondition: 'Saved a pilot condition',
  removeCondition: 'Removed a pilot condition',
  decideCondition: 'Decided a pilot condition',
  saveMetric: 'Saved a pilot metric',
  removeMetric: 'Removed a pilot metric',
  saveKpi: 'Saved a production KPI',
  removeKpi: 'Removed a production KPI',
  setOwner: 'Named the delivery owner',
  acceptOwnership: 'Accepted delivery ownership',
  setWorkstreamLead: 'Set a workstream lead',
  reopenHandoff: 'Reopened the handoff',
  createWorkstreams: 'Created workstream issues and sub-tasks',
};

const SUMMARY_MAX = 300;

/** One line for the history list, e.g. "Decided a pilot condition: condition 'X' decision: undecided → permanent". */
export function describeChange(action: RecordAction, changes: RecordChange[]): string {
  const head = ACTION_WORDS[action];
  if (changes.length === 0) return `${head}: no changes`;
  if (changes.length === 1) return clip(`${head}: ${describeOne(changes[0])}`, SUMMARY_MAX);
  const shown = changes.slice(0, 3).map((c) => c.field);
  const more = changes.length - shown.length;
  return clip(`${head}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`, SUMMARY_MAX);
}

function describeOne(c: RecordChange): string {
  const from = c.from === undefined ? undefined : String(c.from);
  const to = c.to === undefined ? undefined : String(c.to);
  if (from !== undefined && to !== undefined) return `${c.field}: ${from} → ${to}`;
  if (to !== undefined) return `${c.field}: ${to}`;
  return `${c.field}: cleared (was ${from})`;
}
