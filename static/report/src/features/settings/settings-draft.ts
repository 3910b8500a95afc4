/**
 * The settings form's own shape: number inputs stay text while typed, the ship-signal threshold is a
 * percentage. Converting back validates with the ProjectSettings schema, so the form says what the
 * server would say.
 */
import { ProjectSettings, type WorkstreamTemplate } from '@src/domain/policy';
import { fieldErrorsOf, type FieldErrors } from '@ui/field-errors';

export interface SettingsDraft {
  version: number;
  initiativeLabel: string;
  workstreamTemplates: WorkstreamTemplate[];
  conditionWorkstreams: ProjectSettings['conditionWorkstreams'];
  workstreamIssueType: string;
  operational: string;
  business: string;
  shipSignalPercent: string;
  stallDays: string;
  requireOwnerAcceptance: boolean;
}

export function draftFrom(settings: ProjectSettings): SettingsDraft {
  return {
    version: settings.version,
    initiativeLabel: settings.initiativeLabel,
    workstreamTemplates: settings.workstreamTemplates.map((t) => ({ ...t, subtasks: t.subtasks.map((s) => ({ ...s })) })),
    conditionWorkstreams: { ...settings.conditionWorkstreams },
    workstreamIssueType: settings.workstreamIssueType,
    operational: String(settings.kpiMinimums.operational),
    business: String(settings.kpiMinimums.business),
    shipSignalPercent: String(Math.round(settings.shipSignalThreshold * 100)),
    stallDays: String(settings.stallDays),
    requireOwnerAcceptance: settings.requireOwnerAcceptance,
  };
}

interface WholeNumberRule {
  path: string;
  label: string;
  min: number;
  max: number;
}

const NUMBER_RULES: Record<'operational' | 'business' | 'shipSignalPercent' | 'stallDays', WholeNumberRule> = {
  operational: { path: 'kpiMinimums.operational', label: 'Operational KPIs', min: 0, max: 10 },
  business: { path: 'kpiMinimums.business', label: 'Business KPIs', min: 0, max: 10 },
  shipSignalPercent: { path: 'shipSignalThreshold', label: 'Ship-signal threshold', min: 0, max: 100 },
  stallDays: { path: 'stallDays', label: 'Stall threshold', min: 1, max: 365 },
};

function wholeNumber(text: string, rule: WholeNumberRule): { value: number; error?: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { value: Number.NaN, error: `${rule.label} must be a whole number` };
  const value = Number(trimmed);
  if (value < rule.min || value > rule.max) return { value, error: `${rule.label} must be between ${rule.min} and ${rule.max}` };
  return { value };
}

export type DraftResult = { ok: true; settings: ProjectSettings } | { ok: false; errors: FieldErrors };

export function settingsFrom(draft: SettingsDraft): DraftResult {
  const errors: FieldErrors = {};
  const numbers = {} as Record<keyof typeof NUMBER_RULES, number>;
  for (const [field, rule] of Object.entries(NUMBER_RULES) as Array<[keyof typeof NUMBER_RULES, WholeNumberRule]>) {
    const parsed = wholeNumber(draft[field], rule);
    numbers[field] = parsed.value;
    if (parsed.error) errors[rule.path] = parsed.error;
  }
  const candidate = {
    version: draft.version,
    initiativeLabel: draft.initiativeLabel,
    workstreamTemplates: draft.workstreamTemplates,
    conditionWorkstreams: draft.conditionWorkstreams,
    workstreamIssueType: draft.workstreamIssueType,
    kpiMinimums: { operational: numbers.operational, business: numbers.business },
    shipSignalThreshold: numbers.shipSignalPercent / 100,
    stallDays: numbers.stallDays,
    requireOwnerAcceptance: draft.requireOwnerAcceptance,
  };
  const schemaErrors = fieldErrorsOf(ProjectSettings, candidate) ?? {};
  for (const [path, message] of Object.entries(schemaErrors)) errors[path] ??= message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: ProjectSettings.parse(candidate) };
}
