/**
 * The gate's configuration as the screens edit it: parsing what Jira stored, turning the form into a
 * validated GateConfig, and describing a config in one line for the view screen.
 */
import { GateConfig, type KpiMinimums } from '@src/domain/policy';
import { parseGateConfig } from '@src/domain/gate-config';

export type OwnerAcceptanceChoice = 'project' | 'yes' | 'no';

/** What the form holds: strings for number inputs so a half-typed value is not lost. */
export interface GateForm {
  /** Saved as the configuration's `scopeLabel`: the label that makes an epic an AI initiative, as in the project settings. */
  initiativeLabel: string;
  requireWorkstreamsDone: boolean;
  /** Only with requireWorkstreamsDone: every sub-task the app created under them must be done too. */
  requireSubtasksDone: boolean;
  useProjectKpiMinimums: boolean;
  operational: string;
  business: string;
  ownerAcceptance: OwnerAcceptanceChoice;
}

export type GateFormErrors = Partial<Record<keyof GateForm, string>>;

/** `saved` is false when Jira holds no configuration: a rule added where the screens do not exist (old workflow editor). */
export type StoredConfig = { config: GateConfig; saved: boolean; problem?: string };

/** Jira hands back what onConfigure returned (a JSON string); some hosts parse it first. The gate reads it the same way. */
export function parseStoredConfig(raw: unknown): StoredConfig {
  const saved = raw !== undefined && raw !== null && raw !== '';
  const { config, problem } = parseGateConfig(raw);
  return problem ? { config, saved, problem: `The saved configuration could not be read (${problem}). Until it is saved again the gate blocks every epic that might be in scope; the form shows the defaults.` } : { config, saved };
}

export function formFromConfig(config: GateConfig): GateForm {
  const ownerAcceptance: OwnerAcceptanceChoice = config.requireOwnerAcceptance === undefined ? 'project' : config.requireOwnerAcceptance ? 'yes' : 'no';
  return {
    initiativeLabel: config.scopeLabel,
    requireWorkstreamsDone: config.requireWorkstreamsDone,
    requireSubtasksDone: config.requireSubtasksDone === true,
    useProjectKpiMinimums: config.kpiMinimums === undefined,
    operational: String(config.kpiMinimums?.operational ?? 1),
    business: String(config.kpiMinimums?.business ?? 1),
    ownerAcceptance,
  };
}

function parseMinimum(text: string, label: string): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `${label} must be a whole number from 0 to 10` };
  const value = Number(trimmed);
  if (value > 10) return { error: `${label} must be at most 10` };
  return { value };
}

export type FormResult = { ok: true; config: GateConfig } | { ok: false; errors: GateFormErrors };

export function configFromForm(form: GateForm): FormResult {
  const errors: GateFormErrors = {};
  const scopeLabel = form.initiativeLabel.trim();
  // Jira labels cannot contain spaces; a label with one would never match an epic.
  if (/\s/.test(scopeLabel)) errors.initiativeLabel = 'A Jira label has no spaces';
  let kpiMinimums: KpiMinimums | undefined;
  if (!form.useProjectKpiMinimums) {
    const op = parseMinimum(form.operational, 'Operational KPIs');
    const biz = parseMinimum(form.business, 'Business KPIs');
    if (op.error) errors.operational = op.error;
    if (biz.error) errors.business = biz.error;
    if (op.value !== undefined && biz.value !== undefined) kpiMinimums = { operational: op.value, business: biz.value };
  }
  const candidate: Record<string, unknown> = { scopeLabel, requireWorkstreamsDone: form.requireWorkstreamsDone };
  // Saved only when it applies, so a configuration without it reads back unchanged.
  if (form.requireWorkstreamsDone && form.requireSubtasksDone) candidate.requireSubtasksDone = true;
  if (kpiMinimums) candidate.kpiMinimums = kpiMinimums;
  if (form.ownerAcceptance !== 'project') candidate.requireOwnerAcceptance = form.ownerAcceptance === 'yes';
  const parsed = GateConfig.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'scopeLabel');
      const field = (key === 'scopeLabel' ? 'initiativeLabel' : key) as keyof GateForm;
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, config: parsed.data };
}

/** One line for the view screen, e.g. "… · scope: label ai-initiative · workstreams must be done". Says every rule that applies. */
export function describeConfig(config: GateConfig): string {
  const parts = ['Blocks Done until pilot conditions, KPIs and the delivery owner are decided'];
  parts.push(config.scopeLabel ? `scope: label ${config.scopeLabel}` : 'scope: epics with a handoff record');
  const subtasksToo = config.requireWorkstreamsDone && config.requireSubtasksDone === true;
  parts.push(subtasksToo ? 'workstreams and their sub-tasks must be done' : config.requireWorkstreamsDone ? 'workstreams must be done' : 'workstreams need not be done');
  parts.push(config.kpiMinimums ? `KPI minimums: ${config.kpiMinimums.operational} operational, ${config.kpiMinimums.business} business` : "the project's KPI minimums");
  if (config.requireOwnerAcceptance === undefined) parts.push("the project's owner-acceptance rule");
  else parts.push(config.requireOwnerAcceptance ? 'owner must accept' : 'owner acceptance not required');
  return parts.join(' · ');
}

/** The view screen's line: a rule nobody configured still runs, with the defaults, and says so. */
export function describeStored(stored: StoredConfig): string {
  const line = describeConfig(stored.config);
  if (!stored.saved) return `No configuration saved: the defaults apply. ${line}`;
  return stored.problem ? `${stored.problem} ${line}` : line;
}
