/**
 * The validator's configuration as Jira hands it over: the JSON string the config screen saved, an
 * already-parsed object, or nothing at all (a rule added before the screen ever saved).
 */
import { DEFAULT_GATE_CONFIG, GateConfig } from './policy';

export interface ParsedGateConfig {
  config: GateConfig;
  /** Why the stored configuration was not usable; the gate still decides, with the defaults. */
  problem?: string;
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
  return { config: { ...DEFAULT_GATE_CONFIG }, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'configuration'}: ${i.message}`).join('; ') };
}
