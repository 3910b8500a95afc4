/**
 * Where each part of the panel lives: the store keys that open it and the ids of the fields that answer a
 * question. One place, so the header's "Still open" links, the sections and the forms agree.
 */
import type { ProductionKpi } from '@src/domain/record';
import { isBusinessCategory } from '@src/domain/vocabulary';
import type { MissingAnswer } from '@src/domain/readiness-types';
import type { HandoffView } from '@src/shared/contract';

export type SectionId = 'conditions' | 'metrics' | 'ownership' | 'pilot';

export const keys = {
  section: (s: SectionId) => `section:${s}`,
  conditionRow: (id: string) => `row:condition:${id}`,
  conditionForm: (id?: string) => `form:condition:${id ?? 'new'}`,
  decisionForm: (id: string) => `form:decision:${id}`,
  kpiRow: (id: string) => `row:kpi:${id}`,
  kpiForm: (id?: string) => `form:kpi:${id ?? 'new'}`,
  metricForm: () => 'form:metric:new',
  leadsForm: () => 'form:leads',
} as const;

export const ids = {
  sectionToggle: (s: SectionId) => `${s}-toggle`,
  conditionToggle: (id: string) => `condition-${id}-toggle`,
  decisionChoice: (id: string, status: string) => `decision-${id}-${status}`,
  newConditionKind: 'new-condition-kind-input',
  kpiToggle: (id: string) => `kpi-${id}-toggle`,
  kpiPrefix: (id?: string) => (id ? `kpi-${id}` : 'new-kpi'),
  /** The delivery owner picker (its input is `${ownerPicker}-input`, as UserPicker names it). */
  ownerPicker: 'delivery-owner',
  acceptOwnership: 'accept-ownership',
  pilotClosedOn: 'pilot-closed-on',
} as const;

export interface Target {
  keys: string[];
  elementId: string;
}

const committed = (k: ProductionKpi) => k.status === 'agreed' && k.horizon !== undefined;

/** The KPI that would answer the question if agreed (or given a horizon): edit it rather than add another. */
function kpiTarget(view: HandoffView, business: boolean): Target {
  const section = keys.section('metrics');
  const candidate = (view.record?.kpis ?? []).find((k) => isBusinessCategory(k.category) === business && !committed(k));
  if (!candidate) return { keys: [section, keys.kpiForm()], elementId: `${ids.kpiPrefix()}-name` };
  const field = candidate.status !== 'agreed' ? 'status-input' : 'horizon-count';
  return { keys: [section, keys.kpiRow(candidate.id), keys.kpiForm(candidate.id)], elementId: `${ids.kpiPrefix(candidate.id)}-${field}` };
}

/** The field that answers a missing answer, for someone who can edit; undefined when the panel has none. */
export function targetFor(missing: MissingAnswer, view: HandoffView): Target | undefined {
  switch (missing.code) {
    case 'no-conditions':
      return { keys: [keys.section('conditions'), keys.conditionForm()], elementId: ids.newConditionKind };
    case 'undecided-conditions': {
      const first = view.record?.conditions.find((c) => c.decision.status === 'undecided');
      if (!first) return undefined;
      return { keys: [keys.section('conditions'), keys.conditionRow(first.id)], elementId: ids.decisionChoice(first.id, 'undecided') };
    }
    case 'missing-operational-kpi':
      return kpiTarget(view, false);
    case 'missing-business-kpi':
      return kpiTarget(view, true);
    case 'no-owner':
      return { keys: [keys.section('ownership')], elementId: `${ids.ownerPicker}-input` };
    case 'owner-not-accepted':
      // The named owner answers it with the button in the header; anyone else can only name someone else.
      return view.permissions.isOwner ? { keys: [], elementId: ids.acceptOwnership } : { keys: [keys.section('ownership')], elementId: `${ids.ownerPicker}-input` };
    case 'no-actual-close-date':
      return { keys: [], elementId: ids.pilotClosedOn };
    default:
      return undefined;
  }
}

/** Where a viewer (who cannot edit) is taken: the section that holds the answer. */
export function sectionOf(missing: MissingAnswer): SectionId | undefined {
  if (missing.question === 'conditions') return 'conditions';
  if (missing.question === 'kpis') return 'metrics';
  if (missing.question === 'owner') return 'ownership';
  if (missing.question === 'pilot') return 'pilot';
  return undefined;
}
