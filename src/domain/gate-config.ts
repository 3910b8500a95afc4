/**
 * The validator's configuration as Jira hands it over: the JSON string the config screen saved, an
 * already-parsed object, or nothing at all (a rule added before the screen ever saved).
 */
import { DEFAULT_GATE_CONFIG, GateConfig } from './policy';

export interface ParsedGateConfig {
  /** The configuration to apply, or the defaults for screens to start from when it is unreadable. */
  config: GateConfig;
  /**
   * Why the stored configuration was not usable. The gate then never decides with the defaults (they
   * may be laxer than what an admin saved): it blocks every epic that is or might be in scope.
   */
  problem?: string;
  /** With a problem: the scope label when that field alone could be read; absent, any epic might be in scope. */
  scopeLabel?: string;
}

export function parseGateConfig(raw: unknown): ParsedGateConfig {
  if (raw === undefined || raw === null || raw === '') return { config: { ...DEFAULT_GATE_CONFIG } };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { config: { ...DEFAULT_GATE_CONFIG }, problem: 'configuration is not JSON' };
    }
  }
  const parsed = GateConfig.safeParse(value);
  if (parsed.success) return { config: parsed.data };
  const problem = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown setting${i.keys.length === 1 ? '' : 's'} ${i.keys.join(', ')}` : `${i.path.join('.') || 'configuration'}: ${i.message}`)).join('; ');
  const scopeLabel = readableScopeLabel(value);
  return { config: { ...DEFAULT_GATE_CONFIG }, problem, ...(scopeLabel !== undefined ? { scopeLabel } : {}) };
}

/** The scope label parsed on its own (absent means the default), so the gate can tell which epics are surely out of scope. */
function readableScopeLabel(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const label = GateConfig.shape.scopeLabel.safeParse((value as Record<string, unknown>).scopeLabel);
  return label.success ? label.data : undefined;
}
