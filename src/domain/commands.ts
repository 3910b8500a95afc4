/**
 * Commands: pure functions applying one validated change to a handoff record. Each returns the next
 * record (version and `updated` are stamped by the use case that saves it) or a typed domain error.
 * Server-set facts (who decided, who accepted, when) come from the context, never from the input.
 */
import type { z } from 'zod';
import type { ConditionInput, DecisionInput, KpiInput, MetricInput } from './inputs';
import { LIMITS, type Decision, type HandoffRecord, type ProductionKpi, type SubtaskItemKey, type UserRef, type WorkstreamIssueRef, type WorkstreamKey } from './record';

export interface CommandContext {
  /** The calling user, from the Forge context. */
  by: UserRef;
  /** ISO timestamp of the change. */
  now: string;
  newId: () => string;
}

export type CommandErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'VALIDATION';
export interface CommandError {
  code: CommandErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
}
export type CommandResult = { ok: true; record: HandoffRecord } | { ok: false; error: CommandError };

const ok = (record: HandoffRecord): CommandResult => ({ ok: true, record });
const fail = (code: CommandErrorCode, message: string, fieldErrors?: Record<string, string>): CommandResult => ({
  ok: false,
  error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) },
});

/** A short random id, unique within the record's lists. */
export function shortId(taken: ReadonlySet<string> = new Set(), random: () => string = () => globalThis.crypto.randomUUID()): string {
  for (;;) {
    const id = random().replace(/-/g, '').slice(0, 12);
    if (!taken.has(id)) return id;
  }
}

export const idsOf = (record: HandoffRecord): Set<string> => new Set([...record.conditions, ...record.pilotMetrics, ...record.kpis].map((x) => x.id));

// ---- pilot ------------------------------------------------------------------------------------------
export interface PilotChange {
  plannedCloseDate: string | null;
  actualCloseDate: string | null;
  /** Resolved from Jira by the caller; null clears it. */
  pilotChampion: UserRef | null;
}

export function savePilot(record: HandoffRecord, change: PilotChange): CommandResult {
  const { workstreamLeads, deliveryOwner, accepted } = record.ownership;
  return ok({
    ...record,
    pilot: {
      ...(change.plannedCloseDate ? { plannedCloseDate: change.plannedCloseDate } : {}),
      ...(change.actualCloseDate ? { actualCloseDate: change.actualCloseDate } : {}),
    },
    ownership: {
      workstreamLeads,
      ...(deliveryOwner ? { deliveryOwner } : {}),
      ...(accepted ? { accepted } : {}),
      ...(change.pilotChampion ? { pilotChampion: change.pilotChampion } : {}),
    },
  });
}

// ---- conditions -------------------------------------------------------------------------------------
export function upsertCondition(record: HandoffRecord, input: z.output<typeof ConditionInput>, ctx: CommandContext): CommandResult {
  const { id, ...fields } = input;
  if (id !== undefined) {
    const existing = record.conditions.find((c) => c.id === id);
    if (!existing) return fail('NOT_FOUND', 'This pilot condition no longer exists on this epic.');
    return ok({ ...record, conditions: record.conditions.map((c) => (c.id === id ? { ...c, ...fields } : c)) });
  }
  if (record.conditions.length >= LIMITS.conditions) return fail('VALIDATION', `At most ${LIMITS.conditions} pilot conditions.`);
  const condition = { id: ctx.newId(), ...fields, decision: { status: 'undecided' as const } };
  return ok({ ...record, conditions: [...record.conditions, condition] });
}

export function removeCondition(record: HandoffRecord, conditionId: string): CommandResult {
  if (!record.conditions.some((c) => c.id === conditionId)) return fail('NOT_FOUND', 'This pilot condition no longer exists on this epic.');
  return ok({ ...record, conditions: record.conditions.filter((c) => c.id !== conditionId) });
}

export function decideCondition(record: HandoffRecord, conditionId: string, input: z.output<typeof DecisionInput>, ctx: CommandContext): CommandResult {
  if (!record.conditions.some((c) => c.id === conditionId)) return fail('NOT_FOUND', 'This pilot condition no longer exists on this epic.');
  const decision: Decision = input.status === 'undecided' ? { status: 'undecided' } : { ...input, decided: { by: ctx.by, at: ctx.now } };
  return ok({ ...record, conditions: record.conditions.map((c) => (c.id === conditionId ? { ...c, decision } : c)) });
}

// ---- measurement ------------------------------------------------------------------------------------
export function upsertMetric(record: HandoffRecord, input: z.output<typeof MetricInput>, ctx: CommandContext): CommandResult {
  const { id, ...fields } = input;
  if (id !== undefined) {
    if (!record.pilotMetrics.some((m) => m.id === id)) return fail('NOT_FOUND', 'This pilot metric no longer exists on this epic.');
    return ok({ ...record, pilotMetrics: record.pilotMetrics.map((m) => (m.id === id ? { ...m, ...fields } : m)) });
  }
  if (record.pilotMetrics.length >= LIMITS.pilotMetrics) return fail('VALIDATION', `At most ${LIMITS.pilotMetrics} pilot metrics.`);
  return ok({ ...record, pilotMetrics: [...record.pilotMetrics, { id: ctx.newId(), ...fields }] });
}

/** Removing a pilot metric also clears it from the KPIs that said they replace it. */
export function removeMetric(record: HandoffRecord, metricId: string): CommandResult {
  if (!record.pilotMetrics.some((m) => m.id === metricId)) return fail('NOT_FOUND', 'This pilot metric no longer exists on this epic.');
  const kpis = record.kpis.map((k): ProductionKpi => {
    if (k.replacesMetricId !== metricId) return k;
    const { replacesMetricId: _dropped, ...rest } = k;
    return rest;
  });
  return ok({ ...record, pilotMetrics: record.pilotMetrics.filter((m) => m.id !== metricId), kpis });
}

export function upsertKpi(record: HandoffRecord, input: z.output<typeof KpiInput>, ctx: CommandContext): CommandResult {
  const { id, ...fields } = input;
  if (fields.replacesMetricId !== undefined && !record.pilotMetrics.some((m) => m.id === fields.replacesMetricId)) {
    return fail('VALIDATION', 'The pilot metric this KPI replaces does not exist on this epic.', { 'kpi.replacesMetricId': 'Pick one of this epic\'s pilot metrics' });
  }
  if (id !== undefined) {
    if (!record.kpis.some((k) => k.id === id)) return fail('NOT_FOUND', 'This production KPI no longer exists on this epic.');
    return ok({ ...record, kpis: record.kpis.map((k) => (k.id === id ? { id, ...fields } : k)) });
  }
  if (record.kpis.length >= LIMITS.kpis) return fail('VALIDATION', `At most ${LIMITS.kpis} production KPIs.`);
  return ok({ ...record, kpis: [...record.kpis, { id: ctx.newId(), ...fields }] });
}

export function removeKpi(record: HandoffRecord, kpiId: string): CommandResult {
  if (!record.kpis.some((k) => k.id === kpiId)) return fail('NOT_FOUND', 'This production KPI no longer exists on this epic.');
  return ok({ ...record, kpis: record.kpis.filter((k) => k.id !== kpiId) });
}

// ---- ownership --------------------------------------------------------------------------------------
/** Naming a different delivery owner resets acceptance: the new owner has not said yes yet. */
export function setOwner(record: HandoffRecord, owner: UserRef | null): CommandResult {
  const { deliveryOwner: current, accepted, ...rest } = record.ownership;
  const same = owner !== null && current?.accountId === owner.accountId;
  return ok({
    ...record,
    ownership: { ...rest, ...(owner ? { deliveryOwner: owner } : {}), ...(same && accepted ? { accepted } : {}) },
  });
}

export function acceptOwnership(record: HandoffRecord, ctx: CommandContext): CommandResult {
  const owner = record.ownership.deliveryOwner;
  if (!owner) return fail('VALIDATION', 'Name a delivery owner first; only the named owner can accept.');
  if (owner.accountId !== ctx.by.accountId) return fail('FORBIDDEN', `Only ${owner.displayName}, the named delivery owner, can accept.`);
  return ok({ ...record, ownership: { ...record.ownership, accepted: { by: ctx.by, at: ctx.now } } });
}

export function setWorkstreamLead(record: HandoffRecord, workstream: WorkstreamKey, lead: UserRef | null): CommandResult {
  const { [workstream]: _previous, ...others } = record.ownership.workstreamLeads;
  return ok({ ...record, ownership: { ...record.ownership, workstreamLeads: lead ? { ...others, [workstream]: lead } : others } });
}

// ---- the Done milestone -----------------------------------------------------------------------------
/** Reopens the locked handoff of a Done epic, saying why; refused while the epic is not Done or already reopened. */
export function reopenHandoff(record: HandoffRecord, reason: string, epic: { key: string; done: boolean }, ctx: CommandContext): CommandResult {
  if (!epic.done) return fail('VALIDATION', `${epic.key} is not Done: its handoff is open for changes, so there is nothing to reopen.`);
  if (record.reopened) {
    return fail('VALIDATION', `${record.reopened.by.displayName} already reopened this handoff (${record.reopened.reason}). It locks again once every question is decided.`);
  }
  return ok({ ...record, reopened: { by: ctx.by, at: ctx.now, reason } });
}

// ---- workstreams ------------------------------------------------------------------------------------
/**
 * Remembers the workstream issues and their sub-tasks created (or found by their marker) under the epic, for
 * the brief, the history and the audit trail, and so a search that lags behind a creation cannot make the
 * next press create them again. The marker in Jira stays the source of truth for whether an issue exists.
 */
export function linkWorkstreams(
  record: HandoffRecord,
  refs: Partial<Record<WorkstreamKey, WorkstreamIssueRef>>,
  subtasks: Record<SubtaskItemKey, WorkstreamIssueRef> = {},
): CommandResult {
  return ok({ ...record, workstreams: { ...record.workstreams, ...refs }, subtasks: { ...record.subtasks, ...subtasks } });
}
